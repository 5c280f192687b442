// Goal (design recovery-repair.md §7.4, §15): `repair.run` walks a session through validating → comparing →
// streaming → finished, each phase taking what the formulas say (64 MiB validated at 64 MiB/s = 1 s), the hashes
// exchanged and keys streamed equal §7.4's formulas exactly for both exchange strategies, and the replicas agree after.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { applyWrite, newShardDivergence } from '../model/divergence';
import { leafOf } from '../model/merkle';
import type { World } from './world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

const MIB = 1024 * 1024;

function leaderless(params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'ae',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 64 * MIB,
      params: { replication: 'leaderless', merkleMaxDepth: 4, keysPerShard: 1024, linkLatencyMs: 1, ...params },
      ...extra,
    }),
  });
}

/** The first key of `shard` that falls in `leaf` of a depth-4 tree. */
function keyInLeaf(shard: string, leaf: number, skip = 0): number {
  for (let k = 0, seen = 0; ; k++) if (leafOf(shard, k, 4) === leaf && seen++ === skip) return k;
}

/** Replica `stale` (node index) misses writes to `keys`: they are stale there (truth). */
function plantStale(sim: Simulation, stale: number, keys: number[]): void {
  const w = worldOf(sim);
  const shard = w.shards[0];
  let div = w.divergence.byShard.get(0);
  if (!div) w.divergence.byShard.set(0, (div = newShardDivergence()));
  for (const key of keys) {
    shard.lsn++;
    const others = [0, 1, 2].filter((r) => r !== stale);
    w.divergence.staleKeysTruth += applyWrite(div, key, shard.lsn, others, [stale]);
  }
  // As leaderless writes do: every running replica follows the shard's write stream (its LSN), durably here.
  for (const node of w.nodes) {
    for (const m of [node.disk, node.ckpt]) m.set(0, shard.lsn);
    node.disk.setHeld(0, shard.lsn);
  }
}

function entries(sim: Simulation, prefix: string[]) {
  return sim.getTrace().filter((e) => prefix.some((p) => e.kind.startsWith(p)));
}

