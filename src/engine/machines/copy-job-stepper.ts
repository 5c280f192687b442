import { copyJobMachine, type CopyJobEvent, type CopyJobStateValue } from './copy-job.machine';
import { stepMachine, type MachineEffect } from './machine-step';

/** A copy job's machine state as plain data (what the engine stores on the job). */
export interface CopyJobMachineState {
  value: CopyJobStateValue;
  timeoutMs: number;
}

export interface CopyJobStep {
  state: CopyJobMachineState;
  effects: readonly MachineEffect[];
  changed: boolean;
}

/**
 * Steps the copy-job machine with a memo: a failure starts thousands of copies
 * that all walk the same few (state, event) shapes. The machine reads nothing
 * but its state, the event and the timeout it keeps, so those are the key, and
 * each entry is computed by xstate itself the first time it is seen.
 */
export class CopyJobStepper {
  private memo = new Map<string, CopyJobStep>();

  initial(): CopyJobMachineState {
    return { value: 'queued', timeoutMs: 0 };
  }

  step(state: CopyJobMachineState, event: CopyJobEvent): CopyJobStep {
    const key = `${state.value}|${state.timeoutMs}|${event.type}|${event.type === 'stream.stalled' ? event.timeoutMs : ''}`;
    let entry = this.memo.get(key);
    if (!entry) {
      const from = copyJobMachine.resolveState({ value: state.value, context: { timeoutMs: state.timeoutMs } });
      const step = stepMachine(copyJobMachine, from, event);
      entry = {
        state: { value: step.snapshot.value as CopyJobStateValue, timeoutMs: step.snapshot.context.timeoutMs },
        effects: step.effects,
        changed: step.changed,
      };
      this.memo.set(key, entry);
    }
    return entry;
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
