import { describe, expect, it } from 'vitest';
import { createConsoleSimulation, createSimulation } from '../index';
import { getBuiltInScenario } from '../../scenarios/registry';

// The console's simulation leaves the invariant checker out of its start-up bundle (DESIGN.md §5): it must run
// exactly the same, and a caller who asks it for invariants must learn why it cannot answer and what to use.
describe('a console simulation (no invariant checker)', () => {
  it('gives the same trace and state as a checked one', () => {
    const scenario = getBuiltInScenario('crash-during-replay')!;
    const checked = createSimulation({ scenario });
    const consoleSim = createConsoleSimulation({ scenario });
    checked.runUntil((s) => s.timeMs >= 60_000, { maxMs: 60_000 });
    consoleSim.runUntil((s) => s.timeMs >= 60_000, { maxMs: 60_000 });
    expect(consoleSim.digest()).toBe(checked.digest());
    expect(consoleSim.getState()).toEqual(checked.getState());
    expect(checked.checkInvariants()).toEqual([]);
  });

  it('says, when asked for invariants, that it was built without the checker and which factory has one', () => {
    const consoleSim = createConsoleSimulation({ scenario: getBuiltInScenario('rack-outage')! });
    expect(() => consoleSim.checkInvariants()).toThrow(/createConsoleSimulation.*without|leaves the invariant checker out/);
    expect(() => consoleSim.checkInvariants()).toThrow(/use createSimulation|create it with createSimulation/);
  });
});