describe('repair.run: one session, step by step', () => {
  it('whole tree: 1 s of validation, one round trip, the differing leaves streamed, roots match after', () => {
    const sim = leaderless();
    plantStale(sim, 2, [keyInLeaf('s001', 5), keyInLeaf('s001', 12), keyInLeaf('s001', 12, 1)]);
    expect(sim.getMetrics().staleKeysTruth).toBe(3);
    sim.dispatch(cli('repair.run:s001,full'));
    sim.runUntil('idle');
    const kinds = entries(sim, ['repair.', 'merkle.']).map((e) => [e.kind, e.timeMs]);
    // Validation: 64 MiB at 64 MiB/s = 1,000 ms; one round trip of 2 × 1 ms; streaming 4 pair-leaves × 64 keys × 1 KiB at 24 MiB/s.
    const streamMs = ((4 * 64 * 1024) / (24 * MIB)) * 1000;
    expect(kinds).toEqual([
      ['repair.started', 0],
      ['merkle.built', 1000],
      ['merkle.treeReceived', 1002],
      ['merkle.leafDiff', 1002],
      ['repair.streamed', 1002 + streamMs],
      ['repair.marked', 1002 + streamMs],
      ['repair.finished', 1002 + streamMs],
    ]);
    const m = sim.getMetrics();
    // Every replica sends its whole tree: 3 × (2^5 − 1).
    expect(m.merkleHashesExchanged).toBe(93);
    expect(m.merkleBytesExchanged).toBe(93 * 32);
    expect(m.validationBytes).toBe(3 * 64 * MIB);
    // n3 differs from n1 and from n2 in leaves 5 and 12: 2 pairs × 2 leaves × 1,024 / 16 keys.
    expect(m.repairStreamedKeys).toBe(256);
    expect(m.repairStreamedBytes).toBe(256 * 1024);
    expect(m.staleKeysTruth).toBe(0);
    expect(m.overstreamFactor).toBeCloseTo(256 / 3);
    const finished = entries(sim, ['repair.finished'])[0];
    expect(finished.text).toMatch(/^s001 repaired: 2 of 16 leaves differed, 256 keys streamed for 3 stale key\(s\); roots now match: [0-9a-f]{8}\.$/);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('level by level: the roots, then one descent per level; hashes = Σ over pairs of both sides × (1 + 2 Σ diff(ℓ))', () => {
    const sim = leaderless({ merkleExchange: 'levelByLevel' });
    plantStale(sim, 2, [keyInLeaf('s001', 5), keyInLeaf('s001', 12)]);
    sim.dispatch(cli('repair.run:s001,full'));
    sim.runUntil('idle');
    const steps = entries(sim, ['merkle.']).map((e) => [e.kind, e.timeMs, e.data.level ?? null, e.data.differing ?? null]);
    expect(steps).toEqual([
      ['merkle.built', 1000, null, null],
      ['merkle.rootsCompared', 1002, 0, [0]],
      ['merkle.descend', 1004, 1, [0, 1]],
      ['merkle.descend', 1006, 2, [1, 3]],
      ['merkle.descend', 1008, 3, [2, 6]],
      ['merkle.descend', 1010, 4, [5, 12]],
      ['merkle.leafDiff', 1010, null, null],
    ]);
    // n1–n2 agree: 1 hash each way. n1–n3 and n2–n3: 15 hashes each way (§7.4's worked example).
    expect(sim.getMetrics().merkleHashesExchanged).toBe(2 * 1 + 2 * 15 + 2 * 15);
    expect(sim.getMetrics().staleKeysTruth).toBe(0);
  });

  it('replicas that already agree: roots compared, nothing streamed', () => {
    const sim = leaderless({ merkleExchange: 'levelByLevel' });
    sim.dispatch(cli('repair.run:s001,full'));
    sim.runUntil('idle');
    expect(entries(sim, ['repair.', 'merkle.']).map((e) => e.kind)).toEqual(['repair.started', 'merkle.built', 'merkle.rootsCompared', 'repair.marked', 'repair.finished']);
    expect(sim.getMetrics().merkleHashesExchanged).toBe(6);
    expect(sim.getMetrics().repairStreamedKeys).toBe(0);
  });

  it('is refused, saying why, in primary replication, for an unknown shard, and while a session runs', () => {
    const primary = leaderless({ replication: 'primary' });
    expect(() => primary.dispatch(cli('repair.run:s001,full'))).toThrow(/params.replication 'primary'.*never disagree key by key/);
    const sim = leaderless();
    expect(() => sim.dispatch(cli('repair.run:s099,full'))).toThrow(/unknown shard "s099"/);
    sim.dispatch(cli('repair.run:s001,incremental'));
    expect(() => sim.dispatch(cli('repair.run:s001,full'))).toThrow(/a repair session of s001 is already running \(r1, validating\)/);
  });

  it('a participant that crashes mid-session fails it; it is retried and finishes once the node is back', () => {
    const sim = leaderless();
    plantStale(sim, 2, [keyInLeaf('s001', 5)]);
    sim.dispatch(cli('repair.run:s001,full'));
    sim.advanceBy(500);
    sim.dispatch(cli('node.crash:n2'));
    sim.advanceBy(600);
    const failed = entries(sim, ['repair.failed']);
    expect(failed).toHaveLength(1);
    expect(failed[0].timeMs).toBe(1000);
    expect(failed[0].text).toMatch(/n2 is down, and a session needs every replica\. It is tried again in 10\.0 s \(try 2 of 3\)\./);
    sim.dispatch(cli('node.restart:n2'));
    sim.runUntil('idle', { maxMs: 60_000 });
    const finished = entries(sim, ['repair.finished']);
    expect(finished).toHaveLength(1);
    expect(sim.getMetrics().staleKeysTruth).toBe(0);
  });
});

describe('CLI form', () => {
  it('reads and writes repair.run:<shard|all>,<full|incremental>[,<node>]', () => {
    expect(cli('repair.run:s042,incremental')).toEqual({ type: 'repair.run', shard: 's042', mode: 'incremental' });
    expect(cli('repair.run:all,full,n3')).toEqual({ type: 'repair.run', shard: 'all', mode: 'full', node: 'n3' });
    expect(parseCliCommand('repair.run:s042').ok).toBe(false);
    expect(parseCliCommand('repair.run:s042,partial').ok).toBe(false);
  });
});

describe('repair.run:all: one session at a time per coordinator, one summary each', () => {
  it('per-shard entries go to detail level; each coordinator says once what its sessions did', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'ae-all',
        nodes: 4,
        shards: 12,
        replicationFactor: 3,
        shardSizeBytes: 64 * MIB,
        params: { replication: 'leaderless', merkleMaxDepth: 4, keysPerShard: 1024, linkLatencyMs: 1 },
      }),
    });
    sim.dispatch(cli('repair.run:all,full'));
    sim.runUntil('idle');
    const trace = sim.getTrace();
    const summaries = trace.filter((e) => e.kind === 'repair.summary');
    const coordinators = new Set(trace.filter((e) => e.kind === 'repair.finished').map((e) => e.data.session));
    expect(coordinators.size).toBe(12);
    expect(summaries.length).toBe(new Set(summaries.map((e) => e.data.node)).size);
    expect(summaries.reduce((n, e) => n + (e.data.sessions as number), 0)).toBe(12);
    expect(summaries[0].text).toMatch(/^n\d+ coordinated \d+ repair session\(s\) in [\d.]+ (ms|s): the replicas' trees matched on every shard, nothing streamed\.$/);
    // An operator's request ends with its conclusion in view even when nothing differed.
    expect(summaries.every((e) => e.level === 'info')).toBe(true);
    expect(trace.filter((e) => e.kind.startsWith('repair.') && e.kind !== 'repair.summary' && e.kind !== 'repair.requested').every((e) => e.level === 'detail')).toBe(true);
    // A coordinator runs its sessions one after another: 1 s of validation each.
    const busiest = Math.max(...summaries.map((e) => e.data.sessions as number));
    expect(sim.timeMs).toBeGreaterThanOrEqual(busiest * 1000);
  });

  it('with a node, repairs only the shards it holds, coordinated by it', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'ae-node',
        nodes: 4,
        shards: 12,
        replicationFactor: 3,
        shardSizeBytes: 64 * MIB,
        params: { replication: 'leaderless', merkleMaxDepth: 4, keysPerShard: 1024, linkLatencyMs: 1 },
      }),
    });
    const held = sim.getState().shards.filter((s) => s.replicas.includes('n2')).length;
    sim.dispatch(cli('repair.run:all,full,n2'));
    sim.runUntil('idle');
    const summaries = sim.getTrace().filter((e) => e.kind === 'repair.summary');
    expect(summaries.map((e) => [e.data.node, e.data.sessions])).toEqual([['n2', held]]);
  });
});
