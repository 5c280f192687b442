// Goal: the worked example of seed 001 — six nodes, n3 dies holding 200 of 400 shards at RF 3 — re-homes exactly as taught.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn } from '../../testing/load-scenario';

describe('rehome-worked-example', () => {
  const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
  const before = sim.getState();
  const n3Shards = before.shards.filter((s) => s.replicas.includes('n3'));
  const result = sim.runUntil('healthy', { maxMs: 300_000 });
  const after = sim.getState();

  it('starts balanced: every node holds 200 replicas, so n3 holds 200 shards', () => {
    expect(before.nodes.map((n) => n.replicaCount)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(n3Shards).toHaveLength(200);
  });

  it('reaches healthy with every shard back at RF 3 and none lost', () => {
    expect(result.reached).toBe(true);
    expect(after.shards.every((s) => s.replicas.length === 3 && s.state === 'healthy')).toBe(true);
    expect(after.metrics.underReplicatedShards).toBe(0);
    expect(after.metrics.lostShards).toBe(0);
    expect(after.metrics.rebuildBytesRemaining).toBe(0);
  });

  it('re-homes only the 200 shards n3 held, each onto a node (and rack) that held no copy', () => {
    const moved = after.shards.filter((s) => !s.replicas.every((r) => before.shards.find((b) => b.id === s.id)!.replicas.includes(r)));
    expect(moved.map((s) => s.id).sort()).toEqual(n3Shards.map((s) => s.id).sort());
    for (const shard of after.shards) {
      expect(new Set(shard.replicas).size).toBe(3);
      const racks = shard.replicas.map((r) => after.nodes.find((n) => n.id === r)!.rack);
      expect(new Set(racks).size).toBe(3);
      expect(shard.replicas).not.toContain('n3');
    }
  });

  it('spreads the rebuild: about 40 new replicas on each survivor', () => {
    const targets = after.metrics.rebuildTargetsByNode;
    expect(Object.keys(targets).sort()).toEqual(['n1', 'n2', 'n4', 'n5', 'n6']);
    for (const count of Object.values(targets)) {
      expect(count).toBeGreaterThanOrEqual(38);
      expect(count).toBeLessThanOrEqual(42);
    }
    expect(Object.values(targets).reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('moves exactly the bytes n3 held', () => {
    expect(after.metrics.bytesMoved).toBe(200 * after.shardSizeBytes);
  });

  it('reports detection delay, time to restore RF and the durability window', () => {
    const { detectionDelayMs, timeToRestoreRfMs, durabilityWindowMs } = after.metrics;
    // Last heartbeat arrived up to one interval before the crash at 5 s; DEAD after 10 s of silence.
    expect(detectionDelayMs).toBeGreaterThan(9000);
    expect(detectionDelayMs).toBeLessThanOrEqual(10_000);
    // 200 × 64 MiB over 5 survivors at 64 MiB/s each is 40 s at best.
    expect(timeToRestoreRfMs).toBeGreaterThanOrEqual(40_000);
    expect(timeToRestoreRfMs! / 40_000).toBeLessThanOrEqual(1.15);
    expect(durabilityWindowMs).toBe(detectionDelayMs! + timeToRestoreRfMs!);
    expect(after.metrics.minCopies).toBe(2);
  });

  it('records one FailoverEvent for n3 that attempted and succeeded', () => {
    expect(after.failoverEvents).toHaveLength(1);
    expect(after.failoverEvents[0]).toMatchObject({
      failedNode: 'n3',
      crashedAtMs: 5000,
      affectedShards: 200,
      targets: 200,
      reReplicationAttempted: true,
      reReplicationSucceeded: true,
      fallbackReason: null,
    });
  });

  it('narrates the failover path in order', () => {
    const kinds = sim.getTrace().map((e) => e.kind);
    const order = [
      'node.crashed',
      'node.suspected',
      'node.declaredDead',
      'failover.routerRemoved',
      'failover.coordinatorRemoved',
      'failover.targetsComputed',
      'failover.migrationStarted',
      'failover.callbackFired',
      'cluster.restored',
    ].map((k) => kinds.indexOf(k));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('explains each target: who was rejected and why', () => {
    const choice = sim.explainShard(n3Shards[0].id)!;
    expect(choice.target).not.toBeNull();
    expect(choice.rejected.map((r) => r.node).sort()).toEqual(
      ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].filter((n) => n !== choice.target),
    );
    expect(choice.rejected.find((r) => r.node === 'n3')!.reason).toMatch(/DEAD/);
    const holders = n3Shards[0].replicas.filter((r) => r !== 'n3');
    for (const h of holders) expect(choice.rejected.find((r) => r.node === h)!.reason).toBe('holds a replica');
  });

  it('holds every invariant at the end', () => {
    expect(sim.checkInvariants()).toEqual([]);
  });
});
