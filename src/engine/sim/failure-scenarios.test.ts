// Goal: each fault a learner can inject leads to the behaviour the seeds teach — racks, second failures, grace, fallback, partitions, destroyed disks.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn, scenario } from '../../testing/load-scenario';

const crash = (atMs: number, node: string) => ({ atMs, command: { type: 'node.crash', node } });

describe('rack-aware placement', () => {
  it('re-homes a dead node’s replicas into its own rack, the only rack without a copy', () => {
    const sim = createSimulation({ scenario: builtIn('rack-aware-nine-nodes') });
    const before = sim.getState();
    const dead = 'n5';
    const rackOf = new Map(before.nodes.map((n) => [n.id, n.rack]));
    const affected = before.shards.filter((s) => s.replicas.includes(dead)).map((s) => s.id);
    expect(sim.runUntil('healthy').reached).toBe(true);
    const after = sim.getState();
    for (const id of affected) {
      const shard = after.shards.find((s) => s.id === id)!;
      expect(new Set(shard.replicas.map((r) => rackOf.get(r))).size).toBe(3);
    }
    const targets = Object.keys(after.metrics.rebuildTargetsByNode);
    expect(targets.every((t) => rackOf.get(t) === rackOf.get(dead))).toBe(true);
  });

  it('relaxes the rack rule, and says so, when a whole rack is down', () => {
    const sim = createSimulation({ scenario: builtIn('rack-outage') });
    const result = sim.runUntil('healthy', { maxMs: 600_000 });
    expect(result.reached).toBe(true);
    const relaxed = sim.getTrace().find((e) => e.kind === 'failover.targetsComputed' && /rack rule was relaxed/.test(e.text));
    expect(relaxed).toBeDefined();
    const state = sim.getState();
    expect(state.shards.every((s) => s.replicas.length === 3)).toBe(true);
    expect(state.metrics.lostShards).toBe(0);
  });
});

describe('a second failure during the rebuild', () => {
  it('re-plans broken copies, puts one-copy shards first and still restores every shard', () => {
    const sim = createSimulation({ scenario: builtIn('second-failure-during-rebuild') });
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'failover.routerRemoved' && e.data.node === 'n5'), {
      maxMs: 120_000,
    });
    const oneCopy = new Set(sim.getState().shards.filter((s) => s.replicas.length === 1).map((s) => s.id));
    expect(oneCopy.size).toBeGreaterThan(0);
    const fromSeq = sim.getTrace().length;
    expect(sim.runUntil('healthy', { maxMs: 600_000 }).reached).toBe(true);
    const end = sim.getState();
    expect(end.metrics.lostShards).toBe(0);
    expect(end.metrics.minCopies).toBe(1);
    expect(end.failoverEvents.map((e) => e.failedNode)).toEqual(['n3', 'n5']);
    // Copies already running finish, but every new copy goes to a shard down to one copy first.
    const starts = sim.getTrace(fromSeq).filter((e) => e.kind === 'copy.started').map((e) => String(e.data.shard));
    expect(starts.length).toBeGreaterThan(oneCopy.size);
    expect(starts.slice(0, 20).every((id) => oneCopy.has(id))).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('reports a shard lost, loudly, when its last replica dies', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'three-down',
        nodes: 4,
        shards: 8,
        placement: { s001: ['n1', 'n2', 'n3'] },
        timeline: [crash(1000, 'n1'), crash(1000, 'n2'), crash(1000, 'n3')],
      }),
    });
    sim.runUntil('idle', { maxMs: 120_000 });
    const state = sim.getState();
    expect(state.shards.find((s) => s.id === 's001')!.state).toBe('lost');
    expect(state.metrics.lostShards).toBeGreaterThanOrEqual(1);
    const alert = sim.getTrace().find((e) => e.kind === 'shard.lost' && e.data.shard === 's001');
    expect(alert?.level).toBe('alert');
    expect(state.metrics.minCopies).toBe(0);
  });
});

