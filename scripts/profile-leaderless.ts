/**
 * Profile bench case (b) alone (design recovery-repair.md §13): one run to `converged`, its wall time, event count
 * and simulated time. Run under `node --cpu-prof --import tsx scripts/profile-leaderless.ts` to see where time goes.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../src/engine/index';
import { parseScenario } from '../src/scenarios/parse-scenario';

const parsed = parseScenario({
  id: 'bench-100-leaderless-repair',
  nodes: 100,
  racks: 10,
  shards: 10_000,
  failover: { autoReReplicate: false },
  params: { replication: 'leaderless', writeConsistency: 'QUORUM', readConsistency: 'QUORUM', hintedHandoff: false, deadAfterMs: 600_000 },
  workload: { writesPerSec: 2000, readsPerSec: 0 },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 65_000, command: { type: 'node.restart', node: 'n3' } },
    { atMs: 70_000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
});
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const runs = Number(process.argv[2] ?? 1);
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const sim = createSimulation({ scenario: parsed.scenario });
  const run = sim.runUntil('converged', { maxMs: 3_600_000 });
  const ms = performance.now() - start;
  const m = sim.getMetrics();
  console.log(JSON.stringify({ ms: Math.round(ms), digest: sim.digest(), reached: run.reached, events: sim.eventCount, simMs: sim.timeMs, heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), streamed: m.repairStreamedKeys, stale: m.staleKeysTruth }));
}
