import { checkCommandAgainstCluster, type Scenario } from '../engine/index';
import { clusterNamesOf } from '../scenarios/cluster-names';
import { sortTimeline } from '../scenarios/parse-timeline';
import type { AtCommand } from './parse-args';

/**
 * `--at` commands join the scenario's timeline before the simulation is
 * created, so they fire exactly as timeline entries do (same event order,
 * same digest as a scenario file that lists them). At equal times the
 * scenario's own entries go first, then --at flags in the order given.
 */
export function withAtCommands(
  scenario: Scenario,
  at: readonly AtCommand[],
): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const cluster = clusterNamesOf(scenario);
  const errors = at.flatMap(({ command, text }) => {
    const problem = checkCommandAgainstCluster(command, cluster);
    return problem === null ? [] : [`--at "${text}": ${problem}`];
  });
  if (errors.length > 0) return { ok: false, errors };
  if (at.length === 0) return { ok: true, scenario };
  const timeline = sortTimeline([...scenario.timeline, ...at.map(({ atMs, command }) => ({ atMs, command }))]);
  return { ok: true, scenario: { ...scenario, timeline } };
}
