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
  /**
   * By state value, event type, timeout, then the event's facts: four lookups of keys V8 has hashed already (interned
   * names, small numbers), where one key built per step was a new string to join and hash every time (bench case b:
   * ~40,000 repair-session steps a run).
   */
  private memo = new Map<string, Map<string, Map<number, Map<string | number, TimedStep<V>>>>>();

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly factsOf: (event: E) => string | number,
  ) {}

  step(state: TimedMachineState<V>, event: E): TimedStep<V> {
    const facts = this.factsOf(event);
    const byTimeout = this.byTimeout(state.value, event.type);
    let byFacts = byTimeout.get(state.timeoutMs);
    if (byFacts === undefined) byTimeout.set(state.timeoutMs, (byFacts = new Map()));
    let entry = byFacts.get(facts);
    if (!entry) {
      const from = this.machine.resolveState({ value: state.value, context: { timeoutMs: state.timeoutMs } });
      const step = stepMachine(this.machine, from, event);
      entry = {
        state: { value: step.snapshot.value as V, timeoutMs: step.snapshot.context.timeoutMs as number },
        effects: step.effects,
        changed: step.changed,
      };
      byFacts.set(facts, entry);
    }
    return entry;
  }

  private byTimeout(value: string, type: string): Map<number, Map<string | number, TimedStep<V>>> {
    let byType = this.memo.get(value);
    if (byType === undefined) this.memo.set(value, (byType = new Map()));
    let byTimeout = byType.get(type);
    if (byTimeout === undefined) byType.set(type, (byTimeout = new Map()));
    return byTimeout;
  }
}
