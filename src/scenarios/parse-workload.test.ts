import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

describe('workload.txn in a scenario file', () => {
  it('fills in the defaults', () => {
    const r = parseScenario({ id: 'w', nodes: 3, shards: 2, workload: { writesPerSec: 10, txn: { fraction: 0.2 } } });
    expect(r.ok && r.scenario.workload).toEqual({ writesPerSec: 10, readsPerSec: 0, txn: { fraction: 0.2, writesPerTxn: 3, abortFraction: 0, twoPhaseFraction: 0 } });
  });

  it('names a share outside 0–1', () => {
    const r = parseScenario({ id: 'w', nodes: 3, shards: 2, workload: { txn: { fraction: 2 } } });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('workload.txn.fraction');
  });

  it('absent stays absent', () => {
    const r = parseScenario({ id: 'w', nodes: 3, shards: 2, workload: { writesPerSec: 10 } });
    expect(r.ok && r.scenario.workload).toEqual({ writesPerSec: 10, readsPerSec: 0 });
  });
});
