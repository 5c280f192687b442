// Goal (issue 13, bench case b; issue 12 at 1,000 nodes): a heartbeat's two entries are packed (heartbeat-words.ts
// heartbeatKinds), so they are no object until read. What a learner reads, and the digest, must be what `record` gave
// for them: the words, the actor, the level and the node's one shared, frozen data.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { Trace } from './trace';

function run() {
  const sim = createSimulation({
    scenario: scenario({ id: 'heartbeat-entries', nodes: 4, shards: 8, replicationFactor: 3, timeline: [{ atMs: 3500, command: { type: 'node.crash', node: 'n2' } }] }),
    traceWindowEntries: 100_000,
  });
  sim.runUntil(({ timeMs }) => timeMs >= 6000);
  return sim;
}

describe('heartbeat entries', () => {
  it('read as their words: the node sends, cp hears, each with the node as its data', () => {
    const entries = run().getTrace(0);
    const sent = entries.filter((e) => e.kind === 'heartbeat.sent');
    const received = entries.filter((e) => e.kind === 'heartbeat.received');
    expect(sent.length).toBeGreaterThan(8);
    expect(received.length).toBeGreaterThan(8);
    for (const e of sent) {
      expect(e.text).toBe(`${e.actor} sends a heartbeat to cp.`);
      expect(e.data).toEqual({ node: e.actor });
      expect(e.level).toBe('detail');
    }
    for (const e of received) {
      const node = (e.data as { node: string }).node;
      expect(e.actor).toBe('cp');
      expect(e.text).toBe(`cp hears from ${node}.`);
      expect(e.level).toBe('detail');
    }
    // n2 crashed at 3.5 s: it sends nothing after, and cp hears nothing from it after its last heartbeat lands.
    expect(sent.filter((e) => e.actor === 'n2' && e.timeMs > 3500)).toEqual([]);
    expect(new Set(sent.map((e) => e.actor))).toEqual(new Set(['n1', 'n2', 'n3', 'n4']));
    // One frozen data object per node, shared by all its entries (the fork's byte estimate counts it once).
    const n1 = sent.filter((e) => e.actor === 'n1').map((e) => e.data);
    expect(Object.isFrozen(n1[0])).toBe(true);
    expect(new Set(n1).size).toBe(1);
  });

  it('give the digest record() gives for the same entries', () => {
    const sim = run();
    const again = new Trace(100_000);
    for (const e of sim.getTrace(0)) again.record(e.event, e.timeMs, e.actor, e.kind, e.text, e.level, e.data);
    expect(again.digest()).toBe(sim.digest());
  });
});
