import { describe, expect, it } from 'vitest';
import { CommandError, createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('a setting read when the run is built', () => {
  it('walHistoryRecords cannot be changed mid-run: the refusal names it, and nothing changes', () => {
    const sim = createSimulation({ scenario: scenario({ id: 'history', nodes: 3, shards: 6, params: { walHistoryRecords: 1000 } }) });
    const before = sim.digest();
    expect(() => sim.dispatch({ type: 'config.set', path: 'params.walHistoryRecords', value: 5 })).toThrow(CommandError);
    expect(() => sim.dispatch({ type: 'config.set', path: 'params.walHistoryRecords', value: 5 })).toThrow(
      /walHistoryRecords counts log records written before t = 0 and is read when the run is built/,
    );
    expect(sim.getState().params.walHistoryRecords).toBe(1000);
    expect(sim.digest()).toBe(before);
  });
});
