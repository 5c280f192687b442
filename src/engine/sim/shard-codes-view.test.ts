// Goal: the placement heat map, fed only shard codes at 100,000 shards, shows every shard exactly as the grid would
// from getState().shards: the same replica state, write state and recovery state, at every moment of a lesson.
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  describeShardCode,
  nodeRecoveryMark,
  shardCodeOfView,
  type ClusterState,
  type Simulation,
} from '../index';
import { builtIn, scenario } from '../../testing/load-scenario';

function codesFromViews(state: ClusterState): number[] {
  const marks = new Map(state.nodes.map((n) => [n.id, nodeRecoveryMark(n.recovery)]));
  return state.shards.map((s) => shardCodeOfView(s, state.replicationFactor, (id) => marks.get(id) ?? 'none'));
}

function expectAgreement(sim: Simulation, label: string): Set<string> {
  const state = sim.getState();
  const codes = sim.getShardStateCodes();
  expect(codes.length, label).toBe(state.shards.length);
  const expected = codesFromViews(state);
  const mismatches = state.shards
    .map((s, i) => (codes[i] === expected[i] ? null : `${s.id}: ${describeShardCode(codes[i])} ≠ ${describeShardCode(expected[i])}`))
    .filter(Boolean);
  expect(mismatches, `${label} at ${sim.timeMs} ms`).toEqual([]);
  return new Set(Array.from(codes, describeShardCode));
}

/** Every moment's codes in words, over all lessons: the last test checks they covered each part of a code. */
const seen = new Set<string>();

const LESSONS = [
  'rehome-worked-example',
  'second-failure-during-rebuild',
  'minority-partition',
  'non-transitive-4357',
  'crash-during-replay',
  'catch-up-log-vs-snapshot',
  'bit-rot-deep-scrub',
  'emergency-repair',
  'two-server-no-failover',
];

describe('getShardStateCodes', () => {
  for (const id of LESSONS) {
    it(`agrees with getState().shards throughout ${id}`, () => {
      const sim = createSimulation({ scenario: builtIn(id) });
      for (let t = 0; t <= 150_000; t += 2_500) {
        sim.advanceBy(t === 0 ? 0 : 2_500);
        for (const words of expectAgreement(sim, id)) seen.add(words);
      }
    }, 60_000);
  }

  for (const profile of ['ceph', 'hdfs']) {
    it(`agrees while a read finds a corrupt primary copy (${profile})`, () => {
      const sim = createSimulation({ scenario: corruptPrimary(profile) });
      for (let t = 0; t <= 60_000; t += 500) {
        sim.advanceBy(t === 0 ? 0 : 500);
        for (const words of expectAgreement(sim, profile)) seen.add(words);
      }
    }, 60_000);
  }

  it('the lessons above exercised every part of a code', () => {
    const all = [...seen].join(' | ');
    for (const words of ['under-replicated', 're-homing', 'last copy', 'no primary', 'no quorum', 'replaying its log', 'catching up', 'inconsistent'])
      expect(all).toContain(words);
  });

  it('names a code in words: replica state, write state, then recovery when there is one', () => {
    expect(describeShardCode(0)).toBe('healthy, takes writes');
    const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
    sim.advanceBy(30_000);
    const words = Array.from(sim.getShardStateCodes(), describeShardCode);
    expect(words.some((w) => w.startsWith('re-homing') || w.startsWith('under-replicated'))).toBe(true);
  });
});

function corruptPrimary(profile: string) {
  return scenario({
    id: `corrupt-primary-${profile}`,
    seed: 1,
    profile,
    nodes: 4,
    racks: 4,
    shards: 12,
    replicationFactor: 3,
    workload: { writesPerSec: 10, readsPerSec: 20 },
    placement: { s004: ['n1', 'n2', 'n3'] },
    timeline: [{ atMs: 20_000, command: { type: 'replica.corrupt', node: 'n1', shard: 's004' } }],
  });
}
