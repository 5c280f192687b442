import type { AnyStateMachine, EventObject } from 'xstate';
import { stepMachine, type MachineEffect } from './machine-step';

/** The plain-data state of a machine whose only context is the timeout its timer uses. */
export interface TimedMachineState<V extends string> {
  value: V;
  timeoutMs: number;
}

export interface TimedStep<V extends string> {
  state: TimedMachineState<V>;
  effects: readonly MachineEffect[];
  changed: boolean;
}

/**
 * Steps such a machine with a memo: a failure sends thousands of shards or
 * copies through the same few (state, event) shapes, and xstate's transition
 * costs tens of microseconds. The machine reads only its state, its timeout
 * and the event facts `factsOf` names, so those are the whole key; each entry
 * is computed by xstate itself the first time it is seen.
 */
export class TimedMachineStepper<V extends string, E extends EventObject> {
  private memo = new Map<string, TimedStep<V>>();

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly factsOf: (event: E) => string | number,
  ) {}

  step(state: TimedMachineState<V>, event: E): TimedStep<V> {
    const key = `${state.value}|${state.timeoutMs}|${event.type}|${this.factsOf(event)}`;
    let entry = this.memo.get(key);
    if (!entry) {
      const from = this.machine.resolveState({ value: state.value, context: { timeoutMs: state.timeoutMs } });
      const step = stepMachine(this.machine, from, event);
      entry = {
        state: { value: step.snapshot.value as V, timeoutMs: step.snapshot.context.timeoutMs as number },
        effects: step.effects,
        changed: step.changed,
      };
      this.memo.set(key, entry);
    }
    return entry;
  }
}
