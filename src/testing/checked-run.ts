import { CommandError, type Command, type Simulation } from '../engine/index';

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

export interface Fault {
  /** Wait this long after the previous fault. */
  afterMs: number;
  command: Command;
}

/**
 * Plays a fault schedule with invariants checked at every step and right
 * after each fault. A fault
 * that cannot apply at its moment (restarting a running node) is skipped,
 * as a learner's click would be refused.
 */
export function playFaults(sim: Simulation, faults: readonly Fault[]): void {
  let t = sim.timeMs;
  for (const fault of faults) {
    t += fault.afterMs;
    runChecked(sim, t);
    try {
      sim.dispatch(fault.command);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
    }
    const violations = sim.checkInvariants();
    if (violations.length > 0) throw new Error(`after ${JSON.stringify(fault.command)}: ${JSON.stringify(violations)}`);
  }
}
