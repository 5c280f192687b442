// Goal: the monitor keeps one silence deadline per node on the clock: a deadline it no longer wants is cancelled,
// not left to fire and be ignored (so a learner stepping event by event never steps through a no-op).
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn } from '../../testing/load-scenario';
import type { World } from './world';

const worldOf = (sim: unknown): World => (sim as { w: World }).w;

describe('the health monitor’s silence deadline', () => {
  it('a SUSPECT node heard again has exactly one deadline pending: the DEAD one it had is cancelled', () => {
    const sim = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    sim.advanceBy(1_000);
    sim.dispatch({ type: 'link.cut', a: 'n2', b: 'cp' });
    sim.runUntil(() => sim.getState().nodes[1].health === 'SUSPECT', { maxMs: 60_000 });
    sim.dispatch({ type: 'link.heal', a: 'n2', b: 'cp' });
    sim.runUntil(() => sim.getState().nodes[1].health === 'ACTIVE', { maxMs: 60_000 });
    const w = worldOf(sim);
    const checks = w.queue.items().filter((i) => i.event.type === 'monitor.check' && i.event.node === 1);
    expect(checks).toHaveLength(1);
    expect(checks[0].timeMs).toBe(w.nodes[1].lastHeartbeatAtMs + w.params.suspectAfterMs);
  });
});
