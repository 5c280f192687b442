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
