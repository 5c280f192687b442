import fc from 'fast-check';
import type { Command } from '../engine/index';

/**
 * Test support: random faults for property tests — node crashes and
 * restarts, cut and healed links (cp included), partitions and heals —
 * weighted so crashes are common. A test adds the commands of its own topic.
 */
export function networkAndNodeFaults(
  nodes: number,
  partitionSides: readonly string[],
): fc.WeightedArbitrary<Command>[] {
  const nodeId = fc.integer({ min: 1, max: nodes }).map((i) => `n${i}`);
  const endpoint = fc.oneof(nodeId, fc.constant('cp'));
  return [
    { weight: 4, arbitrary: nodeId.map((node): Command => ({ type: 'node.crash', node })) },
    { weight: 3, arbitrary: nodeId.map((node): Command => ({ type: 'node.restart', node })) },
    { weight: 2, arbitrary: fc.tuple(endpoint, endpoint, fc.boolean()).map(([a, b, oneWay]): Command => ({ type: 'link.cut', a, b, oneWay })) },
    { weight: 1, arbitrary: fc.tuple(endpoint, endpoint).map(([a, b]): Command => ({ type: 'link.heal', a, b })) },
    {
      weight: 1,
      arbitrary: fc
        .subarray([...partitionSides], { minLength: 1, maxLength: 3 })
        .map((side): Command => ({ type: 'network.partition', groups: [side] })),
    },
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'network.heal' }) },
  ];
}

/**
 * Test support: the faults of local recovery and corruption (design recovery-repair.md §3.4, §6.1) — process and
 * power crashes, a rack's and the whole cluster's power, bit flips in a log's tail or middle, rotten replicas,
 * failing disks and scrubs. Shard ids are s001…; a command that cannot apply at its moment is refused and skipped.
 */
export function recoveryFaults(nodes: number, shards: number, racks: number): fc.WeightedArbitrary<Command>[] {
  const nodeId = fc.integer({ min: 1, max: nodes }).map((i) => `n${i}`);
  const shardId = fc.integer({ min: 1, max: shards }).map((i) => `s${String(i).padStart(3, '0')}`);
  const rackId = fc.integer({ min: 1, max: racks }).map((i) => `r${i}`);
  const kind = fc.constantFrom('process' as const, 'power' as const);
  return [
    { weight: 4, arbitrary: fc.tuple(nodeId, kind).map(([node, k]): Command => ({ type: 'node.crash', node, kind: k })) },
    { weight: 3, arbitrary: nodeId.map((node): Command => ({ type: 'node.restart', node })) },
    { weight: 1, arbitrary: rackId.map((rack): Command => ({ type: 'rack.fail', rack, kind: 'power' })) },
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'cluster.powerLoss' }) },
    { weight: 2, arbitrary: fc.tuple(nodeId, fc.constantFrom('tail' as const, 'middle' as const)).map(([node, at]): Command => ({ type: 'wal.corrupt', node, at })) },
    { weight: 1, arbitrary: fc.tuple(nodeId, shardId, fc.integer({ min: 1, max: 3 })).map(([node, shard, keys]): Command => ({ type: 'replica.corrupt', node, shard, keys })) },
    { weight: 1, arbitrary: fc.tuple(nodeId, fc.constantFrom(0.1, 0.5, 1)).map(([node, fraction]): Command => ({ type: 'disk.corrupt', node, fraction })) },
    { weight: 1, arbitrary: fc.tuple(shardId, fc.boolean()).map(([shard, deep]): Command => ({ type: 'scrub.run', shard, deep })) },
  ];
}

/** The moments a crash is aimed at: while the node replays its log, while it catches up from peers, while it scrubs. */
export type LandingPhase = 'replaying' | 'catchingUp' | 'scrubbing';

/** Crash `node` (process or power) as soon as it is in `phase` (within `withinMs`), then restart it `restartAfterMs` later. */
export interface LandingFault {
  node: string;
  phase: LandingPhase;
  kind: 'process' | 'power';
  withinMs: number;
  restartAfterMs: number;
}

export function landingFaults(nodes: number): fc.Arbitrary<LandingFault> {
  return fc.record({
    node: fc.integer({ min: 1, max: nodes }).map((i) => `n${i}`),
    phase: fc.constantFrom<LandingPhase>('replaying', 'catchingUp', 'scrubbing'),
    kind: fc.constantFrom('process' as const, 'power' as const),
    withinMs: fc.integer({ min: 1_000, max: 20_000 }),
    restartAfterMs: fc.integer({ min: 0, max: 2_000 }),
  });
}
