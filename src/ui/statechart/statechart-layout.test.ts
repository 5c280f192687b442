// Goal: the drawing reads top-down from the initial state, every state gets its own box, every transition its labelled
// arrow, nothing overlaps, and the same machine is always drawn the same way.
import { describe, expect, it } from 'vitest';
import type { MachineGraph, MachineGraphTransition } from '../../engine/index';
import { layoutGraph, type LaidOutBox, type Layout } from './statechart-layout';

const state = (id: string, extra: Partial<MachineGraph['states'][number]> = {}) => ({
  id,
  label: id.split('.').at(-1)!,
  parent: id.includes('.') ? id.split('.').slice(0, -1).join('.') : null,
  initial: false,
  final: false,
  ...extra,
});
const edge = (from: string, to: string[], event: string, guard: string | null = null, delay: string | null = null): MachineGraphTransition => ({
  from,
  to,
  event,
  guard,
  delay,
});

/** Shaped like the health monitor: a chain with back edges. */
const monitor: MachineGraph = {
  machineId: 'healthMonitor',
  initial: 'ACTIVE',
  states: [state('ACTIVE', { initial: true }), state('SUSPECT'), state('DEAD'), state('REJOINING')],
  transitions: [
    edge('ACTIVE', ['SUSPECT'], 'after suspectAfterMs', null, 'suspectAfterMs'),
    edge('SUSPECT', ['ACTIVE'], 'heartbeat.received'),
    edge('SUSPECT', ['DEAD'], 'after deadAfterMs', null, 'deadAfterMs'),
    edge('DEAD', ['REJOINING'], 'heartbeat.received'),
    edge('REJOINING', ['ACTIVE'], 'resync.completed'),
    edge('REJOINING', ['DEAD'], 'silence.suspectThresholdPassed'),
  ],
};

/** Shaped like the shard machine: root-level transitions, guards, a branch, targetless alternatives. */
const shard: MachineGraph = {
  machineId: 'shard',
  initial: 'healthy',
  states: [state('healthy', { initial: true }), state('underReplicated'), state('rehoming'), state('lost')],
  transitions: [
    edge('*', ['lost'], 'replica.removed', 'noCopiesLeft'),
    edge('*', ['rehoming'], 'replica.removed', 'copyRunning'),
    edge('*', ['underReplicated'], 'replica.removed'),
    edge('underReplicated', ['rehoming'], 'copy.started'),
    edge('underReplicated', ['healthy'], 'replica.reinstated', 'backAtReplicationFactor'),
    edge('underReplicated', [], 'replica.reinstated'),
    edge('rehoming', ['healthy'], 'copy.committed', 'backAtReplicationFactor'),
    edge('rehoming', [], 'copy.committed', 'copyRunning'),
    edge('rehoming', ['underReplicated'], 'copy.failed'),
    edge('rehoming', ['healthy'], 'replica.reinstated', 'backAtReplicationFactor'),
    edge('lost', ['healthy'], 'replica.reinstated', 'backAtReplicationFactor'),
    edge('lost', ['underReplicated'], 'replica.reinstated'),
  ],
};

/** Nested states, a skip edge, a final state. */
const copyJob: MachineGraph = {
  machineId: 'copyJob',
  initial: 'queued',
  states: [
    state('queued', { initial: true }),
    state('copying'),
    state('copying.snapshot', { initial: true }),
    state('copying.catchingUp'),
    state('committed', { final: true }),
    state('failed'),
  ],
  transitions: [
    edge('queued', ['copying'], 'start'),
    edge('copying.snapshot', ['copying.catchingUp'], 'snapshot.done'),
    edge('copying.catchingUp', ['committed'], 'caughtUp'),
    edge('copying', ['failed'], 'after 30000', null, '30000'),
    edge('queued', ['failed'], 'cancel'),
    edge('failed', ['failed'], 'copy.retargeted'),
  ],
};

