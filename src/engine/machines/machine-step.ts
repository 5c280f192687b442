import { transition, type AnyStateMachine, type SnapshotFrom, type EventFromLogic } from 'xstate';

/**
 * The one adapter between the engine and xstate. Machines run as pure
 * transitions: the engine owns time, randomness and side effects, and
 * interprets the named actions a transition returns. Keeping xstate imports
 * here and in the *.machine.ts files makes a later xstate upgrade local.
 */
export interface MachineAction {
  type: string;
  params: unknown;
}

export interface MachineStep<M extends AnyStateMachine> {
  snapshot: SnapshotFrom<M>;
  actions: MachineAction[];
  /** False when the machine ignored the event (no transition matched). */
  changed: boolean;
}

export function stepMachine<M extends AnyStateMachine>(
  machine: M,
  snapshot: SnapshotFrom<M>,
  event: EventFromLogic<M>,
): MachineStep<M> {
  const [next, actions] = transition(machine, snapshot, event);
  return {
    snapshot: next as SnapshotFrom<M>,
    actions: actions.map((a) => ({ type: a.type, params: a.params })),
    changed: next !== snapshot,
  };
}

/** The state value of a machine whose states are flat (all of ours). */
export function stateOf(snapshot: { value: unknown }): string {
  return String(snapshot.value);
}
