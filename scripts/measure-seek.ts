/**
 * Seek times and snapshot memory of the console's RunRecorder (issue 12, DESIGN §5's seek budgets: anywhere in a
 * 10-minute run ≤ 50 ms for the worked example, ≤ 100 ms at 100 × 10,000, ≤ 300 ms at 1,000 × 100,000), in Node.
 * The lead measures the same in the browser; this is the engine-and-recorder part alone, no rendering.
 *
 * For each size: plays the built-in 10 minutes once (the first pass takes the snapshots), then seeks back and
 * forward to spread-out moments, with snapshots ("after") and re-simulating from the start ("before", the old
 * recorder's way), and checks every seek lands on the same digest as the other way. Also stepBack(1), a shared
 * link's restore, the snapshots' count, estimated bytes and measured heap. Nothing is asserted.
 *
 * Usage: node --expose-gc --import tsx scripts/measure-seek.ts [--sizes 6,100,1000] [--minutes 10] [--seeks 8]
 *        [--before-seeks 3] [--cpu-clock] [--json]
 * --cpu-clock: snapshots spaced by this process's CPU time instead of wall time (the console's rule), for a machine
 * shared with other work, where wall time counts everyone's.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getBuiltInScenario } from '../src/scenarios/registry';
import { consoleCluster } from '../src/store/console-projection';
import { CONSOLE_SNAPSHOTS, RunRecorder, type SnapshotPolicy } from '../src/store/run-recorder';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const SIZES: Record<string, string> = { '6': 'rehome-worked-example', '100': 'fleet-100-nodes', '1000': 'fleet-1000-nodes' };
const sizes = arg('sizes', '6,100,1000').split(',');
const minutes = Number(arg('minutes', '10'));
const seekCount = Number(arg('seeks', '8'));
const beforeSeeks = Number(arg('before-seeks', '3'));
const asJson = args.includes('--json');
const cpuClock = args.includes('--cpu-clock');
const cpuNowMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const gc = (globalThis as { gc?: () => void }).gc;

/** The old recorder's way: never a snapshot, every step back re-simulates from the start. */
const NO_SNAPSHOTS: SnapshotPolicy = { workClock: () => 0, minSpacing: Infinity, maxBytes: Infinity };

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function time(work: () => void): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function heapMiB(): number | null {
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Go to `ms` the way the console's seek does: forward with advanceTo, back with rewindToTime. */
function seek(run: RunRecorder, ms: number): void {
  if (ms >= run.sim.timeMs) run.advanceTo(ms);
  else run.rewindToTime(ms);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const max = (xs: number[]): number => xs.reduce((m, x) => Math.max(m, x), -Infinity);

/** Spread-out targets in [0, end): a fixed pseudo-random sequence (golden-ratio steps), the same every run. */
function targets(endMs: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor((((i + 1) * 0.6180339887) % 1) * endMs));
}

function measureSize(size: string) {
  const id = SIZES[size];
  const scenario = id ? getBuiltInScenario(id) : undefined;
  if (!scenario) throw new Error(`no built-in for size ${size} (sizes: ${Object.keys(SIZES).join(', ')})`);
  const endMs = minutes * 60_000;
  const label = `${scenario.nodes.length} × ${scenario.shards.toLocaleString('en')}`;

  const heapBefore = heapMiB();
  let run!: RunRecorder;
  const policy: SnapshotPolicy = cpuClock ? { ...CONSOLE_SNAPSHOTS, workClock: cpuNowMs } : CONSOLE_SNAPSHOTS;
  const load = time(() => (run = new RunRecorder(scenario, scenario.seed, { snapshots: () => policy })));
  // The first pass, as playing does it: a second of simulated time at a time.
  const firstPass = time(() => {
    for (let t = 1000; t <= endMs; t += 1000) run.advanceTo(t);
  });
  const heapAfterPass = heapMiB();
  const snapshots = run.snapshotCount;
  const snapshotBytes = run.snapshotBytes;
  const estimates = run.snapshotEstimates();

  // After: seeks from the end back to each target, then from an early moment forward to each target.
  const digests = new Map<number, string>();
  const back: Timing[] = [];
  const forward: Timing[] = [];
  // What the console projects right after a seek back (the shard codes, the metrics, the listed shards): the page
  // waits for this frame too. The run's end is projected first, as a playing console would have.
  const firstFrame: Timing[] = [];
  for (const ms of targets(endMs, seekCount)) {
    seek(run, endMs);
    consoleCluster(run.sim, null);
    back.push(time(() => seek(run, ms)));
    firstFrame.push(time(() => consoleCluster(run.sim, null)));
    digests.set(ms, run.sim.digest());
    seek(run, Math.min(ms, 30_000) / 2);
    forward.push(time(() => seek(run, ms)));
    if (run.sim.digest() !== digests.get(ms)) throw new Error(`${label}: seeking forward to ${ms} ms landed on another state than seeking back`);
  }
  seek(run, endMs);
  const stepBack = time(() => run.rewindToEvent(run.sim.eventCount - 1));

  // Before: the same seeks back re-simulating from the start (fewer of them: they are what takes long).
  const reference = new RunRecorder(scenario, scenario.seed, { snapshots: () => NO_SNAPSHOTS });
  reference.advanceTo(endMs);
  const backBefore: Timing[] = [];
  for (const ms of targets(endMs, beforeSeeks)) {
    seek(reference, endMs);
    backBefore.push(time(() => seek(reference, ms)));
    if (reference.sim.digest() !== digests.get(ms)) throw new Error(`${label}: a seek from a snapshot to ${ms} ms differs from re-simulating from the start`);
  }
  seek(reference, endMs);
  const stepBackBefore = time(() => reference.rewindToEvent(reference.sim.eventCount - 1));

  // A shared link at the end of the run: a new load rebuilds it (from the start: there are no snapshots yet).
  const shared = { commands: run.commands.slice(), eventCount: run.sim.eventCount, timeMs: run.sim.timeMs };
  let opened!: RunRecorder;
  const shareRestore = time(() => {
    opened = new RunRecorder(scenario, scenario.seed);
    opened.restore(shared.commands, shared.eventCount, shared.timeMs);
  });
  if (opened.sim.digest() !== run.sim.digest()) throw new Error(`${label}: the shared link rebuilt another state`);

  return {
    size: label,
    loadMs: load.wallMs,
    firstPass: { wallMs: firstPass.wallMs, cpuMs: firstPass.cpuMs, events: run.sim.eventCount },
    snapshots,
    snapshotMiB: snapshotBytes / 2 ** 20,
    perSnapshotKiB: { median: median(estimates) / 1024, max: max(estimates) / 1024, start: (estimates[0] ?? 0) / 1024 },
    heapMiB: heapBefore === null || heapAfterPass === null ? null : { beforeLoad: heapBefore, afterFirstPass: heapAfterPass },
    seekBackMs: { median: median(back.map((t) => t.wallMs)), max: max(back.map((t) => t.wallMs)), medianCpu: median(back.map((t) => t.cpuMs)) },
    firstFrameAfterSeekMs: { median: median(firstFrame.map((t) => t.wallMs)), medianCpu: median(firstFrame.map((t) => t.cpuMs)) },
    seekForwardMs: { median: median(forward.map((t) => t.wallMs)), max: max(forward.map((t) => t.wallMs)), medianCpu: median(forward.map((t) => t.cpuMs)) },
    stepBackMs: stepBack.wallMs,
    stepBackCpuMs: stepBack.cpuMs,
    before: {
      seekBackMs: { median: median(backBefore.map((t) => t.wallMs)), max: max(backBefore.map((t) => t.wallMs)), medianCpu: median(backBefore.map((t) => t.cpuMs)) },
      stepBackMs: stepBackBefore.wallMs,
      stepBackCpuMs: stepBackBefore.cpuMs,
    },
    shareRestoreMs: shareRestore.wallMs,
    shareRestoreCpuMs: shareRestore.cpuMs,
  };
}

const load = loadavg()[0];

const results = sizes.map((size) => {
  const result = measureSize(size);
  if (!asJson) {
    const r = result;
    const f = (x: number) => x.toFixed(x < 10 ? 1 : 0);
    console.log(
      [
        `${r.size}: load ${f(r.loadMs)} ms; first pass of ${minutes} min ${f(r.firstPass.wallMs)} ms wall (${f(r.firstPass.cpuMs)} ms CPU, ${r.firstPass.events.toLocaleString('en')} events)`,
        `  snapshots: ${r.snapshots}, ~${f(r.snapshotMiB)} MiB estimated (each: median ${f(r.perSnapshotKiB.median)} KiB, max ${f(r.perSnapshotKiB.max)} KiB, the start ${f(r.perSnapshotKiB.start)} KiB)` +
          (r.heapMiB ? `; heap ${f(r.heapMiB.beforeLoad)} → ${f(r.heapMiB.afterFirstPass)} MiB after the first pass` : ''),
        `  seek back:    median ${f(r.seekBackMs.median)} ms, max ${f(r.seekBackMs.max)} ms (CPU median ${f(r.seekBackMs.medianCpu)} ms); before: median ${f(r.before.seekBackMs.median)} ms, max ${f(r.before.seekBackMs.max)} ms (CPU median ${f(r.before.seekBackMs.medianCpu)} ms)`,
        `  first frame after a seek back: median ${f(r.firstFrameAfterSeekMs.median)} ms (CPU median ${f(r.firstFrameAfterSeekMs.medianCpu)} ms)`,
        `  seek forward: median ${f(r.seekForwardMs.median)} ms, max ${f(r.seekForwardMs.max)} ms (CPU median ${f(r.seekForwardMs.medianCpu)} ms)`,
        `  stepBack(1) at the end: ${f(r.stepBackMs)} ms (CPU ${f(r.stepBackCpuMs)} ms); before: ${f(r.before.stepBackMs)} ms (CPU ${f(r.before.stepBackCpuMs)} ms)`,
        `  shared link at ${minutes} min, opened on a new load: ${f(r.shareRestoreMs)} ms, CPU ${f(r.shareRestoreCpuMs)} ms (re-simulates from the start)`,
      ].join('\n'),
    );
  }
  return result;
});
if (asJson) console.log(JSON.stringify({ loadAverage: load, minutes, results }, null, 2));
else console.log(`(machine load average over 1 min: ${load.toFixed(1)}; every seek checked against re-simulating from the start)`);
