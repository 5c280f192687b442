import { describe, expect, it } from 'vitest';
import { loadScenario, looksLikePath } from './load-scenario';

const noFiles = (path: string): string => {
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

describe('loadScenario', () => {
  it('tells file paths from built-in ids', () => {
    expect(looksLikePath('my.json')).toBe(true);
    expect(looksLikePath('./scenarios/mine')).toBe(true);
    expect(looksLikePath('C:\\x\\y')).toBe(true);
    expect(looksLikePath('rack-outage')).toBe(false);
  });

  it('loads a built-in by id', () => {
    const result = loadScenario('rack-outage', noFiles);
    expect(result.ok && result.scenario.id).toBe('rack-outage');
  });

  it('names an unknown built-in, suggests a near miss and lists the rest', () => {
    expect(loadScenario('rack-outag', noFiles)).toEqual({
      ok: false,
      errors: [
        '--scenario "rack-outag": no built-in scenario has that id (did you mean "rack-outage"?); built-ins: ' +
          'rehome-worked-example, rack-aware-nine-nodes, rack-outage, second-failure-during-rebuild, ' +
          'flapping-node-grace, unregistered-fallback, primary-failover-rf3, two-server-no-failover, minority-partition, ' +
          'non-transitive-4357, configured-primary-returns, emergency-repair, power-loss-torn-tail, restart-walkthrough, ' +
          'recovery-modes-mid-log, crash-during-replay, crash-during-replay-not-idempotent, txn-restart-rules, txn-restart-rules-aries, txn-in-doubt, snapshot-vs-replay, replay-without-snapshot, ' +
          'catch-up-log-vs-snapshot, cluster-power-loss, cluster-power-loss-per-commit, restore-from-backup, restore-from-backup-pitr, bit-rot-deep-scrub, read-repair-vs-anti-entropy, merkle-divergence, ' +
          'merkle-divergence-level-by-level, sync-vs-async-repair, sync-vs-async-repair-async, hinted-handoff-window, ' +
          'hinted-handoff-window-exceeded, hinted-handoff-any-lost, incremental-repair, cp-leader-dies-mid-rehome, cp-leader-dies-mid-rehome-no-journal, cp-leader-dies-mid-rehome-cold, partial-failure-lab, fleet-100-nodes, fleet-1000-nodes ' +
          '(a file path must end in .json)',
      ],
    });
  });

  it('reads and validates a file, prefixing each problem with the path', () => {
    const files: Record<string, string> = {
      'good.json': JSON.stringify({ id: 'mine', nodes: 4, shards: 8 }),
      'bad.json': JSON.stringify({ id: 'mine', nodes: 2, shards: 8, colour: 1 }),
      'broken.json': '{"id": "mine",',
    };
    const read = (path: string) => files[path] ?? noFiles(path);
    const good = loadScenario('good.json', read);
    expect(good.ok && good.scenario.nodes).toHaveLength(4);
    expect(loadScenario('bad.json', read)).toEqual({
      ok: false,
      errors: [
        'bad.json: unknown field "colour"',
        'bad.json: replicationFactor: impossible RF 3 (the default): the cluster has only 2 nodes and each copy of a shard needs a node of its own',
      ],
    });
    expect(loadScenario('broken.json', read)).toEqual({
      ok: false,
      errors: [
        'broken.json: JSON syntax error at line 1, column 15: expected a property name in double quotes but found the end of the text',
      ],
    });
    expect(loadScenario('missing.json', read)).toEqual({
      ok: false,
      errors: [
        `--scenario "missing.json": cannot read the file (ENOENT: no such file or directory, open 'missing.json')`,
      ],
    });
  });
});
