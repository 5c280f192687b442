// Goal (issue 11, design recovery-repair.md §6.2–§6.3, exercise "silent bit rot found by deep scrub and repaired"):
// under the Ceph-like profile a key of n2's copy rots silently; light scrubs pass it; n2's deep scrub finds it when
// it reads that replica; the shard is flagged inconsistent while writes go on; `shard.repair` rewrites it from a
// good copy. The detection delay is what §6.3's formula predicts: on average deepScrubIntervalMs / 2 +
// nodeBytes / scrubBytesPerSec / 2, and exactly "the next time n2's deep scrub reaches that replica".
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

const SHARD_BYTES = 16 * 1024 * 1024; // one replica is read in 1 s at Ceph-like 16 MiB/s
const INTERVAL_MS = 60_000; // the ceph profile's deepScrubIntervalMs

function bitRotSim(): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'bit-rot',
      profile: 'ceph',
      nodes: 4,
      racks: 4,
      shards: 12,
      replicationFactor: 3,
      shardSizeBytes: SHARD_BYTES,
      placement: { s004: ['n1', 'n2', 'n3'] },
      workload: { writesPerSec: 10, readsPerSec: 0 },
    }),
  });
}

/** n2's replicas in shard order, and where s004 sits among them. */
function n2Layout(s: Simulation): { count: number; position: number } {
  const held = s.getState().shards.filter((sh) => sh.replicas.includes('n2')).map((sh) => sh.id).sort();
  return { count: held.length, position: held.indexOf('s004') };
}

function delayAfterRotAt(t0: number): number {
  const s = bitRotSim();
  s.runUntil((x) => x.timeMs >= t0, { maxMs: t0 });
  s.dispatch(cli('replica.corrupt:n2,s004'));
  const found = s.runUntil(() => s.getMetrics().corruptReplicasKnown === 1, { maxMs: t0 + 3 * INTERVAL_MS });
  if (!found.reached) throw new Error(`not found after rot at ${t0}`);
  return s.getMetrics().corruptionDetectionDelayMs!;
}

describe('silent bit rot on n2, found by deep scrub, repaired', () => {
  it('passes light scrubs, is found when n2 deep-scrubs that replica, flags the shard, and shard.repair fixes it', () => {
    const s = bitRotSim();
    const { position } = n2Layout(s);
    s.runUntil((x) => x.timeMs >= 5000, { maxMs: 5000 });
    s.dispatch(cli('replica.corrupt:n2,s004'));
    const rotAt = s.timeMs;
    expect(s.runUntil(() => s.getMetrics().corruptReplicasKnown === 1, { maxMs: 300_000 }).reached).toBe(true);

    const trace = s.getTrace();
    const lights = trace.filter((e) => e.kind === 'scrub.finished' && e.actor === 'n2' && e.data.deep === false && e.timeMs > rotAt);
    expect(lights.length).toBeGreaterThan(0);
    for (const e of lights) expect(e.text).toMatch(/bit rot inside the data passes a light scrub/);

    const detected = trace.find((e) => e.kind === 'replica.corruptDetected')!;
    expect(detected.text).toMatch(/n2's copy of s004 is corrupt: a deep scrub read it/);
    // Exactly: the pass that found it started at S and reads replica `position` during [S + position s, S + (position + 1) s].
    const pass = trace.filter((e) => e.kind === 'scrub.started' && e.actor === 'n2' && e.timeMs <= detected.timeMs).pop()!;
    expect(detected.timeMs).toBe(pass.timeMs + (position + 1) * 1000);
    expect(s.getMetrics().corruptionDetectionDelayMs).toBe(detected.timeMs - rotAt);

    expect(trace.find((e) => e.kind === 'shard.inconsistent')?.text).toMatch(/Writes continue/);
    const shard = () => s.getState().shards.find((x) => x.id === 's004')!;
    expect(shard().inconsistent).toBe(true);
    expect(shard().replicaRoles.find((r) => r.node === 'n2')?.corrupt).toBe('known');
    const acked = s.getMetrics().writesAcked;
    s.advanceBy(5000);
    expect(s.getMetrics().writesAcked).toBeGreaterThan(acked);
    expect(s.getMetrics().writesFailed).toBe(0);

    s.dispatch(cli('shard.repair:s004'));
    expect(s.getTrace().find((e) => e.kind === 'shard.repaired')?.text).toMatch(/1 bad key\(s\) on n2 rewritten from n1's good copy/);
    expect(shard().inconsistent).toBe(false);
    expect(s.getMetrics()).toMatchObject({ corruptReplicasTruth: 0, corruptReplicasKnown: 0 });
    expect(s.checkInvariants()).toEqual([]);
  });

  it('is found, on average over the moment it appears, after deepScrubIntervalMs / 2 + nodeBytes / scrubBytesPerSec / 2', () => {
    const { count } = n2Layout(bitRotSim());
    const passMs = (count * SHARD_BYTES * 1000) / (16 * 1024 * 1024);
    const predicted = INTERVAL_MS / 2 + passMs / 2;
    // The rot appears at N evenly spread moments over one whole scrub period (interval + pass), after the first pass.
    const period = INTERVAL_MS + passMs;
    const N = 40;
    const start = 2 * INTERVAL_MS;
    const delays = Array.from({ length: N }, (_, j) => delayAfterRotAt(start + ((j + 0.5) * period) / N));
    const mean = delays.reduce((a, b) => a + b, 0) / N;
    // Sampling a sawtooth at N points is exact to within half a step.
    expect(Math.abs(mean - predicted)).toBeLessThanOrEqual(period / (2 * N));
    expect(Math.max(...delays)).toBeLessThanOrEqual(period);
  }, 60_000);
});
