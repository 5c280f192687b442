import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

/**
 * When a copy stream stalls, the migrator blames what it can observe: an end that no longer answers
 * cp. A target cut off from everyone is the target's fault, not the link's, although its process
 * is up (the engine used to read that from the truth and try another source instead).
 */
describe('a stalled copy stream is blamed on what cp can observe', () => {
  it('a target cut off from cp and its source is blamed, not the link', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'blame', nodes: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 1073741824,
        placement: { s001: ['n1', 'n2', 'n3'] },
        timeline: [
          { atMs: 0, command: { type: 'node.destroy', node: 'n1' } },
          { atMs: 12_000, command: { type: 'network.partition', groups: [['cp', 'n1', 'n2', 'n3'], ['n4']] } },
        ],
      }),
    });
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'copy.streamStalled'), { maxMs: 60_000 });
    const stalled = sim.getTrace().find((e) => e.kind === 'copy.streamStalled')!;
    expect(stalled.data).toMatchObject({ target: 'n4', blame: 'target' });
    expect(stalled.text).toMatch(/^The stream to n4 stalled/);
  });
});
