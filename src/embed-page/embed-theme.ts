/**
 * The embed's colour scheme on <html>: a pinned light or dark, or null for the system's (global.css follows
 * `prefers-color-scheme` when no data-theme is set). The inline script in embed/index.html does the same from
 * `theme=` before the first paint, so a dark embed never flashes white; this keeps it in step with the view store
 * (the host's setTheme).
 */
export function applyEmbedTheme(theme: 'light' | 'dark' | null): void {
  const root = document.documentElement;
  if (theme === null) {
    delete root.dataset.theme;
    root.style.colorScheme = '';
  } else {
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }
}

/** `reducedMotion=1`, or the reader's system setting. */
export function prefersReducedMotion(search: string): boolean {
  const asked = new URLSearchParams(search).get('reducedMotion');
  if (asked === '1') return true;
  if (asked === '0') return false;
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
