/**
 * A quick look at what the write-ahead log costs at scale (design recovery-repair.md §13), not a benchmark and
 * not a test: one run of each shape, printing wall time, peak heap (sampled every simulated second) and the
 * log's own typed-array bytes. The lead's `npm run bench` is the measurement of record.
 *
 * Usage: npx tsx --expose-gc scripts/wal-scale-check.ts [--small]
 */
import { performance } from 'node:perf_hooks';
import { createSimulation, type Scenario } from '../src/engine/index';
import { parseScenario } from '../src/scenarios/parse-scenario';

const gc = (globalThis as { gc?: () => void }).gc;
const small = process.argv.includes('--small');

function scenarioOf(raw: Record<string, unknown>): Scenario {
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}

const nodes = small ? 100 : 1000;
const shards = small ? 10_000 : 100_000;
const rackPowerLoss = scenarioOf({
  id: 'wal-scale-rack-power-loss',
  nodes,
  racks: 20,
  shards,
  params: { walReplayChunkRecords: 256 },
  workload: { writesPerSec: 2000, readsPerSec: 0 },
  timeline: [
    { atMs: 20_000, command: { type: 'rack.fail', rack: 'r1', kind: 'power' } },
    ...Array.from({ length: nodes / 20 }, (_, i) => ({ atMs: 25_000, command: { type: 'node.restart', node: `n${1 + i * 20}` } })),
  ],
});
const workedWithLog = scenarioOf({
  id: 'wal-scale-worked',
  nodes: 6,
  racks: 6,
  shards: 400,
  workload: { writesPerSec: 200, readsPerSec: 50 },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3', kind: 'power' } },
    { atMs: 8000, command: { type: 'node.restart', node: 'n3' } },
  ],
});

interface WalLike {
  capacity: number;
  lastNo: number;
  firstNo: number;
}

function logBytes(sim: unknown): { bytes: number; maxDetail: number; records: number } {
  const w = (sim as { w: { nodes: { wal: WalLike }[] } }).w;
  let bytes = 0;
  let maxDetail = 0;
  let records = 0;
  for (const n of w.nodes) {
    // shard Int32 + shardLsn Int32 + offset Float64 + meta Uint16 per slot.
    bytes += n.wal.capacity * (4 + 4 + 8 + 2);
    maxDetail = Math.max(maxDetail, n.wal.lastNo - n.wal.firstNo + 1);
    records += n.wal.lastNo;
  }
  return { bytes, maxDetail, records };
}

function run(label: string, scenario: Scenario): void {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const start = performance.now();
  const sim = createSimulation({ scenario });
  let r = sim.runUntil('healthy', { maxMs: 1000 });
  while (!r.reached && sim.timeMs < 600_000) {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    r = sim.runUntil('healthy', { maxMs: sim.timeMs + 1000 });
  }
  const wallMs = performance.now() - start;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const log = logBytes(sim);
  console.log(
    `${label}: healthy=${r.reached} at ${sim.timeMs} ms simulated, ${sim.eventCount} events, ${wallMs.toFixed(0)} ms wall, ` +
      `peak heap ${(peak / 2 ** 20).toFixed(0)} MiB (${((peak - base) / 2 ** 20).toFixed(0)} MiB above the start), ` +
      `log buffers ${(log.bytes / 2 ** 20).toFixed(1)} MiB, ${log.records} records written, at most ${log.maxDetail} itemised on one node`,
  );
}

run('worked example with the log', workedWithLog);
run(`${nodes} × ${shards} rack power loss under 2,000 writes/s`, rackPowerLoss);
