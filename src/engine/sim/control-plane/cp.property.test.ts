// (Without a journal the invariants are meant to fire: cp-leader-dies.test.ts shows it.)
// Goal: invariants 1–12 hold after every step while the cp leader crashes during elections, copies and writes,
// over many seeds (design recovery-repair.md §16.2).
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { playFaults, runChecked, type Fault } from '../../../testing/checked-run';

/** A small deterministic generator per seed (the engine's own streams stay untouched). */
function lcg(seed: number) {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function faultsFor(seed: number): Fault[] {
  const rand = lcg(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const faults: Fault[] = [{ afterMs: 2000 + Math.floor(rand() * 3000), command: { type: 'node.crash', node: pick(['n2', 'n3', 'n5']) } }];
  // The leader dies somewhere between the DEAD declaration and the middle of the copies.
  faults.push({ afterMs: 9000 + Math.floor(rand() * 4000), command: { type: 'cp.crash', member: 'cp1' } });
  // Often a second member dies during the election that follows (no majority until one returns).
  if (rand() < 0.5) faults.push({ afterMs: 200 + Math.floor(rand() * 1500), command: { type: 'cp.crash', member: pick(['cp2', 'cp3']) } });
  faults.push({ afterMs: 1000 + Math.floor(rand() * 3000), command: { type: 'cp.restart', member: 'cp1' } });
  for (const member of ['cp2', 'cp3']) faults.push({ afterMs: 500, command: { type: 'cp.restart', member } as Command });
  // And the new leader may be crashed mid-copy too.
  if (rand() < 0.5) faults.push({ afterMs: 2000 + Math.floor(rand() * 3000), command: { type: 'cp.crash', member: pick(['cp1', 'cp2', 'cp3']) } });
  if (rand() < 0.4) faults.push({ afterMs: 500, command: { type: 'link.cut', a: 'cp1', b: pick(['cp2', 'cp3']) } });
  faults.push({ afterMs: 3000, command: { type: 'network.heal' } });
  for (const member of ['cp1', 'cp2', 'cp3']) faults.push({ afterMs: 100, command: { type: 'cp.restart', member } as Command });
  return faults;
}

describe('cp crashes over many seeds', () => {
  const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);
  it.each(SEEDS)('seed %i: invariants after every step, and the cluster heals', (seed) => {
    const rand = lcg(seed * 7);
    const sim = createSimulation({
      scenario: scenario({
        id: 'cp-sweep',
        seed,
        nodes: 6,
        racks: 3,
        shards: 24,
        shardSizeBytes: 16 * 1024 * 1024,
        workload: { writesPerSec: 10 },
        controlPlane: { members: 3, journal: true, standby: rand() < 0.5 ? 'hot' : 'cold' },
        params: { rebuildBytesPerSecPerNode: 8 * 1024 * 1024 },
      }),
    });
    playFaults(sim, faultsFor(seed));
    runChecked(sim, sim.timeMs + 60_000);
    expect(sim.getControlPlaneView().leader).not.toBeNull();
    expect(sim.getMetrics().underReplicatedShards).toBe(0);
  }, 60_000);
});

// Goal: the same crashes of cp members landing during transactions — single-shard and two-phase, whose decisions go
// through the journal — with invariants 12 (journal) and 13 (all or nothing; one decision per transaction) checked
// after every step (design recovery-repair.md §11.6, issue 14's "elections, copies and transactions").
describe('cp crashes during transactions over many seeds', () => {
  const SEEDS = Array.from({ length: 16 }, (_, i) => 100 + i);
  it.each(SEEDS)('seed %i: invariants after every step; no transaction is left undecided', (seed) => {
    const rand = lcg(seed * 13);
    const sim = createSimulation({
      scenario: scenario({
        id: 'cp-txn-sweep',
        seed,
        nodes: 6,
        racks: 3,
        shards: 12,
        shardSizeBytes: 4 * 1024 * 1024,
        workload: { writesPerSec: 20, txn: { fraction: 0.5, writesPerTxn: 2, abortFraction: 0.2, twoPhaseFraction: 0.5 } },
        controlPlane: { members: 3, journal: true, standby: rand() < 0.5 ? 'hot' : 'cold' },
      }),
    });
    const faults = faultsFor(seed);
    // A participant's power fails too, so some restart with transactions prepared and no outcome.
    faults.splice(1, 0, { afterMs: 1000 + Math.floor(rand() * 4000), command: { type: 'node.crash', node: 'n4', kind: 'power' } as Command });
    faults.push({ afterMs: 100, command: { type: 'node.restart', node: 'n4' } as Command });
    playFaults(sim, faults);
    runChecked(sim, sim.timeMs + 60_000);
    expect(sim.getControlPlaneView().leader).not.toBeNull();
    const txns = sim.getTransactions();
    expect(txns.filter((t) => t.end === 'prepare').length).toBeGreaterThan(0);
    // A new leader resolved every prepared transaction from its journal, or presumed abort: none waits for ever.
    expect(txns.filter((t) => t.state === 'prepared' || t.inDoubtOn.length > 0)).toEqual([]);
    // Every decision a coordinator made is one a majority of cp members held (txn.decided committed) first.
    const committed = new Set(
      sim
        .getTrace()
        .filter((e) => e.kind === 'cp.journalCommitted' && e.data.entry === 'txn.decided')
        .map((e) => /decides (t\d+)/.exec(e.text)?.[1]),
    );
    expect(txns.filter((t) => t.decidedBy === 'coordinator' && !committed.has(t.id)).map((t) => t.id)).toEqual([]);
  }, 60_000);
});
