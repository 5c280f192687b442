import { checkCommandAgainstCluster, type ClusterNames, type Command, type TimedCommand } from '../engine/index';
import { budgetSpent, problemAt, type Problems, type Soundness } from './field-checks';

/**
 * `timeline`: commands the run applies at set times. Each command's shape is
 * the command schema's; here each well-shaped one is checked against the
 * cluster exactly as a live command would be.
 */

/** `cluster` is null when the node list is broken: then only command shapes are checked. */
export function checkTimeline(raw: unknown, ok: Soundness, cluster: ClusterNames | null, problems: Problems): void {
  if (!Array.isArray(raw) || cluster === null || !ok.typed(['timeline'])) return;
  for (const [i, entry] of (raw as { command?: Command }[]).entries()) {
    if (budgetSpent(problems)) break;
    if (!ok.whole(['timeline', i, 'command'])) continue;
    const problem = checkCommandAgainstCluster(entry.command as Command, cluster);
    if (problem) problems.push(problemAt(['timeline', i, 'command'], problem));
  }
}

/** Sorted by atMs; Array.prototype.sort is stable, so commands at the same ms keep their written order. */
export function sortTimeline(timeline: readonly TimedCommand[]): TimedCommand[] {
  return [...timeline].sort((x, y) => x.atMs - y.atMs);
}
