/**
 * `npm run bench` — the engine figures of DESIGN.md §5, measured headless.
 * Wall times are medians of several runs in one warmed-up process (the first,
 * cold run is reported separately). Heap is the peak `heapUsed` of one more
 * run, sampled every simulated second after a forced GC (the whole process's
 * heap, so it includes the retained previous simulation object). Nothing here is asserted: the
 * figures go into BENCHMARKS.md.
 *
 * The soak runs 24 simulated hours of churn (3 with --quick) and samples the
 * heap after a forced GC at the end of every simulated hour: it must stay flat.
 *
 * Case (b) of design recovery-repair.md §13 runs leaderless to `converged` (staleKeysTruth 0, roots equal); alone
 * with `--only leaderless` (no other case, no soak, no seek).
 *
 * Usage: npm run bench [-- --quick] [-- --json] [-- --soak-hours N] [-- --only leaderless]
 */
import { performance } from 'node:perf_hooks';
import { createSimulation, restoreBoundForDeath, type Scenario, type Simulation } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { getBuiltInScenario } from '../scenarios/registry';
import { leaderlessRepairScenario } from './bench-leaderless-scenario';
import { runSoak, SOAK_NODES } from './soak';

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : null;
if (only !== null && only !== 'leaderless') throw new Error(`--only takes "leaderless" (design §13 case b), got ${only}`);
const gc = (globalThis as { gc?: () => void }).gc;

interface RunFigures {
  wallMs: number;
  peakHeapBytes: number;
  sim: Simulation;
}