describe('grace period', () => {
  it('re-homes nothing when the node returns before the grace period ends', () => {
    const sim = createSimulation({ scenario: builtIn('flapping-node-grace') });
    expect(sim.runUntil('healthy', { maxMs: 300_000 }).reached).toBe(true);
    const state = sim.getState();
    expect(state.metrics.bytesMoved).toBe(0);
    expect(state.failoverEvents[0]).toMatchObject({ failedNode: 'n2', reReplicationAttempted: false });
    expect(sim.getTrace().some((e) => e.kind === 'failover.graceSaved')).toBe(true);
    expect(state.nodes.find((n) => n.id === 'n2')!.replicaCount).toBe(
      sim.getState().shards.filter((s) => s.replicas.includes('n2')).length,
    );
    expect(state.shards.every((s) => s.replicas.length === 3)).toBe(true);
  });

  it('without a grace period the same flap re-homes shards', () => {
    const raw = builtIn('flapping-node-grace');
    const sim = createSimulation({
      scenario: { ...raw, params: { ...raw.params, rehomeGraceMs: 0 } },
    });
    sim.runUntil('healthy', { maxMs: 300_000 });
    expect(sim.getState().metrics.bytesMoved).toBeGreaterThan(0);
  });
});

describe('FailoverManager fallback and modes', () => {
  it('falls back to callback-only when the migrator knows no node, and explains every shard', () => {
    const sim = createSimulation({ scenario: builtIn('unregistered-fallback') });
    const result = sim.runUntil('idle', { maxMs: 120_000 });
    expect(result.reached).toBe(true);
    const state = sim.getState();
    const event = state.failoverEvents[0];
    expect(event.reReplicationAttempted).toBe(false);
    expect(event.reReplicationSucceeded).toBe(false);
    expect(event.fallbackReason).toMatch(/no registered nodes/);
    expect(event.callbackFiredAtMs).not.toBeNull();
    const under = state.shards.filter((s) => s.state === 'underReplicated');
    expect(under.length).toBe(state.metrics.underReplicatedShards);
    expect(under.length).toBeGreaterThan(0);
    for (const s of under) expect(s.waitingReason).toMatch(/fallback/);
    expect(sim.runUntil('healthy', { maxMs: 200_000 }).reached).toBe(false);
  });

  it('with autoReReplicate off, shards stay under-replicated and say why', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'no-auto', nodes: 5, shards: 20, failover: { autoReReplicate: false }, timeline: [crash(1000, 'n1')] }),
    });
    sim.runUntil('idle', { maxMs: 60_000 });
    const state = sim.getState();
    expect(state.failoverEvents[0].fallbackReason).toBe('autoReReplicate is off');
    expect(state.shards.filter((s) => s.state === 'underReplicated').every((s) => /autoReReplicate/.test(s.waitingReason ?? ''))).toBe(true);
  });

  it('in synchronous mode the failover path blocks, and a second dead node waits its turn', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'sync',
        nodes: 8,
        shards: 200,
        failover: { asyncReReplicate: false },
        timeline: [crash(1000, 'n1'), crash(14_000, 'n2')],
      }),
    });
    sim.runUntil(() => sim.getState().failoverManager.queuedNodes.includes('n2'), { maxMs: 60_000 });
    const mid = sim.getState();
    expect(mid.failoverManager.step).toBe('migrating');
    expect(mid.failoverManager.currentNode).toBe('n1');
    expect(mid.failoverEvents[0].callbackFiredAtMs).toBeNull();
    expect(sim.runUntil('healthy', { maxMs: 600_000 }).reached).toBe(true);
    const [first, second] = sim.getState().failoverEvents;
    expect(first.callbackFiredAtMs).toBeGreaterThanOrEqual(first.completedAtMs!);
    expect(second.declaredDeadAtMs).toBeLessThan(first.callbackFiredAtMs!);
  });
});

