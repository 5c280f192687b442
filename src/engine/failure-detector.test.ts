// Goal: one rule says what cp believes about a silent node and when that changes; the monitor and the countdown agree.
import { describe, expect, it } from 'vitest';
import { readDetector, silenceDeadline } from './failure-detector';
import { createSimulation } from './index';
import { builtIn } from '../testing/load-scenario';

const params = { suspectAfterMs: 3_000, deadAfterMs: 10_000 };

describe('failure detector rule', () => {
  it('ACTIVE until suspectAfterMs of silence, SUSPECT until deadAfterMs, then DEAD, each with the next change', () => {
    expect(readDetector(1_000, 3_999, params)).toEqual({ belief: 'ACTIVE', nextChangeAtMs: 4_000 });
    expect(readDetector(1_000, 4_000, params)).toEqual({ belief: 'SUSPECT', nextChangeAtMs: 11_000 });
    expect(readDetector(1_000, 11_000, params)).toEqual({ belief: 'DEAD', nextChangeAtMs: null });
    expect(silenceDeadline('DEAD', 1_000, params)).toBe(11_000);
  });

  it('the monitor declares n1 DEAD exactly when the countdown the console shows reaches zero', () => {
    const sim = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    sim.runUntil(() => sim.getState().nodes[0].health === 'SUSPECT', { maxMs: 60_000 });
    const n1 = sim.getState().nodes[0];
    const p = sim.getState().params;
    expect(n1.deadAtMs).toBe(readDetector(n1.lastHeartbeatAtMs!, sim.timeMs, p).nextChangeAtMs);
    sim.runUntil(() => sim.getState().nodes[0].health === 'DEAD', { maxMs: 60_000 });
    expect(sim.timeMs).toBe(n1.deadAtMs);
  });
});
