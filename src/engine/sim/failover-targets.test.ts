// Goal: step 3 of the failover path shows the targets it really computed, step 4 the real reason nothing moved,
// and a plan that is never carried out is not mistaken for queued copies (issue 8, item 1).
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../index';
import { builtIn, scenario } from '../../testing/load-scenario';
import { builtInScenarioIds } from '../../scenarios/registry';

function entryOf(sim: Simulation, kind: string): TraceEntry {
  const entry = sim.getTrace().find((e) => e.kind === kind);
  if (!entry) throw new Error(`no ${kind} entry`);
  return entry;
}

/** "n1 15, n2 15, n3 15, n5 15" → counts per node. */
function perNodeCounts(text: string): Map<string, number> {
  const list = /across \d+ node\(s\) \(([^)]*)\)/.exec(text)?.[1] ?? '';
  return new Map(
    list
      .split(', ')
      .filter(Boolean)
      .map((part) => {
        const [node, count] = part.split(' ');
        return [node, Number(count)];
      }),
  );
}

describe('step 3 computes targets before the migrator is asked (ZeptoDB order)', () => {
  it('unregistered-fallback: plans the 60 copies over the four healthy nodes, then says why none is made', () => {
    const sim = createSimulation({ scenario: builtIn('unregistered-fallback') });
    sim.runUntil('idle', { maxMs: 120_000 });
    const step3 = entryOf(sim, 'failover.targetsComputed');
    expect(step3.text).not.toContain('()');
    expect(step3.text).toMatch(/^Step 3: 60 new replica\(s\) planned across 4 node\(s\)/);
    const counts = perNodeCounts(step3.text);
    expect([...counts.keys()].sort()).toEqual(['n1', 'n2', 'n3', 'n5']);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(60);
    expect(step3.text).toMatch(/e\.g\. s\d{3} → n\d, s\d{3} → n\d, s\d{3} → n\d/);
    expect(step3.text).not.toMatch(/no eligible node/);

    const step4 = entryOf(sim, 'failover.fallback');
    expect(step4.text).toMatch(/^Step 4: the migrator has no registered nodes \(failover\.registeredNodes is empty\), so none of the 60 planned copies is made;/);

    const state = sim.getState();
    expect(state.failoverEvents[0]).toMatchObject({ targets: 60, reReplicationAttempted: false });
    // The plan is not a queue: nothing is queued or copying, every short shard says why.
    expect(state.metrics.copiesQueued).toBe(0);
    expect(state.metrics.copiesInFlight).toBe(0);
    expect(state.nodes.every((n) => n.copiesIn === 0 && n.copiesOut === 0)).toBe(true);
    const short = state.shards.filter((s) => s.state === 'underReplicated');
    expect(short).toHaveLength(60);
    for (const s of short) expect(s.waitingReason).toMatch(/^not re-replicated: the migrator has no registered nodes .*step 3 had planned n\d/);
    // "Why this target" must not read as if the copy happened.
    const why = sim.explainShard(short[0].id)!;
    expect(why.summary).toMatch(/^Planned at step 3, never copied \(the migrator has no registered nodes\)/);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('RethinkDB profile on three nodes: step 3 names why no node can take a replica, step 4 that autoReReplicate is off', () => {
    const sim = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    sim.runUntil('idle', { maxMs: 120_000 });
    const step3 = entryOf(sim, 'failover.targetsComputed');
    expect(step3.text).not.toContain('()');
    expect(step3.text).toMatch(/^Step 3: no new replica can be planned for any of the 12 shard\(s\): for example, no node can take s\d{3}: /);
    expect(step3.text).toMatch(/2 holds a replica/);
    expect(step3.text).toMatch(/1 not ACTIVE/);
    const step4 = entryOf(sim, 'failover.fallback');
    expect(step4.text).toMatch(/^Step 4: autoReReplicate is off, so nothing is copied \(step 3 found no target anyway\)/);
  });

  it('with autoReReplicate off and room to copy, step 4 says the planned copies are not made', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'no-auto',
        nodes: 5,
        shards: 20,
        failover: { autoReReplicate: false },
        timeline: [{ atMs: 1000, command: { type: 'node.crash', node: 'n1' } }],
      }),
    });
    sim.runUntil('idle', { maxMs: 60_000 });
    const planned = sim.getState().failoverEvents[0].targets;
    expect(planned).toBeGreaterThan(0);
    expect(entryOf(sim, 'failover.fallback').text).toMatch(new RegExp(`autoReReplicate is off, so none of the ${planned} planned copies is made`));
    expect(sim.getState().metrics.copiesQueued).toBe(0);
  });

  it('a partly registered migrator re-plans targets it does not know onto registered nodes', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'partly-registered',
        nodes: 6,
        racks: 6,
        shards: 60,
        failover: { registeredNodes: ['n1', 'n2', 'n3', 'n4'] },
        timeline: [{ atMs: 1000, command: { type: 'node.crash', node: 'n1' } }],
      }),
    });
    sim.runUntil('idle', { maxMs: 120_000 });
    const step4 = entryOf(sim, 'failover.migrationStarted');
    expect(step4.text).toMatch(/planned target\(s\) are not registered with the migrator/);
    const targets = Object.keys(sim.getState().metrics.rebuildTargetsByNode);
    expect(targets.every((t) => ['n2', 'n3', 'n4'].includes(t))).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('no built-in scenario prints an empty list "()"', () => {
    for (const id of builtInScenarioIds()) {
      const sim = createSimulation({ scenario: builtIn(id) });
      sim.runUntil('healthy', { maxMs: 120_000 });
      const empty = sim.getTrace().filter((e) => e.text.includes('()'));
      expect(empty.map((e) => `${id}: ${e.text}`)).toEqual([]);
    }
    // Every built-in runs here, fleet-1000-nodes (1,000 × 100,000) included: seconds alone, far more on a loaded machine.
  }, 180_000);
});
