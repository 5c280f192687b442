/**
 * Profile bench case (b) alone (design recovery-repair.md §13): one run to `converged`, its wall time, event count
 * and simulated time. Run under `node --cpu-prof --import tsx scripts/profile-leaderless.ts` to see where time goes.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../src/engine/index';
import { leaderlessRepairScenario } from '../src/cli/bench-leaderless-scenario';

const runs = Number(process.argv[2] ?? 1);
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const sim = createSimulation({ scenario: leaderlessRepairScenario() });
  const run = sim.runUntil('converged', { maxMs: 3_600_000 });
  const ms = performance.now() - start;
  const m = sim.getMetrics();
  console.log(JSON.stringify({ ms: Math.round(ms), digest: sim.digest(), reached: run.reached, events: sim.eventCount, simMs: sim.timeMs, heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), streamed: m.repairStreamedKeys, stale: m.staleKeysTruth }));
}
