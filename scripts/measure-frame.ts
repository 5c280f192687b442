/**
 * What one console frame costs the engine's worker at scale (issue 12: at 1,000 × 100,000 the worker kept up only
 * 0.48× real time because each publish recomputed every shard's code and the metrics). Plays a built-in the way the
 * console does (`--frame-ms` simulated per frame, 100 ms = 1× at ~10 publishes a second) and times, per frame, the
 * parts a publish and the recorder's metric sample ask of the engine: getShardStateCodes(), getMetrics(), and the
 * console's projection (consoleCluster: codes + getState of the listed shards). Also the simulating itself, so the
 * figures read as a share of the frame. Nothing is asserted; CPU time of this process, medians and p95.
 *
 * Usage: node --import tsx scripts/measure-frame.ts [--sizes 6,100,1000] [--seconds 60] [--frame-ms 100] [--json]
 */
import { loadavg } from 'node:os';
import { createConsoleSimulation } from '../src/engine/index';
import { getBuiltInScenario } from '../src/scenarios/registry';
import { consoleCluster } from '../src/store/console-projection';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const SIZES: Record<string, string> = { '6': 'rehome-worked-example', '100': 'fleet-100-nodes', '1000': 'fleet-1000-nodes' };
const sizes = arg('sizes', '6,100,1000').split(',');
const seconds = Number(arg('seconds', '60'));
const frameMs = Number(arg('frame-ms', '100'));
const asJson = args.includes('--json');

const cpuNowMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
function timed<T>(into: number[], work: () => T): T {
  const start = cpuNowMs();
  const value = work();
  into.push(cpuNowMs() - start);
  return value;
}
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

function measureSize(size: string) {
  const id = SIZES[size];
  const scenario = id ? getBuiltInScenario(id) : undefined;
  if (!scenario) throw new Error(`no built-in for size ${size} (sizes: ${Object.keys(SIZES).join(', ')})`);
  const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
  const step: number[] = [];
  const codes: number[] = [];
  const metrics: number[] = [];
  const projection: number[] = [];
  for (let t = frameMs; t <= seconds * 1000; t += frameMs) {
    timed(step, () => sim.advanceBy(frameMs));
    timed(codes, () => sim.getShardStateCodes());
    timed(metrics, () => sim.getMetrics());
    timed(projection, () => consoleCluster(sim, null));
  }
  const stat = (xs: number[]) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), totalMs: sum(xs) });
  return {
    size: `${scenario.nodes.length} × ${scenario.shards.toLocaleString('en')}`,
    frames: step.length,
    simulate: stat(step),
    shardCodes: stat(codes),
    metrics: stat(metrics),
    projection: stat(projection),
  };
}

const results = sizes.map((size) => {
  const r = measureSize(size);
  if (!asJson) {
    const f = (x: number) => x.toFixed(x < 10 ? 2 : 0);
    const line = (name: string, s: { median: number; p95: number; totalMs: number }) =>
      `  ${name.padEnd(32)} median ${f(s.median)} ms, p95 ${f(s.p95)} ms, total ${f(s.totalMs)} ms`;
    console.log(
      [
        `${r.size}: ${r.frames} frames of ${frameMs} ms simulated (CPU ms)`,
        line('simulate the frame', r.simulate),
        line('getShardStateCodes()', r.shardCodes),
        line('getMetrics()', r.metrics),
        line('consoleCluster (codes + state)', r.projection),
      ].join('\n'),
    );
  }
  return r;
});
const load = loadavg()[0];
if (asJson) console.log(JSON.stringify({ loadAverage: load, seconds, frameMs, results }, null, 2));
else console.log(`(machine load average over 1 min: ${load.toFixed(1)})`);
