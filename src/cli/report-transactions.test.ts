import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { scenario } from '../testing/load-scenario';
import { buildReport } from './report';

const cluster = { id: 'report-txn', nodes: 3, shards: 2, shardSizeBytes: 4194304 };

describe('the report lists transactions when any exist', () => {
  it('gives each transaction, its state, whether the client was told, and a two-phase decision', () => {
    const sim = createSimulation({
      scenario: scenario({
        ...cluster,
        timeline: [
          { atMs: 1000, command: { type: 'txn.run', shard: 's001', writes: 2, end: 'commit' } },
          { atMs: 1000, command: { type: 'txn.run', shard: 's002', end: 'prepare' } },
          { atMs: 2000, command: { type: 'txn.resolve', txn: 't2', decision: 'abort' } },
        ],
      }),
    });
    sim.advanceBy(3000);
    const report = buildReport(sim, { until: 3000, reached: true, reason: 'time' });
    expect(report.transactions).toEqual([
      { id: 't1', shards: ['s001'], writes: 2, end: 'commit', state: 'committed', acked: true, unknownOutcome: false, decision: null, decidedBy: null, inDoubtOn: [] },
      { id: 't2', shards: ['s002', 's001'], writes: 3, end: 'prepare', state: 'aborted', acked: false, unknownOutcome: false, decision: 'abort', decidedBy: 'operator', inDoubtOn: [] },
    ]);
    expect(report.metrics.txnCommitted).toBe(1);
  });

  it('leaves the field out of a run without transactions', () => {
    const sim = createSimulation({ scenario: scenario(cluster) });
    sim.advanceBy(1000);
    expect('transactions' in buildReport(sim, { until: 1000, reached: true, reason: 'time' })).toBe(false);
  });
});
