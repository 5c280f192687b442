import { describe, expect, it } from 'vitest';
import type { CopyView, MessageView } from '../../../engine/index';
import { aggregateRacks, copyFlows, findNode, rackAriaLabel, type AggregateInput, type AggregateNode } from './aggregate';

/** Nodes dealt over racks in turn, as the scenario parser does (n1→r1, n2→r2, …), all up and ACTIVE with 30 replicas. */
function fleet(nodes: number, racks: number): AggregateInput {
  const rackIds = Array.from({ length: racks }, (_, i) => `r${i + 1}`);
  const list: AggregateNode[] = Array.from({ length: nodes }, (_, i) => ({
    id: `n${i + 1}`,
    rack: rackIds[i % racks],
    up: true,
    health: 'ACTIVE',
    replicaCount: 30,
    copiesIn: 0,
    copiesOut: 0,
  }));
  return { racks: rackIds, nodes: list, copies: [], messages: [], cuts: [] };
}

function node(input: AggregateInput, id: string): AggregateNode {
  return input.nodes.find((n) => n.id === id)!;
}

function copy(shard: string, source: string | null, target: string, phase: CopyView['phase'] = 'snapshot'): CopyView {
  return { shard, source, target, phase, sizeBytes: 64, bytesDone: 0, rateBytesPerSec: 1 };
}

describe('per-rack aggregates: what a rack tile says', () => {
  it('a rack whose node crashed reads all up until cp notices, then 1 suspect, then 1 dead, naming the node', () => {
    const input = fleet(100, 10);
    const n3 = node(input, 'n3');
    n3.up = false;
    let r3 = aggregateRacks(input).find((r) => r.id === 'r3')!;
    expect(r3).toMatchObject({ total: 10, active: 10, suspect: 0, dead: 0, processDown: 1, unnoticedDownIds: ['n3'] });

    n3.health = 'SUSPECT';
    r3 = aggregateRacks(input).find((r) => r.id === 'r3')!;
    expect(r3).toMatchObject({ active: 9, suspect: 1, dead: 0, suspectIds: ['n3'], unnoticedDownIds: [] });

    n3.health = 'DEAD';
    n3.replicaCount = 0;
    const racks = aggregateRacks(input);
    r3 = racks.find((r) => r.id === 'r3')!;
    expect(r3).toMatchObject({ active: 9, suspect: 0, dead: 1, deadIds: ['n3'], replicas: 270 });
    // Every other rack is untouched.
    expect(racks.filter((r) => r.id !== 'r3').every((r) => r.active === 10 && r.dead === 0)).toBe(true);
  });

  it('keeps the racks in the cluster order, every node counted once', () => {
    const racks = aggregateRacks(fleet(1000, 40));
    expect(racks.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => `r${i + 1}`));
    expect(racks.reduce((sum, r) => sum + r.total, 0)).toBe(1000);
    expect(racks[6].nodeIds.slice(0, 3)).toEqual(['n7', 'n47', 'n87']);
  });

  it('counts copies in and out of a rack from its nodes, and copies still queued for it', () => {
    const input = fleet(100, 10);
    node(input, 'n12').copiesIn = 2; // r2
    node(input, 'n22').copiesIn = 1; // r2
    node(input, 'n5').copiesOut = 3; // r5
    input.copies = [copy('s1', 'n5', 'n12'), copy('s2', 'n5', 'n12'), copy('s3', 'n5', 'n22'), copy('s4', 'n6', 'n32', 'queued')];
    const racks = aggregateRacks(input);
    expect(racks.find((r) => r.id === 'r2')).toMatchObject({ copiesIn: 3, copiesOut: 0, queuedIn: 1 });
    expect(racks.find((r) => r.id === 'r5')).toMatchObject({ copiesIn: 0, copiesOut: 3 });
  });

  it('counts nodes whose heartbeats can reach cp, and heartbeats in flight', () => {
    const input = fleet(20, 2);
    node(input, 'n1').up = false;
    input.cuts = [{ from: 'n3', to: 'cp' }];
    const hb = (id: number, from: string): MessageView => ({ id, kind: 'heartbeat', from, to: 'cp', sentAtMs: 0, arriveAtMs: 1 });
    input.messages = [hb(1, 'n5'), hb(2, 'n7'), hb(3, 'n2')];
    const [r1, r2] = aggregateRacks(input);
    expect(r1).toMatchObject({ heartbeating: 8, heartbeatsInFlight: 2 });
    expect(r2).toMatchObject({ heartbeating: 10, heartbeatsInFlight: 1 });
  });
});

describe('copy flows between racks', () => {
  it('sums copies in flight per source rack → target rack, biggest first; queued ones apart', () => {
    const input = fleet(100, 10);
    input.copies = [
      copy('s1', 'n5', 'n12'),
      copy('s2', 'n15', 'n22'),
      copy('s3', 'n5', 'n33'),
      copy('s4', 'n6', 'n32', 'queued'),
      copy('s5', null, 'n2', 'catchingUp'),
    ];
    expect(copyFlows(input)).toEqual([
      { from: 'r5', to: 'r2', inFlight: 2, queued: 0 },
      { from: 'r5', to: 'r3', inFlight: 1, queued: 0 },
      { from: null, to: 'r2', inFlight: 1, queued: 0 },
      { from: 'r6', to: 'r2', inFlight: 0, queued: 1 },
    ]);
  });
});

describe('the words a rack tile is read by', () => {
  it('"Rack r7: 24 up, 1 dead, 3 copies in" — only the counts that are not zero, beyond up', () => {
    const input = fleet(25, 1).nodes.map((n) => ({ ...n, rack: 'r7' }));
    input[3] = { ...input[3], up: false, health: 'DEAD', replicaCount: 0 };
    input[4] = { ...input[4], copiesIn: 3 };
    const [r7] = aggregateRacks({ racks: ['r7'], nodes: input, copies: [], messages: [], cuts: [] });
    expect(rackAriaLabel(r7)).toBe('Rack r7: 24 up, 1 dead (n4), 3 copies in, 720 replicas');
  });

  it('says when a process is down that cp has not noticed yet', () => {
    const input = fleet(10, 1);
    node(input, 'n2').up = false;
    const [r1] = aggregateRacks(input);
    expect(rackAriaLabel(r1)).toBe('Rack r1: 10 up, 1 process down that cp has not noticed (n2), 300 replicas');
  });
});

describe('finding a node by id', () => {
  const nodes = fleet(1000, 40).nodes;
  it.each([
    ['n317', 'n317'],
    ['317', 'n317'],
    [' N317 ', 'n317'],
    ['n1001', null],
    ['', null],
  ])('%j finds %s', (query, id) => {
    expect(findNode(nodes, query)?.id ?? null).toBe(id);
  });
});
