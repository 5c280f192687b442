// Goal (design §14, exercise 4): in the built-in restart-walkthrough a learner can check the order of a restart —
// the trace's phases and the recovery contracts the node calls, in the order the seed's recover_node gives them.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { builtIn } from '../testing/load-scenario';

describe('exercise 4: the order of recovery operations in restart-walkthrough', () => {
  it('replays, meets the torn record, finishes, verifies, plans catch-up, reintegrates — and calls ReplayLogs → VerifyIntegrity → SyncMissingEntries', () => {
    const sim = createSimulation({ scenario: builtIn('restart-walkthrough') });
    expect(sim.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    const trace = sim.getTrace().filter((e) => e.actor === 'n2');
    const phases = ['wal.replayStarted', 'wal.tornRecord', 'wal.replayFinished', 'node.verified', 'catchup.planned', 'node.reintegrated'];
    expect(trace.filter((e) => phases.includes(e.kind)).map((e) => e.kind)).toEqual(phases);
    const methods = trace.filter((e) => e.kind === 'api.call').map((e) => e.data.method as string);
    // One call per replica caught up: consecutive repeats are one step of the order.
    const order = methods.filter((m, i) => m !== methods[i - 1]);
    expect(order).toEqual(['ReplayLogs', 'VerifyIntegrity', 'SyncMissingEntries']);
    // Each call sits in its phase: ReplayLogs returns with the replay, VerifyIntegrity before node.verified,
    // SyncMissingEntries after catch-up is planned and before the node is reintegrated.
    const at = (kind: string) => trace.find((e) => e.kind === kind)!.seq;
    const seqOf = (m: string) => trace.filter((e) => e.kind === 'api.call' && e.data.method === m).map((e) => e.seq);
    expect(Math.min(...seqOf('ReplayLogs'))).toBeGreaterThan(at('wal.replayFinished'));
    expect(Math.max(...seqOf('VerifyIntegrity'))).toBeLessThan(at('node.verified'));
    expect(Math.min(...seqOf('SyncMissingEntries'))).toBeGreaterThan(at('catchup.planned'));
    expect(Math.max(...seqOf('SyncMissingEntries'))).toBeLessThan(at('node.reintegrated'));
  });
});
