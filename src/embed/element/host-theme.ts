/**
 * The host page's colour scheme for `theme="auto"` (teaching-embed.md §3.5), read in this order:
 * 1. `theme-source="<css selector>"`: dark while the selector matches (e.g. `html.dark`), else light;
 * 2. `html[data-theme]` (Docusaurus and many others set it) when it says light or dark;
 * 3. the element's computed `color-scheme` when it names one scheme;
 * 4. the reader's system preference.
 */
export function hostScheme(element: Element, themeSource: string | null): 'light' | 'dark' {
  const doc = element.ownerDocument;
  if (themeSource) {
    try {
      return doc.querySelector(themeSource) ? 'dark' : 'light';
    } catch {
      // A selector that does not parse is ignored: the other signals decide.
    }
  }
  const dataTheme = doc.documentElement.getAttribute('data-theme');
  if (dataTheme === 'dark' || dataTheme === 'light') return dataTheme;
  const scheme = getComputedStyle(element).colorScheme ?? '';
  const words = scheme.split(/\s+/);
  if (words.includes('dark') && !words.includes('light')) return 'dark';
  if (words.includes('light') && !words.includes('dark')) return 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Calls `changed` whenever something the host scheme is read from may have changed; returns the stop. */
export function watchHostScheme(element: Element, changed: () => void): () => void {
  const doc = element.ownerDocument;
  const observer = new MutationObserver(changed);
  // Theme toggles write a class, data-theme or style on <html> or <body>.
  const attributeFilter = ['class', 'data-theme', 'style'];
  observer.observe(doc.documentElement, { attributes: true, attributeFilter });
  if (doc.body) observer.observe(doc.body, { attributes: true, attributeFilter });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', changed);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', changed);
  };
}
