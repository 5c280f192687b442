/**
 * "Did you mean …?" hints for misspelt names (fields, command types, paths,
 * flags). A learner typing `heartbeatMs` should be pointed at
 * `heartbeatIntervalMs`, not left to read the whole schema.
 */

/** Levenshtein distance, case-insensitive (case slips are the commonest typo). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length];
}

/**
 * The known name closest to `name`, or null when nothing is plausibly meant.
 * Plausible: a small edit (at most a third of the letters), a prefix
 * (`at` → `atMs`), or an abbreviation — one name's letters appear in order
 * inside the other (`heartbeatMs` → `heartbeatIntervalMs`). Among plausible names the
 * smallest edit distance wins; ties go to the earlier known name.
 */
export function closestName(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    const limit = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    const prefix = name.length >= 2 && candidate.toLowerCase().startsWith(name.toLowerCase());
    const plausible =
      distance <= limit || prefix || isAbbreviation(name, candidate) || isAbbreviation(candidate, name);
    if (plausible && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** True when every letter of `short` appears, in order, in `long` (and `short` is not trivially short). */
function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length) return false;
  const s = short.toLowerCase();
  const l = long.toLowerCase();
  let i = 0;
  for (let j = 0; j < l.length && i < s.length; j++) if (l[j] === s[i]) i++;
  return i === s.length;
}

/** ` (did you mean "x"?)`, or an empty string when nothing is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const match = closestName(name, known);
  return match === null ? '' : ` (did you mean "${match}"?)`;
}
