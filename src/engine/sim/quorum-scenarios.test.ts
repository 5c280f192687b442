// Goal: each quorum lesson (seed 003) behaves as RethinkDB really does, told in what a learner sees:
// which shard has which primary in which term, which writes fail and why, and which acknowledged writes are lost.
import { describe, expect, it } from 'vitest';
import { CommandError, createSimulation, type ShardView, type Simulation } from '../index';
import { builtIn, scenario } from '../../testing/load-scenario';

function runTo(id: string, ms: number): Simulation {
  const sim = createSimulation({ scenario: builtIn(id) });
  sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
  return sim;
}

const shard = (sim: Simulation, id: string): ShardView => sim.getState().shards.find((s) => s.id === id)!;
const kinds = (sim: Simulation, kind: string) => sim.getTrace().filter((e) => e.kind === kind);

describe('primary failover at RF 3', () => {
  it('writes to n1-led shards fail until cp declares n1 DEAD, then new primaries take over in term 2 and nothing is lost', () => {
    const sim = runTo('primary-failover-rf3', 0);
    const ledByN1 = sim.getState().shards.filter((s) => s.primary === 'n1').map((s) => s.id);
    expect(ledByN1).toHaveLength(4);
    // The what-if preview names exactly the shards a crash of n1 would stop.
    expect(sim.shardsHitBy({ type: 'node.crash', node: 'n1' }).sort()).toEqual(ledByN1.sort());

    sim.runUntil((s) => s.timeMs >= 10_000, { maxMs: 10_000 });
    for (const id of ledByN1) expect(shard(sim, id).quorum).toBe('primaryUnreachable');
    expect(sim.getMetrics().writesFailed).toBeGreaterThan(0);

    sim.runUntil((s) => s.timeMs >= 20_000, { maxMs: 20_000 });
    for (const id of ledByN1) {
      const s = shard(sim, id);
      expect(s.writable).toBe(true);
      expect(s.term).toBe(2);
      expect(['n2', 'n3']).toContain(s.primary);
    }
    const elected = kinds(sim, 'primary.elected');
    expect(elected).toHaveLength(4);
    for (const e of elected) expect(e.data.visible).toBe(2);
    const before = sim.getMetrics().writesAcked;
    sim.runUntil((s) => s.timeMs >= 25_000, { maxMs: 25_000 });
    expect(sim.getMetrics()).toMatchObject({ writesLost: 0, shardsNotWritable: 0 });
    expect(sim.getMetrics().writesAcked).toBeGreaterThan(before + 80);
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('two-server cluster', () => {
  it('never fails over: every shard stops taking writes and the stalled election says why', () => {
    const sim = runTo('two-server-no-failover', 120_000);
    const m = sim.getMetrics();
    expect(m.shardsNotWritable).toBe(4);
    expect(kinds(sim, 'primary.elected')).toHaveLength(0);
    const stalled = kinds(sim, 'primary.electionStalled');
    expect(stalled.length).toBe(2);
    expect(stalled[0].text).toMatch(/two-server cluster never fails over/);
    const s = sim.getState().shards.find((x) => x.primary === 'n1')!;
    expect(s.quorum).toBe('noQuorum');
    expect(s.replicaRoles.find((r) => r.node === 'n1')?.role).toBe('waitingForQuorum');
    // Restarting n2 brings every shard back without an emergency repair, and nothing is lost.
    sim.dispatch({ type: 'node.restart', node: 'n2' });
    sim.runUntil((x) => x.timeMs >= 140_000, { maxMs: 140_000 });
    expect(sim.getMetrics()).toMatchObject({ shardsNotWritable: 0, writesLost: 0 });
  });
});

describe('minority partition', () => {
  it('shards keeping two voters with cp fail over; the others wait for the heal; nothing acknowledged is lost', () => {
    const sim = runTo('minority-partition', 30_000);
    const majoritySide = new Set(['n3', 'n4', 'n5']);
    for (const s of sim.getState().shards) {
      const withCp = s.voters.filter((v) => majoritySide.has(v)).length;
      expect(s.writable, `${s.id} voters ${s.voters.join(',')}`).toBe(withCp >= 2);
      if (s.primary !== null && !s.writable) expect(s.quorum).toBe('noQuorum');
    }
    sim.runUntil((x) => x.timeMs >= 60_000, { maxMs: 60_000 });
    expect(sim.getMetrics()).toMatchObject({ shardsNotWritable: 0, writesLost: 0 });
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('RethinkDB #4357: non-transitive connectivity', () => {
  it('a majority of s001 can talk, but the coordinator on cp sees one voter and does not fail over until the link heals', () => {
    const sim = runTo('non-transitive-4357', 30_000);
    const s = shard(sim, 's001');
    expect(s.primary).toBeNull();
    expect(s.quorum).toBe('noPrimary');
    expect(s.quorumReason).toMatch(/cp can reach 1 of its 3 voters/);
    expect(s.quorumReason).toMatch(/n2 and n3 can reach each other/);
    expect(s.quorumReason).toMatch(/#4357/);
    const reach = sim.getState().reach!;
    expect(reach.cp).not.toContain('n2');
    expect(reach.n2).toEqual(expect.arrayContaining(['n3']));
    sim.runUntil((x) => x.timeMs >= 45_000, { maxMs: 45_000 });
    expect(shard(sim, 's001')).toMatchObject({ writable: true, primary: 'n2', term: 2 });
    expect(sim.getMetrics().writesLost).toBe(0);
  });
});

describe('the configured primary returns', () => {
  it('backfills first, then takes its role back in a new term after a short hand-over', () => {
    const sim = runTo('configured-primary-returns', 45_000);
    const homeOfN1 = sim.getState().shards.filter((s) => s.configuredPrimary === 'n1');
    expect(homeOfN1.length).toBeGreaterThan(0);
    for (const s of homeOfN1) expect(s).toMatchObject({ primary: 'n1', term: 3, writable: true });
    const trace = sim.getTrace();
    const caughtUp = trace.findIndex((e) => e.kind === 'replica.caughtUp' && e.data.node === 'n1' && e.data.shard === homeOfN1[0].id);
    const handOver = trace.findIndex((e) => e.kind === 'primary.handOver' && e.data.shard === homeOfN1[0].id);
    expect(caughtUp).toBeGreaterThan(0);
    expect(handOver).toBeGreaterThan(caughtUp);
    expect(sim.getMetrics().writesLost).toBe(0);
  });
});

describe('the configured primary returns: every rejoin entry is true when it is told', () => {
  /** Steps event by event and checks each rejoin entry against the state at that very moment. */
  it('"lists it again", "whole again" and "resynced and ACTIVE" appear only once n1 holds every acknowledged write', () => {
    const sim = createSimulation({ scenario: builtIn('configured-primary-returns') });
    const told = new Set<string>();
    const caughtUp = (s: ShardView, node: string) => s.replicaRoles.find((r) => r.node === node)?.lsn === s.lsn;
    while (sim.timeMs < 40_000) {
      const entries = sim.step();
      if (entries === null) break;
      for (const e of entries) {
        if (!['replica.reinstated', 'shard.healthy', 'node.rejoined'].includes(e.kind)) continue;
        told.add(e.kind);
        const state = sim.getState();
        if (e.kind === 'node.rejoined') {
          expect(state.nodes.find((n) => n.id === 'n1')?.health, e.text).toBe('ACTIVE');
          for (const s of state.shards) if (s.replicas.includes('n1')) expect(caughtUp(s, 'n1'), `${e.text} ${s.id}`).toBe(true);
          expect(state.shards.every((s) => s.replicas.includes('n1')), e.text).toBe(true);
        } else {
          const ids = e.kind === 'shard.healthy' ? [String(e.data.shard)] : (e.data.shardIds as string[]);
          for (const id of ids) {
            const s = state.shards.find((x) => x.id === id)!;
            expect(s.replicas, e.text).toContain('n1');
            for (const r of s.replicaRoles) expect(r.lsn, `${e.text} (${r.node} on ${id})`).toBe(s.lsn);
            expect(s.replicaRoles.map((r) => r.role), e.text).not.toContain('catchingUp');
          }
        }
      }
    }
    expect([...told].sort()).toEqual(['node.rejoined', 'replica.reinstated', 'shard.healthy']);
  });

  it("runUntil('healthy') and runUntil('idle') wait until n1 leads the shards it is configured to lead", () => {
    for (const target of ['healthy', 'idle'] as const) {
      const sim = createSimulation({ scenario: builtIn('configured-primary-returns') });
      const result = sim.runUntil(target, { maxMs: 120_000 });
      expect(result.reached, result.reason).toBe(true);
      const home = sim.getState().shards.filter((s) => s.configuredPrimary === 'n1');
      expect(home.length).toBeGreaterThan(0);
      for (const s of home) expect(s, target).toMatchObject({ primary: 'n1', term: 3, writable: true });
      expect(sim.getState().nodes.find((n) => n.id === 'n1')?.health).toBe('ACTIVE');
      expect(kinds(sim, 'primary.elected').filter((e) => e.data.node === 'n1')).toHaveLength(home.length);
    }
  });
});

describe('emergency repair', () => {
  it('is refused while the shard can still fail over on its own', () => {
    const sim = runTo('emergency-repair', 2_000);
    expect(sim.previewRepair('s001', 'unsafe_rollback').problem).toMatch(/does not need repair/);
    expect(() => sim.dispatch({ type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' })).toThrow(CommandError);
  });

  it('says beforehand which acknowledged writes it gives up, and afterwards lists exactly those', () => {
    const sim = runTo('emergency-repair', 25_000);
    const before = shard(sim, 's001');
    expect(before.writable).toBe(false);
    const n3 = before.replicaRoles.find((r) => r.node === 'n3')!;
    const preview = sim.previewRepair('s001', 'unsafe_rollback');
    expect(preview).toMatchObject({ problem: null, keeps: ['n3'], newPrimary: 'n3', rollbackToLsn: n3.lsn });
    expect(preview.writesLost).toBe(before.lsn - n3.lsn);
    expect(preview.writesLost).toBeGreaterThan(50);

    sim.dispatch({ type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' });
    const state = sim.getState();
    expect(state.metrics.writesLost).toBe(preview.writesLost);
    expect(state.lostWrites).toEqual([
      expect.objectContaining({ shard: 's001', firstLsn: n3.lsn + 1, lastLsn: before.lsn, count: preview.writesLost }),
    ]);
    expect(shard(sim, 's001')).toMatchObject({ primary: 'n3', voters: ['n3'], writable: true, term: before.term + 1 });
    // Writes resume; when n1 returns it drops the rolled-back writes and catches up.
    sim.dispatch({ type: 'node.restart', node: 'n1' });
    sim.runUntil((x) => x.timeMs >= 45_000, { maxMs: 45_000 });
    const after = shard(sim, 's001');
    expect(after.lsn).toBeGreaterThan(n3.lsn);
    expect(after.replicaRoles.find((r) => r.node === 'n1')).toMatchObject({ voting: false, lsn: after.lsn });
    expect(sim.getTrace().some((e) => e.kind === 'replica.truncated' && e.data.node === 'n1' && /truncates its copy/.test(e.text))).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('unsafe_rollback leaves a shard with no reachable replica alone; unsafe_rollback_or_erase recreates it empty', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'erase',
        profile: 'rethinkdb',
        nodes: 4,
        shards: 1,
        placement: { s001: ['n1', 'n2', 'n3'] },
        workload: { writesPerSec: 10 },
      }),
    });
    sim.runUntil((s) => s.timeMs >= 5_000, { maxMs: 5_000 });
    const acked = shard(sim, 's001').lsn;
    for (const node of ['n1', 'n2', 'n3']) sim.dispatch({ type: 'node.destroy', node });
    sim.runUntil((s) => s.timeMs >= 30_000, { maxMs: 30_000 });
    expect(sim.getMetrics().writesLost).toBe(acked); // every copy destroyed: the loss is reported, not hidden
    expect(sim.previewRepair('s001', 'unsafe_rollback').problem).toMatch(/no replica cp can reach.*unsafe_rollback_or_erase/);
    const erase = sim.previewRepair('s001', 'unsafe_rollback_or_erase');
    expect(erase).toMatchObject({ problem: null, erases: true, keeps: ['n4'], newPrimary: 'n4' });
    sim.dispatch({ type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback_or_erase' });
    sim.runUntil((s) => s.timeMs >= 35_000, { maxMs: 35_000 });
    expect(shard(sim, 's001')).toMatchObject({ primary: 'n4', replicas: ['n4'], writable: true });
    expect(shard(sim, 's001').lsn).toBeGreaterThan(0);
    expect(sim.getMetrics().writesLost).toBe(acked);
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('non-voting replicas', () => {
  const withVoters = () =>
    createSimulation({
      scenario: scenario({
        id: 'voters',
        profile: 'rethinkdb',
        nodes: 3,
        shards: 1,
        placement: { s001: ['n1', 'n2', 'n3'] },
        voters: { s001: ['n1', 'n2'] },
        workload: { writesPerSec: 10 },
      }),
    });

  it('hold the data but do not count: losing the non-voter costs nothing, losing a voter stops writes', () => {
    const sim = withVoters();
    sim.runUntil((s) => s.timeMs >= 2_000, { maxMs: 2_000 });
    const s = shard(sim, 's001');
    expect(s.voters).toEqual(['n1', 'n2']);
    expect(s.replicaRoles.find((r) => r.node === 'n3')).toMatchObject({ voting: false, role: 'secondary', lsn: s.lsn });
    expect(sim.shardsHitBy({ type: 'node.crash', node: 'n3' })).toEqual([]);
    expect(sim.shardsHitBy({ type: 'node.crash', node: 'n2' })).toEqual(['s001']);
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    sim.runUntil((x) => x.timeMs >= 4_000, { maxMs: 4_000 });
    expect(shard(sim, 's001').writable).toBe(true);
    sim.dispatch({ type: 'node.crash', node: 'n2' });
    sim.runUntil((x) => x.timeMs >= 30_000, { maxMs: 30_000 });
    // One voter of two: no quorum and no failover, though n1 is alive and holds everything.
    expect(shard(sim, 's001')).toMatchObject({ quorum: 'noQuorum', primary: 'n1' });
    expect(sim.getMetrics().writesLost).toBe(0);
  });
});
