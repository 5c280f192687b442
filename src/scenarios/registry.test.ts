import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './defaults';
import { parseScenario } from './parse-scenario';
import { BUILT_IN_SCENARIOS, builtInScenarioIds, getBuiltInScenario, listBuiltInScenarios } from './registry';

function builtIn(id: string) {
  const scenario = getBuiltInScenario(id);
  if (!scenario) throw new Error(`no built-in "${id}"`);
  return scenario;
}

describe('built-in scenarios', () => {
  it('are listed in teaching order', () => {
    expect(builtInScenarioIds()).toEqual([
      'rehome-worked-example',
      'rack-aware-nine-nodes',
      'rack-outage',
      'second-failure-during-rebuild',
      'flapping-node-grace',
      'unregistered-fallback',
      'primary-failover-rf3',
      'two-server-no-failover',
      'minority-partition',
      'non-transitive-4357',
      'configured-primary-returns',
      'emergency-repair',
      'power-loss-torn-tail',
      'restart-walkthrough',
      'recovery-modes-mid-log',
      'crash-during-replay',
      'crash-during-replay-not-idempotent',
      'txn-restart-rules',
      'txn-restart-rules-aries',
      'txn-in-doubt',
      'snapshot-vs-replay',
      'replay-without-snapshot',
      'catch-up-log-vs-snapshot',
      'cluster-power-loss',
      'cluster-power-loss-per-commit',
      'restore-from-backup',
      'restore-from-backup-pitr',
      'bit-rot-deep-scrub',
      'read-repair-vs-anti-entropy',
      'merkle-divergence',
      'merkle-divergence-level-by-level',
      'sync-vs-async-repair',
      'sync-vs-async-repair-async',
      'hinted-handoff-window',
      'hinted-handoff-window-exceeded',
      'hinted-handoff-any-lost',
      'incremental-repair',
      'cp-leader-dies-mid-rehome',
      'cp-leader-dies-mid-rehome-no-journal',
      'cp-leader-dies-mid-rehome-cold',
      'partial-failure-lab',
      'fleet-100-nodes',
      'fleet-1000-nodes',
    ]);
  });

  it.each(BUILT_IN_SCENARIOS.map((s) => [s.id, s] as const))('%s parses without problems', (_id, file) => {
    const result = parseScenario(file);
    expect(result.ok ? [] : result.problems).toEqual([]);
    // Survives a trip through JSON text, as a downloaded copy would.
    expect(parseScenario(JSON.stringify(file))).toEqual(result);
  });

  it.each(BUILT_IN_SCENARIOS.map((s) => [s.id] as const))(
    '%s has a title, a description and a numbered what-to-watch list the console can show',
    (id) => {
      const summary = listBuiltInScenarios().find((s) => s.id === id);
      expect(summary?.title.length).toBeGreaterThan(10);
      expect(summary?.description.length).toBeGreaterThan(80);
      const watch = builtIn(id).watch ?? [];
      expect(watch.length).toBeGreaterThanOrEqual(3);
      for (const item of watch) {
        // Whole sentences a learner reads as a list: no numbering of their own, no source-comment leftovers.
        expect(item).toMatch(/^[A-Za-z0-9“"]/);
        expect(item).toMatch(/[.!?:)”]$/);
        expect(item).not.toMatch(/^\d+\.|\n| {2}/);
      }
    },
  );

  it('returns undefined for an unknown id, and a fresh object each time', () => {
    expect(getBuiltInScenario('nope')).toBeUndefined();
    const a = builtIn('rehome-worked-example');
    a.nodes.pop();
    expect(builtIn('rehome-worked-example').nodes).toHaveLength(6);
  });

  it('worked example: six nodes each in its own rack, 400 shards at RF 3, n3 dies at 5 s', () => {
    const s = builtIn('rehome-worked-example');
    expect(s.nodes).toEqual([1, 2, 3, 4, 5, 6].map((i) => ({ id: `n${i}`, rack: `r${i}` })));
    expect(s).toMatchObject({ shards: 400, replicationFactor: 3, shardSizeBytes: 67108864, seed: 1 });
    expect(s.params).toEqual(DEFAULT_PARAMS);
    expect(s.timeline).toEqual([{ atMs: 5000, command: { type: 'node.crash', node: 'n3' } }]);
    expect(s.title).toBe('Six nodes, n3 dies: 200 shards re-home');
  });

  it('rack-aware: n5 sits in r2 with n2 and n8', () => {
    const s = builtIn('rack-aware-nine-nodes');
    expect(s.nodes.filter((n) => n.rack === 'r2').map((n) => n.id)).toEqual(['n2', 'n5', 'n8']);
    expect(s.shards).toBe(300);
    expect(s.timeline).toEqual([{ atMs: 5000, command: { type: 'node.crash', node: 'n5' } }]);
  });

  it('rack outage fails r1 (n1, n4, n7)', () => {
    const s = builtIn('rack-outage');
    expect(s.nodes.filter((n) => n.rack === 'r1').map((n) => n.id)).toEqual(['n1', 'n4', 'n7']);
    expect(s.shards).toBe(180);
    expect(s.timeline).toEqual([{ atMs: 5000, command: { type: 'rack.fail', rack: 'r1' } }]);
  });

  it('second failure: n5 dies while n3 is being rebuilt', () => {
    const s = builtIn('second-failure-during-rebuild');
    expect(s.timeline.map((t) => [t.atMs, t.command])).toEqual([
      [5000, { type: 'node.crash', node: 'n3' }],
      [20000, { type: 'node.crash', node: 'n5' }],
    ]);
  });

  it('flapping node: restarts after DEAD but inside the grace period', () => {
    const s = builtIn('flapping-node-grace');
    const [crash, restart] = s.timeline;
    const { heartbeatIntervalMs, deadAfterMs, rehomeGraceMs, walReplayMs } = s.params;
    // The last heartbeat lands at most one interval before the crash.
    const earliestDeadMs = crash.atMs - heartbeatIntervalMs + deadAfterMs;
    const latestDeadMs = crash.atMs + deadAfterMs;
    expect(rehomeGraceMs).toBe(20000);
    expect(restart.atMs).toBeGreaterThan(latestDeadMs);
    expect(restart.atMs + walReplayMs).toBeLessThan(earliestDeadMs + rehomeGraceMs);
  });

  it('unregistered fallback: the migrator knows no node', () => {
    const s = builtIn('unregistered-fallback');
    expect(s.nodes).toHaveLength(5);
    expect(s.failover.registeredNodes).toEqual([]);
    expect(s.timeline).toEqual([{ atMs: 5000, command: { type: 'node.crash', node: 'n4' } }]);
  });
});
