import { initialTransition, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from 'xstate';
import { stateOf, stepMachine } from './machine-step';

export interface Walk<M extends AnyStateMachine> {
  snapshot: SnapshotFrom<M>;
  /** The state after each event, in order. */
  states: string[];
  /** Named actions of each transition, in order. */
  actions: string[][];
}

/** Feeds `events` to a fresh machine the way the engine does (pure transitions) and records the path. */
export function walk<M extends AnyStateMachine>(machine: M, input: InputFrom<M>, events: EventFromLogic<M>[]): Walk<M> {
  let snapshot = initialTransition(machine, input)[0] as SnapshotFrom<M>;
  const states: string[] = [];
  const actions: string[][] = [];
  for (const event of events) {
    const step = stepMachine(machine, snapshot, event);
    snapshot = step.snapshot;
    states.push(stateOf(snapshot));
    actions.push(step.actions.map((a) => a.type));
  }
  return { snapshot, states, actions };
}
