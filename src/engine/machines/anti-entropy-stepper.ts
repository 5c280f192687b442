import { antiEntropyMachine, type AntiEntropyEvent, type AntiEntropyStateValue } from './anti-entropy.machine';
import { TimedMachineStepper, type TimedMachineState, type TimedStep } from './timed-stepper';

/** A repair session's machine state as plain data (what the engine stores on the session). */
export type AntiEntropyMachineState = TimedMachineState<AntiEntropyStateValue>;
export type AntiEntropyStep = TimedStep<AntiEntropyStateValue>;

/** The anti-entropy machine, memoised: its guards read only the two facts a `level.compared` carries. */
export class AntiEntropyStepper extends TimedMachineStepper<AntiEntropyStateValue, AntiEntropyEvent> {
  constructor() {
    // The two facts as one small number (no string joined a step).
    super(antiEntropyMachine, (event) => (event.type === 'level.compared' ? (event.differs ? 2 : 0) + (event.atLeaves ? 1 : 0) : ''));
  }

  initial(): AntiEntropyMachineState {
    return { value: 'requested', timeoutMs: 0 };
  }
}

/** Phases a session is running in (a machine exists only while it is in one of them, or requested). */
export function isRunningPhase(value: AntiEntropyStateValue): boolean {
  return value !== 'finished' && value !== 'failed';
}
