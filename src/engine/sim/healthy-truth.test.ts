// Goal (issue 9, item 4): `healthy` is defined from the truth — every shard at exactly RF on distinct live ACTIVE
// nodes, its primary and voters holding every acknowledged write, writable, nothing in flight — so a learner who
// waits for "healthy" never finds a shard that is not whole.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

function run(seed: number, at: [number, Command][]): Simulation {
  const sim = createSimulation({
    scenario: scenario({
      id: 'x', seed, nodes: 5, shards: 2, replicationFactor: 3, shardSizeBytes: 4194304,
      workload: { writesPerSec: 10, readsPerSec: 10 },
    }),
  });
  for (const [ms, command] of at) {
    sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
    sim.dispatch(command);
  }
  return sim;
}

/** What a learner can check on screen when the run says healthy. */
function wholeByTheTruth(sim: Simulation): string[] {
  const state = sim.getState();
  const problems: string[] = [];
  for (const s of state.shards) {
    if (s.replicas.length !== state.replicationFactor || new Set(s.replicas).size !== s.replicas.length)
      problems.push(`${s.id}: replicas ${s.replicas.join(',')}`);
    for (const role of s.replicaRoles)
      if (s.voters.includes(role.node) && role.lsn !== s.lsn) problems.push(`${s.id}: voter ${role.node} at ${role.lsn} of ${s.lsn}`);
    if (!s.writable) problems.push(`${s.id}: not writable`);
    for (const v of s.voters) if (!s.replicas.includes(v)) problems.push(`${s.id}: voter ${v} holds no listed copy`);
  }
  for (const n of state.nodes) if (n.up && n.health !== 'ACTIVE') problems.push(`${n.id} ${n.health}`);
  return problems;
}

describe('healthy means whole', () => {
  it('is not reported while a restarted voter still lacks acknowledged writes', () => {
    const sim = run(704, [
      [23299, { type: 'node.crash', node: 'n1' }],
      [23299, { type: 'node.restart', node: 'n1' }],
    ]);
    const result = sim.runUntil('healthy', { maxMs: 120_000 });
    expect(result.reached).toBe(true);
    expect(wholeByTheTruth(sim)).toEqual([]);
    const caughtUp = sim.getTrace().find((e) => e.kind === 'replica.caughtUp' && e.text.startsWith('n1'));
    expect(caughtUp).toBeDefined();
    expect(result.timeMs).toBeGreaterThanOrEqual(caughtUp!.timeMs);
  });

  it('is not reported while a copy an emergency repair rolled back is still listed', () => {
    const sim = run(211, [
      [568, { type: 'network.partition', groups: [['n3']] }],
      [11944, { type: 'node.crash', node: 'n1' }],
      [14277, { type: 'node.crash', node: 'n4' }],
      [15784, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' }],
      [21547, { type: 'node.restart', node: 'n1' }],
      [21547, { type: 'network.heal' }],
      [21547, { type: 'node.restart', node: 'n4' }],
    ]);
    const result = sim.runUntil('healthy', { maxMs: 120_000 });
    expect(result.reached).toBe(true);
    expect(wholeByTheTruth(sim)).toEqual([]);
    const caughtUp = sim.getTrace().find((e) => e.kind === 'replica.caughtUp' && e.text.startsWith('n4'));
    expect(caughtUp).toBeDefined();
    expect(result.timeMs).toBeGreaterThanOrEqual(caughtUp!.timeMs);
  });

  it('says which shard is not whole when healthy is not reached', () => {
    const sim = run(704, [[1000, { type: 'node.crash', node: 'n1' }], [1000, { type: 'node.restart', node: 'n1' }]]);
    // Stop while n1 fetches the writes it missed (a log-tail catch-up takes at least a round trip).
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'catchup.logTail'), { maxMs: 60_000 });
    const result = sim.runUntil('healthy', { maxMs: sim.getState().timeMs });
    expect(result.reached).toBe(false);
    expect(result.reason).toMatch(/not a live ACTIVE node|lacks acknowledged writes/);
  });
});
