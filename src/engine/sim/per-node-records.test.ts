// Goal (issue 12, a seek at 1,000 nodes): a metric's per-node record is one frozen object while its values stand
// still, so the console's samples keep it once; and it is a new, right one as soon as a value moves.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn } from '../../testing/load-scenario';

describe('per-node metric records', () => {
  it('stay the same object while the bytes do not move, and follow them when they do', () => {
    const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
    sim.advanceBy(20_000); // n3 died at 5 s: copies are landing
    const during = sim.getMetrics().rebuildBytesInByNode;
    sim.advanceBy(1_000);
    const later = sim.getMetrics().rebuildBytesInByNode;
    expect(later).not.toBe(during);
    expect(Object.values(later).reduce((a, b) => a + b, 0)).toBeGreaterThan(Object.values(during).reduce((a, b) => a + b, 0));

    sim.runUntil('healthy', { maxMs: 300_000 });
    sim.advanceBy(5_000);
    const settled = sim.getMetrics();
    sim.advanceBy(5_000);
    const again = sim.getMetrics();
    expect(again.rebuildBytesInByNode).toBe(settled.rebuildBytesInByNode);
    expect(again.rebuildBytesOutByNode).toBe(settled.rebuildBytesOutByNode);
    expect(Object.keys(again.rebuildBytesInByNode).length).toBe(5); // every survivor took copies
    // Shared, so never changed by a reader.
    expect(() => {
      (again.rebuildBytesInByNode as Record<string, number>).n1 = 0;
    }).toThrow(TypeError);
  });
});
