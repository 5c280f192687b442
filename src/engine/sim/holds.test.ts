import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn } from '../../testing/load-scenario';

describe('holds(target)', () => {
  it('answers for now without moving the run', () => {
    const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
    sim.advanceBy(20_000);
    const before = { timeMs: sim.timeMs, events: sim.eventCount, digest: sim.digest() };
    expect(sim.holds('healthy')).toBe(false); // n3 died at 5 s; its shards are still copying
    expect(sim.holds('idle')).toBe(false);
    expect({ timeMs: sim.timeMs, events: sim.eventCount, digest: sim.digest() }).toEqual(before);
    sim.runUntil('healthy', { maxMs: 120_000 });
    expect(sim.holds('healthy')).toBe(true);
    expect(sim.holds(({ timeMs }) => timeMs === sim.timeMs)).toBe(true);
  });
});
