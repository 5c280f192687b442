import type { Simulation } from '../engine/index';

/**
 * Test support: runs event by event up to `untilMs` and checks the DESIGN.md
 * §6 invariants between every two steps, naming the moment one breaks.
 */
export function runChecked(sim: Simulation, untilMs: number): void {
  sim.runUntil(
    () => {
      const violations = sim.checkInvariants();
      if (violations.length > 0) throw new Error(`at ${sim.timeMs} ms: ${JSON.stringify(violations)}`);
      return false;
    },
    { maxMs: untilMs },
  );
}
