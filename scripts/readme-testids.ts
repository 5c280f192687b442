/**
 * The test ids README.md documents as public: every backticked id in the paragraph that starts "Stable DOM hooks"
 * (up to "Node actions"), plus any later paragraph starting "Stable DOM hooks" or "Embed test ids" (so a section
 * the lead adds is read the same way). Attributes (`data-…`, `aria-…`), quoted values and role names are skipped.
 */
export function readmeTestIds(readme: string): string[] {
  const ids = new Set<string>();
  const starts = [...readme.matchAll(/^(Stable DOM hooks|Embed test ids)/gm)].map((m) => m.index!);
  for (const start of starts) {
    const rest = readme.slice(start);
    const stop = rest.search(/\n\n|Node actions/);
    const paragraph = stop < 0 ? rest : rest.slice(0, stop);
    for (const [, token] of paragraph.matchAll(/`([^`]+)`/g)) {
      if (/^(data|aria)-/.test(token)) continue;
      if (!/^[a-z][a-z0-9]*(?:-(?:[a-z0-9]+|<[^>]+>))*$/.test(token)) continue;
      ids.add(token);
    }
  }
  return [...ids];
}