function clusterScenario(id: string, nodes: number, racks: number, shards: number): Scenario {
  const parsed = parseScenario({
    id,
    nodes,
    racks,
    shards,
    timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n3' } }],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}

/** What a case runs to: `healthy` (the failover cases) or `converged` (leaderless repair, design §11.5). */
type BenchTarget = 'healthy' | 'converged';

/** The run before the one being built: let go once the new one's world is built (measure() says why). */
interface RunBefore {
  run: RunFigures | null;
}

/** Wall time: build the simulation and run it straight to its target, nothing else in the loop. */
function runToTarget(scenario: Scenario, target: BenchTarget, before: RunBefore = { run: null }): RunFigures {
  gc?.();
  const start = performance.now();
  const sim = createSimulation({ scenario });
  before.run = null;
  const run = sim.runUntil(target, { maxMs: 3_600_000 });
  const wallMs = performance.now() - start;
  if (!run.reached) throw new Error(`${scenario.id} did not reach ${target}: ${run.reason}`);
  return { wallMs, peakHeapBytes: 0, sim };
}

/** Peak heap: a separate run in one-second slices, sampling heapUsed between slices. */
function peakHeapToTarget(scenario: Scenario, target: BenchTarget): number {
  gc?.();
  let peak = process.memoryUsage().heapUsed;
  const sim = createSimulation({ scenario });
  for (let run = sim.runUntil(target, { maxMs: 1000 }); !run.reached; ) {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    run = sim.runUntil(target, { maxMs: sim.timeMs + 1000 });
  }
  return Math.max(peak, process.memoryUsage().heapUsed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(label: string, scenario: Scenario, runs: number, target: BenchTarget = 'healthy') {
  // Only the newest run's simulation is kept (for its figures), so neither the timed runs nor the heap pass carry
  // every previous run's world (case b: ~58 MiB each after a GC). Each earlier one is let go once the next run's world
  // is built, not before: V8 holds an object shape (hidden class) only while some object has it, and optimised code
  // that relied on a shape is thrown away when the shape goes. Dropped before the next build, the only world went with
  // its shapes at the GC that starts each run, and every warm run began by re-optimising the engine (`--trace-deopt`:
  // ~300 functions marked "weak objects" over four runs of case b, against ~5 when handed over; BENCHMARKS.md,
  // twenty-first session).
  let run: RunFigures | null = runToTarget(scenario, target);
  const coldWallMs = run.wallMs;
  const warmWallMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before: RunBefore = { run };
    run = null;
    run = runToTarget(scenario, target, before);
    warmWallMs.push(run.wallMs);
  }
  const sim = run.sim;
  return {
    label,
    coldWallMs,
    medianWallMs: median(warmWallMs),
    minWallMs: Math.min(...warmWallMs),
    maxWallMs: Math.max(...warmWallMs),
    peakHeapMiB: peakHeapToTarget(scenario, target) / 2 ** 20,
    runs,
    events: sim.eventCount,
    simulatedMs: sim.timeMs,
    sim,
  };
}

/**
 * Re-homing against its physical lower bound (src/engine/model/restore-bound.ts, where the formula is derived):
 * the configured failover-path delay, plus the larger of the ingress and egress times of whole shards over the
 * nodes the rack rules and the surviving replicas allow, plus the log tail. `fluidMs` is the older, looser
 * "bytes lost ÷ usable rebuild bandwidth" figure, kept for comparison with earlier landings.
 */
function rebuildFigures(scenario: Scenario, sim: Simulation) {
  const state = sim.getState();
  const dead = state.failoverEvents[0].failedNode;
  const before = createSimulation({ scenario });
  const bound = restoreBoundForDeath(scenario, before.getState(), dead);
  const held = state.failoverEvents[0].affectedShards * state.shardSizeBytes;
  const targets = Object.values(state.metrics.rebuildTargetsByNode);
  const restoreMs = state.metrics.timeToRestoreRfMs ?? NaN;
  return {
    maxRebuiltPerSurvivor: Math.max(...targets),
    minRebuiltPerSurvivor: Math.min(...targets),
    bytesMovedRatio: state.metrics.bytesMoved / held,
    timeToRestoreRfMs: restoreMs,
    boundMs: bound.boundMs,
    restoreRatio: restoreMs / bound.boundMs,
    bound,
    fluidRatio: restoreMs / Math.max(bound.fluidMs, bound.oneShardMs),
    detectionDelayMs: state.metrics.detectionDelayMs,
  };
}

/** Seek = a fresh run of the same inputs advanced to the target time (what the console's step-back does). */
function measureSeek(scenario: Scenario) {
  const times = [30_000, 120_000, 300_000, 600_000];
  const samples: number[] = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    for (const t of times) {
      const start = performance.now();
      const sim = createSimulation({ scenario });
      sim.advanceBy(t);
      samples.push(performance.now() - start);
    }
  }
  return { medianMs: median(samples), maxMs: Math.max(...samples), samples: samples.length };
}

/**
 * Design recovery-repair.md §13 (a): a rack loses power under client writes at 1,000 nodes × 100,000 shards; its
 * nodes restart, replay their logs in chunks of 256 records, catch up, and the cluster returns to healthy.
 */
function rackPowerLossScenario(): Scenario {
  const parsed = parseScenario({
    id: 'bench-1000-rack-power-loss',
    nodes: 1000,
    racks: 20,
    shards: 100_000,
    params: { walReplayChunkRecords: 256 },
    workload: { writesPerSec: 2000, readsPerSec: 0 },
    timeline: [
      { atMs: 20_000, command: { type: 'rack.fail', rack: 'r1', kind: 'power' } },
      ...Array.from({ length: 50 }, (_, i) => ({ atMs: 25_000, command: { type: 'node.restart', node: `n${1 + i * 20}` } })),
    ],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}

/** Design §13 (c): the worked example with clients writing, so every replica's log fills and n3 replays on restart. */
function workedWithLog(): Scenario {
  const parsed = parseScenario({
    id: 'bench-worked-with-log',
    nodes: 6,
    racks: 6,
    shards: 400,
    workload: { writesPerSec: 200, readsPerSec: 50 },
    timeline: [
      { atMs: 5000, command: { type: 'node.crash', node: 'n3', kind: 'power' } },
      { atMs: 8000, command: { type: 'node.restart', node: 'n3' } },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}

/** Case (b)'s own figures: the stale keys the outage left and what the repair did about them. */
function leaderlessFigures(sim: Simulation) {
  const m = sim.getMetrics();
  return {
    merkleHashesExchanged: m.merkleHashesExchanged,
    repairStreamedKeys: m.repairStreamedKeys,
    validationBytes: m.validationBytes,
    staleKeysTruth: m.staleKeysTruth,
  };
}

const leaderlessLabel = '100 × 10,000 leaderless: n3 down 60 s under 2,000 writes/s, then repair.run:all,full, to converged';
if (only === 'leaderless') {
  const r = measure(leaderlessLabel, leaderlessRepairScenario(), quick ? 2 : 5, 'converged');
  const { sim, ...figures } = r;
  const extra = leaderlessFigures(sim);
  if (asJson) console.log(JSON.stringify({ results: [figures], leaderless: extra, node: process.version, gc: Boolean(gc) }, null, 2));
  else {
    const f = (n: number, d = 1) => n.toFixed(d);
    console.log(`Failover Lab engine bench (leaderless only) — node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures are rough)'}\n`);
    console.log('| figure | median wall | min–max | cold (first run) | peak heap | events | simulated |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(`| ${r.label} | ${f(r.medianWallMs)} ms (n=${r.runs}) | ${f(r.minWallMs)}–${f(r.maxWallMs)} ms | ${f(r.coldWallMs)} ms | ${f(r.peakHeapMiB)} MiB | ${r.events} | ${f(r.simulatedMs / 1000)} s |`);
    console.log(`- ${JSON.stringify(extra)}`);
  }
  process.exit(0);
}

const worked = getBuiltInScenario('rehome-worked-example');
if (!worked) throw new Error('built-in scenario rehome-worked-example is missing');

const results = [
  measure('worked example (6 nodes, 400 shards, n3 dies)', worked, quick ? 5 : 15),
  measure('100 nodes × 10,000 shards, one dies', clusterScenario('bench-100', 100, 10, 10_000), quick ? 2 : 5),
  measure('1,000 nodes × 100,000 shards, one dies', clusterScenario('bench-1000', 1000, 20, 100_000), quick ? 1 : 3),
  measure('worked example with the log: 200 writes/s, n3 loses power and replays', workedWithLog(), quick ? 5 : 15),
  measure('1,000 × 100,000 under 2,000 writes/s: rack r1 loses power, 50 nodes replay', rackPowerLossScenario(), quick ? 1 : 3),
  measure(leaderlessLabel, leaderlessRepairScenario(), quick ? 2 : 5, 'converged'),
];
const scaleScenarios = [worked, clusterScenario('bench-100', 100, 10, 10_000), clusterScenario('bench-1000', 1000, 20, 100_000)];
const rebuild = rebuildFigures(worked, results[0].sim);
// Time to restore RF / its bound at 6, 100 and 1,000 nodes (the runs measured above, one death each).
const restoreAtScale = [0, 1, 2].map((i) => ({ nodes: scaleScenarios[i].nodes.length, ...rebuildFigures(scaleScenarios[i], results[i].sim) }));
const seek = measureSeek(worked);
const soak = measureSoak(soakHours());

function soakHours(): number {
  const at = process.argv.indexOf('--soak-hours');
  const hours = at >= 0 ? Number(process.argv[at + 1]) : quick ? 3 : 24;
  if (!(Number.isInteger(hours) && hours >= 3 && hours <= 24)) throw new Error(`--soak-hours must be a whole number from 3 to 24 (a slope needs two hours after the first), got ${process.argv[at + 1]}`);
  return hours;
}

/** Wall time of a long churn run, and the heap at the end of each simulated hour (after a forced GC). */
function measureSoak(hours: number) {
  gc?.();
  const start = performance.now();
  const heapMiB: number[] = [];
  let last = { events: 0, recorded: 0, kept: 0, writesAcked: 0 };
  const sim = runSoak(hours, (_sim, hour) => {
    gc?.();
    heapMiB.push(process.memoryUsage().heapUsed / 2 ** 20);
    last = { events: hour.events, recorded: hour.trace.recorded, kept: hour.trace.recorded - hour.trace.firstKeptSeq, writesAcked: hour.writesAcked };
  });
  const wallMs = performance.now() - start;
  // Slope from the end of hour 1 (the window is full by then) to the last hour, by least squares.
  const xs = heapMiB.map((_, i) => i + 1).slice(1);
  const ys = heapMiB.slice(1);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return {
    hours,
    nodes: SOAK_NODES,
    wallMs,
    heapMiBByHour: heapMiB.map((h) => Number(h.toFixed(1))),
    heapSlopeMiBPerHour: slope,
    invariantViolations: sim.checkInvariants().length,
    writesLost: sim.getMetrics().writesLost,
    ...last,
  };
}

if (asJson) {
  console.log(
    JSON.stringify(
      {
        results: results.map(({ sim, ...r }) => (void sim, r)),
        rebuild,
        restoreAtScale,
        seek,
        soak,
        node: process.version,
        gc: Boolean(gc),
      },
      null,
      2,
    ),
  );
} else {
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(`Failover Lab engine bench — node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures are rough)'}\n`);
  console.log('| figure | median wall | cold (first run) | peak heap | events | simulated |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.label} | ${f(r.medianWallMs)} ms (n=${r.runs}) | ${f(r.coldWallMs)} ms | ${f(r.peakHeapMiB)} MiB | ${r.events} | ${f(r.simulatedMs / 1000)} s |`,
    );
  console.log('\nWorked example rebuild:');
  console.log(`- rebuilt shards per survivor: max ${rebuild.maxRebuiltPerSurvivor}, min ${rebuild.minRebuiltPerSurvivor} (ideal 40)`);
  console.log(`- bytes moved / bytes the dead node held: ${f(rebuild.bytesMovedRatio, 4)}`);
  console.log(`- detection delay: ${rebuild.detectionDelayMs} ms`);
  console.log('\nTime to restore RF / its physical bound (src/engine/model/restore-bound.ts; budget ≤ 1.15):');
  console.log('| nodes | shards re-homed | time to restore RF | bound (path + transfer + tail) | ratio | transfer: ingress / egress / fluid | ratio to fluid-or-one-shard |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of restoreAtScale)
    console.log(
      `| ${r.nodes} | ${r.bound.shards} | ${f(r.timeToRestoreRfMs / 1000, 3)} s | ${f(r.boundMs / 1000, 3)} s | **${f(r.restoreRatio, 3)}** | ` +
        `${f(r.bound.ingressMs / 1000, 2)} / ${f(r.bound.egressMs / 1000, 2)} / ${f(r.bound.fluidMs / 1000, 2)} s | ${f(r.fluidRatio, 3)} |`,
    );
  console.log(
    `\nSoak (${soak.hours} simulated hours of churn on ${soak.nodes} nodes, a fault every 5 min): ${f(soak.wallMs / 1000)} s wall, ` +
      `${soak.events} events, ${soak.writesAcked} writes acked, ${soak.writesLost} lost, ${soak.invariantViolations} invariant violations`,
  );
  console.log(
    `- heap after GC by hour (MiB): ${soak.heapMiBByHour.join(', ')}; slope from hour 1 on ${f(soak.heapSlopeMiBPerHour, 2)} MiB/h; ` +
      `trace entries recorded ${soak.recorded}, kept ${soak.kept}`,
  );
  console.log(`\nSeek (fresh run to 30 s, 2 min, 5 min, 10 min of the worked example): median ${f(seek.medianMs)} ms, max ${f(seek.maxMs)} ms over ${seek.samples} seeks`);
}
