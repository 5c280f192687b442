import { describe, expect, it } from 'vitest';
import { fakeFailoverEvent, fakeSimulation, workedExample } from './fake-simulation';
import { createSimulation } from '../engine/index';
import { getBuiltInScenario } from '../scenarios/registry';
import { buildReport, formatGiB, formatMs, formatSummary, type RunOutcome } from './report';

const reached: RunOutcome = { until: 'healthy', reached: true, reason: 'every shard is at RF 3' };

describe('buildReport', () => {
  it('has the documented fields with the documented names', () => {
    const sim = fakeSimulation({ scenario: workedExample() });
    sim.advanceBy(56000);
    const report = buildReport(sim, reached);
    expect(Object.keys(report)).toEqual([
      'scenario',
      'seed',
      'timeMs',
      'nodes',
      'shards',
      'metrics',
      'profile',
      'replication',
      'lostWrites',
      'failoverEvents',
      'digest',
      'run',
      'skippedCommands',
    ]);
    expect(report.scenario).toBe('rehome-worked-example');
    expect(report.seed).toBe(1);
    expect(report.timeMs).toBe(56000);
    const calm = { phase: 'serving', crashKind: null, checkpointRecord: null, replay: null, amnesiac: false, corruptKnown: 0, catchUp: null };
    expect(report.nodes[0]).toEqual({ id: 'n1', rack: 'r1', up: true, health: 'ACTIVE', recovery: calm });
    expect(report.nodes[2]).toEqual({
      id: 'n3',
      rack: 'r3',
      up: false,
      health: 'DEAD',
      recovery: { ...calm, phase: 'crashed', crashKind: 'process' },
    });
    expect(report.shards[0]).toEqual({
      id: 's001',
      replicas: ['n1', 'n4', 'n6'],
      primary: 'n1',
      state: 'healthy',
      term: 1,
      writable: true,
      quorum: 'writable',
      voters: ['n1', 'n4', 'n6'],
      lsn: 60,
      divergence: null,
    });
    expect(report.digest).toBe('d1g3st');
    expect(report.run).toEqual(reached);
    expect(report.skippedCommands).toEqual([]);
  });

  it('lists commands the engine skipped, from the trace', () => {
    const skipped = {
      seq: 7,
      timeMs: 1000,
      actor: 'scenario',
      kind: 'command.skipped',
      text: 'Scenario command skipped: node.restart: n1 is not crashed (it is up).',
      level: 'warn' as const,
      event: 12,
      data: {},
    };
    const other = { ...skipped, seq: 8, kind: 'node.crashed', text: 'n3 stops' };
    const sim = fakeSimulation({ scenario: workedExample() }, undefined, undefined, [skipped, other]);
    const report = buildReport(sim, reached);
    expect(report.skippedCommands).toEqual([
      { atMs: 1000, text: 'Scenario command skipped: node.restart: n1 is not crashed (it is up).' },
    ]);
    expect(formatSummary(report)).toContain(
      'Skipped at 1 s: Scenario command skipped: node.restart: n1 is not crashed (it is up).\nDigest: d1g3st',
    );
  });

  it('carries every Metrics field and full failover events', () => {
    const sim = fakeSimulation({ scenario: workedExample() });
    const state = sim.getState();
    const report = buildReport(sim, reached);
    expect(report.metrics).toEqual(state.metrics);
    expect(report.failoverEvents).toEqual(state.failoverEvents);
    expect(Object.keys(report.failoverEvents[0])).toContain('fallbackReason');
  });

  it('uses the seed the simulation ran with', () => {
    expect(buildReport(fakeSimulation({ scenario: workedExample(), seed: 9 }), reached).seed).toBe(9);
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const report = buildReport(fakeSimulation({ scenario: workedExample() }), reached);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('formatSummary', () => {
  it('gives a few readable lines for the worked example', () => {
    const sim = fakeSimulation({ scenario: workedExample() });
    sim.advanceBy(56000);
    expect(formatSummary(buildReport(sim, reached))).toBe(
      [
        'Scenario rehome-worked-example (seed 1), stopped at 56 s',
        'Run until healthy: reached (every shard is at RF 3)',
        'Nodes: 6; down 1 (n3); declared DEAD 1 (n3)',
        'Shards: 2; under-replicated 0 (truth 0); lost 0 (truth 0); fewest copies during the run 2',
        'Rebuild: 12.50 GiB moved, 0.00 GiB remaining; new replicas per node: n1 40, n2 40, n4 40, n5 40, n6 40',
        'Timings: detection delay 10 s; time to restore RF 41 s; durability window 51 s',
        'Writes: 120 acknowledged, 4 failed, 0 lost; 0 shard(s) not taking writes, 0 without a primary',
        'Failover events: 1',
        '  n3: declared DEAD at 15 s (detected after 10 s); 200 shards affected, 200 new targets; re-replication succeeded at 56 s',
        'Digest: d1g3st',
      ].join('\n'),
    );
  });

  it('says when the target was not reached, and why re-replication was skipped', () => {
    const sim = fakeSimulation({ scenario: workedExample() }, undefined, {
      failoverEvents: [
        fakeFailoverEvent({
          reReplicationAttempted: false,
          reReplicationSucceeded: false,
          completedAtMs: null,
          fallbackReason: 'no registered nodes',
        }),
        fakeFailoverEvent({ failedNode: 'n5', crashedAtMs: null, detectionDelayMs: null, reReplicationSucceeded: false, completedAtMs: null }),
      ],
    });
    const summary = formatSummary(
      buildReport(sim, { until: 'healthy', reached: false, reason: 'stopped at 600000 ms: 60 shards under-replicated' }),
    );
    expect(summary).toContain('Run until healthy: NOT reached (stopped at 600000 ms: 60 shards under-replicated)');
    expect(summary).toContain('re-replication not attempted: no registered nodes');
    expect(summary).toContain('n5: declared DEAD at 15 s (cut off, not crashed); 200 shards affected, 200 new targets; re-replication still running');
  });

  it('shows an absolute --until time, and n/a for figures that do not exist yet', () => {
    const scenario = workedExample();
    const sim = fakeSimulation({ scenario }, undefined, {
      failoverEvents: [],
      metrics: { ...fakeSimulation({ scenario }).getState().metrics, timeToRestoreRfMs: null, durabilityWindowMs: null, detectionDelayMs: null, rebuildTargetsByNode: {} },
    });
    const summary = formatSummary(buildReport(sim, { until: 61234, reached: true, reason: 'advanced to 61234 ms' }));
    expect(summary).toContain('Run until 61.234 s: reached (advanced to 61234 ms)');
    expect(summary).toContain('Timings: detection delay n/a; time to restore RF n/a; durability window n/a');
    expect(summary).toContain('new replicas per node: none');
    expect(summary).toContain('Failover events: none');
  });

  it('summarises per-node targets and long event lists in big clusters', () => {
    const scenario = workedExample();
    const targets = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${i + 1}`, 10 + (i % 3)]));
    const events = Array.from({ length: 7 }, (_, i) => fakeFailoverEvent({ failedNode: `n${i + 1}` }));
    const sim = fakeSimulation({ scenario }, undefined, {
      failoverEvents: events,
      metrics: { ...fakeSimulation({ scenario }).getState().metrics, rebuildTargetsByNode: targets },
    });
    const summary = formatSummary(buildReport(sim, reached));
    expect(summary).toContain('new replicas per node: 20 nodes, min 10, max 12, mean 10.9');
    expect(summary).toContain('Failover events: 7');
    expect(summary).toContain('  … and 2 more (see --json)');
  });
});

describe('a leaderless run in the summary', () => {
  it('counts stale keys and hints, not shards without a primary', () => {
    const sim = createSimulation({ scenario: getBuiltInScenario('hinted-handoff-window-exceeded')! });
    sim.advanceBy(90_000);
    const summary = formatSummary(buildReport(sim, { until: 90_000, reached: true, reason: 'advanced to 90000 ms' }));
    expect(summary).toMatch(/Writes: .*shard\(s\) not taking writes \(leaderless: stale keys \d+, hints pending \d+\)/);
    expect(summary).not.toContain('without a primary');
  });
});

describe('formatting helpers', () => {
  it('writes seconds without trailing zeros and bytes in GiB', () => {
    expect(formatMs(15000)).toBe('15 s');
    expect(formatMs(61234)).toBe('61.234 s');
    expect(formatMs(0)).toBe('0 s');
    expect(formatMs(null)).toBe('n/a');
    expect(formatGiB(13421772800)).toBe('12.50 GiB');
    expect(formatGiB(0)).toBe('0.00 GiB');
  });
});
