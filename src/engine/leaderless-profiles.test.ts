// Goal (issue 13, design recovery-repair.md §11.3): Cassandra-like and Dynamo-like profiles preset leaderless
// replication, read repair, hints and each system's anti-entropy; a scenario with one runs the leaderless path.
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS, PROFILES } from './profiles';
import { createSimulation, parseCliCommand, type Command } from './index';
import { scenario } from '../testing/load-scenario';

describe('leaderless profiles', () => {
  it('join the list after the existing ones', () => {
    expect(PROFILE_IDS.slice(-2)).toEqual(['cassandra', 'dynamo']);
  });

  it('Cassandra: QUORUM/QUORUM, blocking read repair, hints in a 60 s window, periodic commit log, whole-tree repair', () => {
    expect(PROFILES.cassandra.params).toMatchObject({
      replication: 'leaderless',
      writeConsistency: 'QUORUM',
      readConsistency: 'QUORUM',
      readRepair: 'BLOCKING',
      hintedHandoff: true,
      maxHintWindowMs: 60000,
      walSyncMode: 'periodic',
      walRecoveryMode: 'tolerateCorruptedTail',
      merkleExchange: 'wholeTree',
      sloppyQuorum: false,
    });
    expect(PROFILES.cassandra.title).toBe('Cassandra-like');
  });

  it('Dynamo: sloppy quorum with hinted stand-ins, level-by-level anti-entropy every 30 s', () => {
    expect(PROFILES.dynamo.params).toMatchObject({
      replication: 'leaderless',
      sloppyQuorum: true,
      hintedHandoff: true,
      merkleExchange: 'levelByLevel',
      antiEntropyIntervalMs: 30000,
    });
    expect(PROFILES.dynamo.title).toBe('Dynamo-like');
  });

  it('a Cassandra-like scenario writes leaderless and keeps hints for a down replica', () => {
    const s = createSimulation({
      scenario: scenario({ id: 'c', nodes: 3, shards: 2, profile: 'cassandra', workload: { writesPerSec: 10, readsPerSec: 0 } }),
    });
    const parsed = parseCliCommand('node.crash:n3');
    if (!parsed.ok) throw new Error(parsed.error);
    s.dispatch(parsed.command as Command);
    s.advanceBy(3000);
    expect(s.getMetrics().hintsStored).toBeGreaterThan(0);
    expect(s.getTrace().some((e) => e.kind === 'write.acked' && /CL QUORUM/.test(e.text))).toBe(true);
  });

  it('sloppy quorum: with two owners down, stand-ins take their copies as hints (one each) and the write still meets QUORUM', () => {
    const s = createSimulation({
      scenario: scenario({
        id: 'd',
        nodes: 5,
        shards: 1,
        replicationFactor: 3,
        profile: 'dynamo',
        placement: { s001: ['n1', 'n2', 'n3'] },
        workload: { writesPerSec: 10, readsPerSec: 0 },
        params: { antiEntropyIntervalMs: 0 },
      }),
    });
    for (const n of ['n2', 'n3']) {
      const parsed = parseCliCommand(`node.crash:${n}`);
      if (!parsed.ok) throw new Error(parsed.error);
      s.dispatch(parsed.command as Command);
    }
    s.advanceBy(2000);
    const m = s.getMetrics();
    expect(m.writesFailed).toBe(0);
    expect(m.writesAcked).toBeGreaterThan(10);
    const acked = s.getTrace().find((e) => e.kind === 'write.acked');
    expect(acked?.text).toBe('Write 1 to key 487 of s001 is acknowledged at CL QUORUM by coordinator n1: 3 of 3 replica(s) answered (n1; n4, n5 standing in for n2, n3).');
    const stored = s.getTrace().filter((e) => e.kind === 'hint.stored');
    expect(stored.some((e) => /^n4 keeps a hint for n2/.test(e.text))).toBe(true);
  });
});
