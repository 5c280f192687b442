/**
 * Profile bench case (b) alone (design recovery-repair.md §13): one run to `converged`, its wall time, event count
 * and simulated time. Run under `node --cpu-prof --import tsx scripts/profile-leaderless.ts` to see where time goes.
 * `cpuMs` is the process's CPU time over the run (user + system): on a machine shared with other work it moves far
 * less than the wall time, so compare it between two trees measured in turn.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../src/engine/index';
import { leaderlessRepairScenario } from '../src/cli/bench-leaderless-scenario';

const runs = Number(process.argv[2] ?? 1);
for (let i = 0; i < runs; i++) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const sim = createSimulation({ scenario: leaderlessRepairScenario() });
  const run = sim.runUntil('converged', { maxMs: 3_600_000 });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const m = sim.getMetrics();
  console.log(JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), digest: sim.digest(), reached: run.reached, events: sim.eventCount, simMs: sim.timeMs, heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), streamed: m.repairStreamedKeys, stale: m.staleKeysTruth }));
}
