import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { checkInvariants } from '../../model/invariants';
import type { World } from '../world';

const ALL_OR_NONE = "a transaction's writes are all visible or none, on every replica";
const ONE_WAY = 'no in-doubt transaction is resolved differently on two participants';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

const base = { id: 'txn', nodes: 3, shards: 2, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 0 } };

function named(w: World, name: string) {
  return checkInvariants(w).filter((p) => p.invariant === name);
}

describe('invariant 13 (design §11.6)', () => {
  it('names a participant that resolved a two-phase transaction the other way', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(500);
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 2, end: 'prepare' });
    sim.dispatch({ type: 'txn.resolve', txn: 't1', decision: 'commit' });
    const w = worldOf(sim);
    expect(named(w, ONE_WAY)).toEqual([]);
    w.transactions.rows[0].resolvedOn.set(1, 'abort');
    expect(named(w, ONE_WAY).map((p) => p.detail)).toEqual(['t1 was resolved commit on n1 and n3 and abort on n2']);
  });

  it('names a replica whose log commits a transaction the cluster aborted', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(500);
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 2, end: 'abort' });
    const w = worldOf(sim);
    expect(named(w, ALL_OR_NONE)).toEqual([]);
    w.transactions.nodeLogs.get(0)!.get(1)!.outcome = { type: 'COMMIT', no: 3 };
    expect(named(w, ALL_OR_NONE).map((p) => p.detail)).toEqual(["n1's log commits t1, which the cluster aborted: its writes are visible there and nowhere else"]);
  });

  it('names a loser change left in the data after an ARIES restart', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { bufferPolicy: 'steal', recoveryAlgorithm: 'aries' } }) });
    sim.advanceBy(500);
    const w = worldOf(sim);
    const primary = w.nodes[w.shards[0].primary!];
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 2, end: 'none' });
    sim.dispatch({ type: 'node.crash', node: primary.id, kind: 'power' });
    sim.dispatch({ type: 'node.restart', node: primary.id });
    sim.advanceBy(3000);
    expect(named(w, ALL_OR_NONE)).toEqual([]);
    const log = w.transactions.nodeLogs.get(primary.index)!.get(1)!;
    log.clrs.delete(log.puts[0].no);
    expect(named(w, ALL_OR_NONE).map((p) => p.detail)).toEqual([
      `${primary.id} finished its restart with 1 of t1's 2 change(s) still in its data pages and no CLR for it, though t1 is not committed there`,
    ]);
  });
});
