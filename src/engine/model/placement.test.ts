// Goal: replicas land where DESIGN.md §2 says — distinct nodes, distinct racks where possible, balanced —
// and every target choice explains itself, including when the rack rule must bend.
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../sim/random';
import { chooseTarget, placeInitialReplicas, type PlacementNode, type TargetCandidateInfo } from './placement';

const nodesIn = (count: number, racks: number): PlacementNode[] =>
  Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, rack: `r${(i % racks) + 1}`, rackIndex: i % racks }));

describe('placeInitialReplicas', () => {
  it('worked example: 400 shards at RF 3 on 6 nodes → exactly 200 replicas each, 3 distinct nodes per shard', () => {
    const placement = placeInitialReplicas(nodesIn(6, 6), 400, 3, new Map(), new RandomStream(1, 'p'));
    const load = new Array(6).fill(0);
    for (const replicas of placement) {
      expect(new Set(replicas).size).toBe(3);
      for (const n of replicas) load[n]++;
    }
    expect(load).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('spreads the survivors of any one node evenly, so its loss can be rebuilt evenly', () => {
    const placement = placeInitialReplicas(nodesIn(6, 6), 400, 3, new Map(), new RandomStream(1, 'p'));
    const partners = new Map<number, number>();
    for (const replicas of placement.filter((r) => r.includes(2)))
      for (const n of replicas) if (n !== 2) partners.set(n, (partners.get(n) ?? 0) + 1);
    // n3's 200 shards have 400 surviving replicas over 5 nodes: 80 each, give or take one.
    for (const count of partners.values()) expect(Math.abs(count - 80)).toBeLessThanOrEqual(1);
  });

  it('puts each replica in a different rack when racks allow', () => {
    const nodes = nodesIn(9, 3);
    const placement = placeInitialReplicas(nodes, 300, 3, new Map(), new RandomStream(7, 'p'));
    for (const replicas of placement) expect(new Set(replicas.map((n) => nodes[n].rackIndex)).size).toBe(3);
  });

  it('balances primaries (first replica) too', () => {
    const placement = placeInitialReplicas(nodesIn(6, 6), 600, 3, new Map(), new RandomStream(3, 'p'));
    const primaries = new Array(6).fill(0);
    for (const r of placement) primaries[r[0]]++;
    for (const p of primaries) expect(p).toBe(100);
  });

  it('keeps pinned placements and balances the rest around them', () => {
    const pinned = new Map([[0, [5, 4, 3]]]);
    const placement = placeInitialReplicas(nodesIn(6, 6), 12, 3, pinned, new RandomStream(1, 'p'));
    expect(placement[0]).toEqual([5, 4, 3]);
    const load = new Array(6).fill(0);
    for (const r of placement) for (const n of r) load[n]++;
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
  });

  it('samples on large clusters and stays roughly balanced (1,000 nodes, 20,000 shards)', () => {
    const nodes = nodesIn(1000, 20);
    const placement = placeInitialReplicas(nodes, 20_000, 3, new Map(), new RandomStream(1, 'p'));
    const load = new Array(1000).fill(0);
    for (const r of placement) {
      expect(new Set(r).size).toBe(3);
      expect(new Set(r.map((n) => nodes[n].rackIndex)).size).toBe(3);
      for (const n of r) load[n]++;
    }
    expect(Math.max(...load)).toBeLessThanOrEqual(75); // mean 60
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = placeInitialReplicas(nodesIn(6, 6), 50, 3, new Map(), new RandomStream(1, 'p'));
    const b = placeInitialReplicas(nodesIn(6, 6), 50, 3, new Map(), new RandomStream(1, 'p'));
    const c = placeInitialReplicas(nodesIn(6, 6), 50, 3, new Map(), new RandomStream(2, 'p'));
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
});

/** A candidate with `incoming` copies on their way (each one shard-second at its bandwidth) and `held` replicas. */
const candidate = (index: number, rackIndex: number, incoming: number, hardRejection: string | null = null, held = 100): TargetCandidateInfo => ({
  index,
  id: `n${index + 1}`,
  rack: `r${rackIndex + 1}`,
  rackIndex,
  incoming,
  landsInMs: (incoming + 1) * 1000,
  held,
  hardRejection,
});

describe('chooseTarget', () => {
  it('prefers a rack without a surviving replica over a less loaded node in an occupied rack', () => {
    const choice = chooseTarget(
      's001',
      [candidate(0, 0, 10, 'holds a replica'), candidate(1, 1, 5), candidate(2, 2, 9), candidate(3, 0, 1)],
      new Set([0]),
      new RandomStream(1, 't'),
      0,
    );
    expect(choice.target).toBe('n2');
    expect(choice.rackRuleRelaxed).toBe(false);
    expect(choice.rejected).toEqual([
      { node: 'n1', reason: 'holds a replica' },
      { node: 'n3', reason: 'busier: 9 copies coming in, it would land after 10.0 s vs 6.00 s' },
      { node: 'n4', reason: 'rack r1 already holds a replica' },
    ]);
    expect(choice.summary).toMatch(/n2 \(rack r2\) takes s001/);
  });

  it('relaxes the rack rule, and says so, when every eligible node sits in an occupied rack', () => {
    const choice = chooseTarget('s002', [candidate(0, 0, 3), candidate(1, 0, 2), candidate(2, 1, 0, 'not ACTIVE: the monitor says DEAD')], new Set([0]), new RandomStream(1, 't'), 0);
    expect(choice.target).toBe('n2');
    expect(choice.rackRuleRelaxed).toBe(true);
    expect(choice.summary).toMatch(/rack rule was relaxed/);
  });

  it('breaks ties with the seeded stream, and names the losers of the tie', () => {
    const picks = new Set<string | null>();
    for (let seed = 1; seed <= 20; seed++) {
      const choice = chooseTarget('s003', [candidate(0, 0, 4), candidate(1, 1, 4), candidate(2, 2, 4)], new Set(), new RandomStream(seed, 't'), 0);
      picks.add(choice.target);
      expect(choice.rejected.every((r) => /seeded tie-break/.test(r.reason))).toBe(true);
    }
    expect(picks.size).toBe(3);
  });

  it('sends the copy where it lands soonest, not where fewest replicas sit; replicas held break the tie', () => {
    // n1 holds fewer replicas but already has two copies coming in: a count-based rule stacked copies on it.
    const choice = chooseTarget(
      's006',
      [candidate(0, 0, 2, null, 290), candidate(1, 1, 0, null, 301), candidate(2, 2, 0, null, 300)],
      new Set(),
      new RandomStream(1, 't'),
      0,
    );
    expect(choice.target).toBe('n3');
    expect(choice.rejected).toEqual([
      { node: 'n1', reason: 'busier: 2 copies coming in, it would land after 3.00 s vs 1.00 s' },
      { node: 'n2', reason: 'as free, but holds more replicas: 301 vs 300' },
    ]);
    expect(choice.summary).toMatch(/the copy lands soonest there \(0 copies already coming in, so after 1\.00 s\), then fewest replicas held \(300\)/);
  });

  it('explains why no node can take the replica', () => {
    const choice = chooseTarget(
      's004',
      [candidate(0, 0, 1, 'holds a replica'), candidate(1, 1, 1, 'not ACTIVE: the monitor says SUSPECT')],
      new Set(),
      new RandomStream(1, 't'),
      0,
    );
    expect(choice.target).toBeNull();
    expect(choice.summary).toBe('no node can take s004: 1 holds a replica, 1 not ACTIVE');
  });

  it('counts rejections by reason on large clusters instead of listing each', () => {
    const many = Array.from({ length: 40 }, (_, i) => candidate(i, i % 4, i === 7 ? 0 : 5, i < 3 ? 'holds a replica' : null));
    const choice = chooseTarget('s005', many, new Set([0, 1, 2]), new RandomStream(1, 't'), 0);
    expect(choice.rejected).toEqual([]);
    expect(choice.rejectedMore).toEqual({ 'holds a replica': 3, 'rack already holds a replica': 27, busier: 9 });
  });
});
