// Goal: every real machine the console can open is drawn legibly: a box per state, no two overlapping, no label
// over another, every state-changing transition an arrow — whatever the engine's machines look like today.
import { describe, expect, it } from 'vitest';
import { createSimulation, type MachineRef } from '../../engine/index';
import { builtIn } from '../../testing/load-scenario';
import { layoutGraph } from './statechart-layout';

const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
sim.advanceBy(16_000);
const kinds = new Map<string, MachineRef>();
for (const ref of sim.listMachines()) if (!kinds.has(ref.kind)) kinds.set(ref.kind, ref);

const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('layout of the real machines', () => {
  it('the run lists at least the node, health monitor, shard and failover manager machines', () => {
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(['node', 'healthMonitor', 'shard', 'failoverManager']));
  });

  for (const [kind, ref] of kinds) {
    it(`${kind}: boxes and labels apart, every transition that changes state drawn`, () => {
      const view = sim.getMachine(ref)!;
      const layout = layoutGraph(view.graph);
      const boxes = layout.boxes.filter((b) => !b.container);
      for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      const labels = layout.edges.flatMap((e) => e.labelBoxes);
      for (const a of labels) for (const b of labels) if (a !== b) expect(overlap(a, b)).toBe(false);
      for (const t of view.graph.transitions) for (const to of t.to) expect(layout.edges.some((e) => e.from === t.from && e.to === to)).toBe(true);
      for (const id of view.active) expect(layout.boxes.some((b) => b.id === id), `active ${id} has a box`).toBe(true);
    });
  }
});