const box = (l: Layout, id: string) => {
  const b = l.boxes.find((x) => x.id === id);
  if (!b) throw new Error(`no box ${id}`);
  return b;
};
const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (inner: LaidOutBox, outer: LaidOutBox) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

describe('layoutGraph', () => {
  for (const graph of [monitor, shard, copyJob]) {
    it(`${graph.machineId}: a box for every state, none overlapping but nested ones, all inside the drawing`, () => {
      const l = layoutGraph(graph);
      for (const s of graph.states) expect(box(l, s.id).label).toBe(s.label);
      const real = l.boxes.filter((b) => !b.pseudo);
      for (const a of real)
        for (const b of real) {
          if (a === b || a.id.startsWith(`${b.id}.`) || b.id.startsWith(`${a.id}.`)) continue;
          expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
        }
      for (const b of l.boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(l.width);
        expect(b.y + b.h).toBeLessThanOrEqual(l.height);
      }
    });

    it(`${graph.machineId}: every transition that changes state is an arrow carrying its words; labels never overlap`, () => {
      const l = layoutGraph(graph);
      for (const t of graph.transitions.filter((t) => t.to.length > 0)) {
        const arrow = l.edges.find((e) => e.from === t.from && e.to === t.to[0]);
        expect(arrow, `${t.from} → ${t.to[0]}`).toBeDefined();
        expect(arrow!.labels.some((x) => x.startsWith(t.event.startsWith('after 3') ? 'after 30 s' : t.event))).toBe(true);
      }
      const rects = l.edges.flatMap((e) => e.labelBoxes);
      for (const a of rects) for (const b of rects) if (a !== b) expect(overlaps(a, b)).toBe(false);
      for (const r of rects) {
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.x + r.w).toBeLessThanOrEqual(l.width);
      }
    });

    it(`${graph.machineId}: an arrow's words sit on it, or, where there is no room, a note number 1, 2, … does`, () => {
      const l = layoutGraph(graph);
      const notes = l.edges.filter((e) => e.note !== null);
      expect(notes.map((e) => e.note)).toEqual(notes.map((_, i) => i + 1));
      for (const e of notes) expect(e.lines).toEqual([String(e.note)]);
      for (const e of l.edges.filter((e) => e.note === null)) expect(e.lines.join(' ').replace(/\s+/g, ' ')).toBe(e.labels.join(' '));
    });

    it(`${graph.machineId}: the same graph is always drawn the same way`, () => {
      expect(layoutGraph(graph)).toEqual(layoutGraph(structuredClone(graph)));
    });
  }

  it('reads top-down from the initial state: ACTIVE above SUSPECT above DEAD above REJOINING', () => {
    const l = layoutGraph(monitor);
    const ys = ['ACTIVE', 'SUSPECT', 'DEAD', 'REJOINING'].map((id) => box(l, id).y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(4);
  });

  it('transitions taken from any state start at an "any state" box; targetless ones draw no arrow', () => {
    const l = layoutGraph(shard);
    expect(box(l, '*')).toMatchObject({ pseudo: true, label: 'any state' });
    expect(l.edges.filter((e) => e.from === '*').map((e) => e.to).sort()).toEqual(['lost', 'rehoming', 'underReplicated']);
    // rehoming → healthy on two events, each with its guard, is one arrow with two lines.
    expect(l.edges.find((e) => e.from === 'rehoming' && e.to === 'healthy')!.labels).toEqual([
      'copy.committed [backAtReplicationFactor]',
      'replica.reinstated [backAtReplicationFactor]',
    ]);
  });

  it('nested states sit inside their parent', () => {
    const l = layoutGraph(copyJob);
    expect(inside(box(l, 'copying.snapshot'), box(l, 'copying'))).toBe(true);
    expect(inside(box(l, 'copying.catchingUp'), box(l, 'copying'))).toBe(true);
    expect(box(l, 'copying').container).toBe(true);
  });
});
