import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { builtIn } from '../testing/load-scenario';
import { isSignificant } from './significance';

function traceOf(id: string) {
  const sim = createSimulation({ scenario: builtIn(id) });
  sim.runUntil('healthy', { maxMs: 600_000 });
  return sim.getTrace();
}

describe('next significant event', () => {
  it('walks the worked example rebuild in a handful of stops, not one per copy', () => {
    const rebuild = traceOf('rehome-worked-example').filter((e) => e.timeMs > 16_000);
    const stops = rebuild.filter(isSignificant);
    expect(rebuild.length).toBeGreaterThan(400); // 200 copies start, snapshot, commit; 200 shards whole again
    expect(stops.length).toBeLessThan(10);
    expect(stops.map((e) => e.kind)).toContain('cluster.restored');
  });

  it('passes over a returning node copy by copy and stops when it is ACTIVE again', () => {
    const back = traceOf('configured-primary-returns').filter((e) => e.timeMs >= 27_000);
    const kinds = back.filter(isSignificant).map((e) => e.kind);
    expect(kinds).not.toContain('replica.caughtUp');
    expect(kinds).not.toContain('replica.reinstated');
    expect(kinds).toContain('node.rejoined');
    expect(kinds).toContain('primary.elected');
  });
});
