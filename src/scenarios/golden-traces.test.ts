import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry } from '../engine/index';
import { builtInScenarioIds, getBuiltInScenario } from './registry';

/**
 * Golden traces: every built-in scenario run to healthy (converged for a
 * leaderless one) or 10 simulated minutes, with its own seed, written out
 * as the words a learner reads. Any change of behaviour or wording shows up here as a reviewed diff;
 * refresh with `npx vitest run -u src/scenarios/golden-traces.test.ts`
 * and read the diff before committing it.
 */
const HORIZON_MS = 600_000;
/** Room for every entry of the largest built-in (1,000 nodes heartbeat 2,000 detail entries a second): the golden trace is the whole run. */
const TRACE_WINDOW_ENTRIES = 1_000_000;

function line(entry: TraceEntry): string {
  return `${(entry.timeMs / 1000).toFixed(3).padStart(8)}s  ${entry.level.padEnd(5)}  ${entry.actor.padEnd(9)}  ${entry.kind}: ${entry.text}`;
}

/** FNV-1a over each entry's fields as JSON (keys in a fixed order). */
function digestOf(entries: readonly TraceEntry[]): string {
  let hash = 0x811c9dc5;
  for (const e of entries) {
    const text = JSON.stringify([e.seq, e.timeMs, e.event, e.actor, e.kind, e.level, e.text, e.data]);
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

describe('golden traces of the built-in scenarios', () => {
  for (const id of builtInScenarioIds()) {
    it(id, async () => {
      const scenario = getBuiltInScenario(id)!;
      const sim = createSimulation({ scenario, traceWindowEntries: TRACE_WINDOW_ENTRIES });
      // A leaderless lesson goes on after the cluster is whole: until no key is stale and the replicas' roots agree.
      const target = scenario.params.replication === 'leaderless' ? 'converged' : 'healthy';
      const result = sim.runUntil(target, { maxMs: HORIZON_MS });
      // The cluster can be whole again while a node still replays its log (cp re-homed what it held): the lesson
      // goes on until that replay is over, so the golden trace does too.
      const recovering = () => sim.getMetrics().nodesRecovering > 0;
      const settled = recovering() ? sim.runUntil(() => !recovering(), { maxMs: HORIZON_MS }) : null;
      // Heartbeats are detail noise; everything a learner reads in the log is kept.
      const words = sim.getTrace().filter((e) => e.level !== 'detail').map(line);
      const footer =
        `-- runUntil('${target}'): reached=${result.reached} at ${result.timeMs} ms (${result.reason})` +
        (settled ? `\n-- then until no node is recovering: reached=${settled.reached} at ${settled.timeMs} ms` : '');
      // The words above skip detail and never show `data`; this digest covers every entry's text and data,
      // so a change in what an entry carries (a node id, an LSN) is a reviewed diff too.
      const digest = `-- every entry's text and data (${sim.getTraceWindow().recorded} entries): ${digestOf(sim.getTrace())}`;
      expect(sim.getTraceWindow().evicted.entries).toBe(0);
      await expect([...words, footer, digest, ''].join('\n')).toMatchFileSnapshot(`golden/${id}.trace.txt`);
      // fleet-1000-nodes runs 1,000 nodes × 100,000 shards: seconds, more on a loaded machine.
    }, 180_000);
  }
});
