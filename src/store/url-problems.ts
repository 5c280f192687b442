/** The most URL problems shown one by one; a hand-edited link with thousands of bad entries gets one more line. */
export const MAX_URL_ALERTS = 5;

/**
 * The alerts a link's problems become: each of the first few by name, then one line counting the rest, so a
 * link with 10,000 bad `c=` entries does not bury the page (or the learner) under 10,000 alerts.
 */
export function urlProblemAlerts(problems: readonly string[], max = MAX_URL_ALERTS): string[] {
  if (problems.length <= max) return problems.slice();
  const rest = problems.length - max;
  return [...problems.slice(0, max), `…and ${rest} more problem${rest === 1 ? '' : 's'} in the link, each handled like the ones above.`];
}
