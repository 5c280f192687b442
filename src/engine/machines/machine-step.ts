import { initialTransition, transition, type AnyStateMachine, type EventFromLogic, type EventObject, type InputFrom, type SnapshotFrom } from 'xstate';

export type { SnapshotFrom } from 'xstate';

/**
 * The one adapter between the engine and xstate. Machines run as pure
 * transitions: the engine owns time, randomness and side effects. A step
 * returns the machine's effects in the order xstate produced them:
 * - a named action, which the engine carries out through a handler map typed
 *   per machine (see `EffectHandlers`), so a missing or misspelled handler
 *   does not compile;
 * - a delayed transition armed on entering a state (`after`, with a named
 *   delay whose value the machine reads from its context), which the engine
 *   puts on its event queue;
 * - the cancellation of such a timer when the machine leaves the state, which
 *   the engine takes off the queue.
 * Keeping xstate imports here and in the *.machine.ts files makes a later
 * xstate upgrade local.
 */
export interface MachineAction {
  type: string;
  params: unknown;
}

export type MachineEffect =
  | { kind: 'action'; type: string; params: unknown }
  | { kind: 'startTimer'; timerId: string; delayMs: number; event: EventObject }
  | { kind: 'cancelTimer'; timerId: string };

export interface MachineStep<M extends AnyStateMachine> {
  snapshot: SnapshotFrom<M>;
  /** The named actions only, in order (what the machine decided the engine should do). */
  actions: MachineAction[];
  /** Named actions and timer operations, in the order they must be carried out. */
  effects: MachineEffect[];
  /** False when the machine ignored the event (no transition matched). */
  changed: boolean;
}

export function stepMachine<M extends AnyStateMachine>(
  machine: M,
  snapshot: SnapshotFrom<M>,
  event: EventFromLogic<M> | EventObject,
): MachineStep<M> {
  const [next, executable] = transition(machine, snapshot, event as EventFromLogic<M>);
  const effects = executable.map(toEffect);
  return {
    snapshot: next as SnapshotFrom<M>,
    actions: effects.flatMap((e) => (e.kind === 'action' ? [{ type: e.type, params: e.params }] : [])),
    effects,
    changed: next !== snapshot,
  };
}

function toEffect(action: { type: string; params: unknown }): MachineEffect {
  if (action.type === 'xstate.raise') {
    const p = action.params as { event: EventObject; id?: string; delay?: number };
    if (p.delay !== undefined && p.id !== undefined) return { kind: 'startTimer', timerId: p.id, delayMs: p.delay, event: p.event };
  } else if (action.type === 'xstate.cancel') {
    return { kind: 'cancelTimer', timerId: String((action.params as { sendId: unknown }).sendId) };
  }
  return { kind: 'action', type: action.type, params: action.params };
}

/**
 * The engine's implementation of a machine's named effects: one handler per
 * name. `Names` is the machine's exported effect-name union, so a handler map
 * that misses a name, or spells one wrong, fails to compile.
 */
export type EffectHandlers<Names extends string, Ctx> = { readonly [K in Names]: (ctx: Ctx) => void };

/** Carries out one named effect through its machine's handler map; names outside the map (xstate's own) are skipped. */
export function runEffect<Names extends string, Ctx>(handlers: EffectHandlers<Names, Ctx>, type: string, ctx: Ctx): void {
  const handler = (handlers as Partial<Record<string, (ctx: Ctx) => void>>)[type];
  if (handler) handler(ctx);
}

/** A machine's first snapshot for an input. Its initial state arms no timer in any of our machines. */
export function initialSnapshot<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): SnapshotFrom<M> {
  return initialTransition(machine, input)[0] as SnapshotFrom<M>;
}

/** The active state as a dotted path (`up`, `restarting.replaying`): the id machine-graph.ts gives that state. */
export function stateOf(snapshot: { value: unknown }): string {
  return statePath(snapshot.value);
}

function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  // A compound state's value is { parent: child } (one active child: none of ours is parallel).
  const [parent, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${parent}.${statePath(child)}`;
}

/** The event a delayed transition delivers is named `xstate.after.<delay>.<machine>.<state>`. */
export function isDelayedEvent(type: string): boolean {
  return type.startsWith('xstate.after.');
}
