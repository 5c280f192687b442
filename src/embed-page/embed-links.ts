/**
 * The embed's own URL options (teaching-embed.md §3.2): read by the embed page, never by the console. The console's
 * parameters (scenario, seed, c, e, t, speed, lesson…) pass through to the engine and to the full-console link.
 */
const EMBED_ONLY = ['panels', 'controls', 'interactive', 'autoplay', 'until', 'range', 'loop', 'poster', 'origin', 'instance', 'label'];

/** The query the console itself reads: the embed's options out, and `theme` only when it pins light or dark. */
export function consoleSearchOf(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of EMBED_ONLY) params.delete(name);
  const theme = params.get('theme');
  if (theme !== null && theme !== 'light' && theme !== 'dark') params.delete('theme');
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** The full console (the app's root, one folder up from /embed/) opened on `query` ("?…" or ""). */
export function consoleLinkOf(query: string, embedHref: string): string {
  const search = query === '' || query.startsWith('?') ? query : `?${query}`;
  return new URL(`../${search}`, embedHref).href;
}
