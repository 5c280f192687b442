import { copyJobMachine, type CopyJobEvent, type CopyJobStateValue } from './copy-job.machine';
import { TimedMachineStepper, type TimedMachineState, type TimedStep } from './timed-stepper';

/** A copy job's machine state as plain data (what the engine stores on the job). */
export type CopyJobMachineState = TimedMachineState<CopyJobStateValue>;
export type CopyJobStep = TimedStep<CopyJobStateValue>;

/** The copy-job machine, memoised: its guards read only the stall timeout a `stream.stalled` carries. */
export class CopyJobStepper extends TimedMachineStepper<CopyJobStateValue, CopyJobEvent> {
  constructor() {
    super(copyJobMachine, (event) => (event.type === 'stream.stalled' ? event.timeoutMs : ''));
  }

  initial(): CopyJobMachineState {
    return { value: 'queued', timeoutMs: 0 };
  }
}

/** The migrator's coarse phase of a job in each machine state (what views and the copy queue read). */
export function copyPhaseOf(value: CopyJobStateValue): 'queued' | 'snapshot' | 'catchingUp' {
  switch (value) {
    case 'snapshot':
    case 'snapshotStalled':
      return 'snapshot';
    case 'catchingUp':
    case 'tailStalled':
    case 'committed':
      return 'catchingUp';
    default:
      return 'queued';
  }
}