describe('network faults', () => {
  it('a node cut off from cp is declared DEAD although it is running, and its stale copies are discarded when it returns', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'cut-from-cp',
        nodes: 5,
        shards: 30,
        timeline: [
          { atMs: 1000, command: { type: 'link.cut', a: 'n2', b: 'cp' } },
          { atMs: 60_000, command: { type: 'link.heal', a: 'n2', b: 'cp' } },
        ],
      }),
    });
    sim.runUntil(() => sim.getState().nodes[1].health === 'DEAD', { maxMs: 30_000 });
    const cut = sim.getState();
    expect(cut.nodes[1]).toMatchObject({ up: true, health: 'DEAD' });
    expect(sim.getTrace().some((e) => e.kind === 'heartbeat.dropped')).toBe(true);
    expect(sim.getTrace().find((e) => e.kind === 'node.declaredDead')!.text).toMatch(/process is running/);
    expect(sim.runUntil('healthy', { maxMs: 300_000 }).reached).toBe(true);
    const end = sim.getState();
    expect(end.nodes[1].health).toBe('ACTIVE');
    expect(sim.getTrace().find((e) => e.kind === 'node.rejoining')!.text).toMatch(/stale/);
    expect(end.failoverEvents[0].crashedAtMs).toBeNull();
  });

  it('a one-way cut from cp to a node does not stop its heartbeats', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'one-way',
        nodes: 3,
        shards: 6,
        timeline: [{ atMs: 1000, command: { type: 'link.cut', a: 'cp', b: 'n1', oneWay: true } }],
      }),
    });
    sim.advanceBy(30_000);
    expect(sim.getState().nodes[0].health).toBe('ACTIVE');
    expect(sim.getState().cuts).toEqual([{ from: 'cp', to: 'n1' }]);
  });

  it('a partition that isolates a node from cp makes it DEAD; healing brings it back', () => {
    const sim = createSimulation({ scenario: scenario({ id: 'part', nodes: 5, shards: 30 }) });
    sim.dispatch({ type: 'network.partition', groups: [['n1', 'n2', 'n3', 'n4', 'cp'], ['n5']] });
    sim.advanceBy(20_000);
    expect(sim.getState().nodes[4].health).toBe('DEAD');
    sim.dispatch({ type: 'network.heal' });
    expect(sim.runUntil('healthy', { maxMs: 300_000 }).reached).toBe(true);
    expect(sim.getState().cuts).toEqual([]);
  });
});

describe('node lifecycle', () => {
  it('a restarted node replays its log, rejoins and its still-needed copies come back', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'restart',
        nodes: 3,
        shards: 12,
        timeline: [crash(1000, 'n1'), { atMs: 20_000, command: { type: 'node.restart', node: 'n1' } }],
      }),
    });
    // With 3 nodes at RF 3 there is nowhere to re-home: shards wait, explained, for n1.
    sim.advanceBy(19_000);
    const waiting = sim.getState();
    expect(waiting.metrics.underReplicatedShards).toBe(12);
    expect(waiting.shards.every((s) => /no eligible target/.test(s.waitingReason ?? ''))).toBe(true);
    expect(sim.runUntil('healthy', { maxMs: 120_000 }).reached).toBe(true);
    const kinds = sim.getTrace().map((e) => e.kind);
    expect(kinds.indexOf('wal.replayStarted')).toBeGreaterThan(-1);
    expect(kinds.indexOf('wal.replayStarted')).toBeLessThan(kinds.indexOf('wal.replayFinished'));
    expect(kinds.indexOf('wal.replayFinished')).toBeLessThan(kinds.indexOf('node.verified'));
    expect(kinds).toContain('replica.reinstated');
    expect(sim.getState().metrics.bytesMoved).toBe(0);
  });

  it('destroying every disk that holds a shard loses its data for good', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'destroy', nodes: 3, shards: 3, replicationFactor: 2 }),
    });
    const victim = sim.getState().shards[0];
    for (const n of victim.replicas) sim.dispatch({ type: 'node.destroy', node: n });
    expect(sim.getState().metrics.lostShardsTruth).toBeGreaterThanOrEqual(1);
    expect(sim.getTrace().some((e) => e.kind === 'node.diskLost' && e.level === 'alert')).toBe(true);
    expect(() => sim.dispatch({ type: 'node.restart', node: victim.replicas[0] })).toThrow(/destroyed/);
  });
});
