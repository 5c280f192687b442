import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry } from '../engine/index';
import { builtInScenarioIds, getBuiltInScenario } from './registry';

/**
 * Golden traces: every built-in scenario run to healthy (or 10 simulated
 * minutes) with its own seed, written out as the words a learner reads.
 * Any change of behaviour or wording shows up here as a reviewed diff;
 * refresh with `npx vitest run -u src/scenarios/golden-traces.test.ts`
 * and read the diff before committing it.
 */
const HORIZON_MS = 600_000;

function line(entry: TraceEntry): string {
  return `${(entry.timeMs / 1000).toFixed(3).padStart(8)}s  ${entry.level.padEnd(5)}  ${entry.actor.padEnd(9)}  ${entry.kind}: ${entry.text}`;
}

describe('golden traces of the built-in scenarios', () => {
  for (const id of builtInScenarioIds()) {
    it(id, async () => {
      const scenario = getBuiltInScenario(id)!;
      const sim = createSimulation({ scenario });
      const result = sim.runUntil('healthy', { maxMs: HORIZON_MS });
      // Heartbeats are detail noise; everything a learner reads in the log is kept.
      const words = sim.getTrace().filter((e) => e.level !== 'detail').map(line);
      const footer = `-- runUntil('healthy'): reached=${result.reached} at ${result.timeMs} ms (${result.reason})`;
      await expect([...words, footer, ''].join('\n')).toMatchFileSnapshot(`golden/${id}.trace.txt`);
    });
  }
});
