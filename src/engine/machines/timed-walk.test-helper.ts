import { initialTransition, type AnyStateMachine, type EventFromLogic, type EventObject, type InputFrom, type SnapshotFrom } from 'xstate';
import { EventQueue } from '../sim/event-queue';
import { MachineTimers, type MachineTimerEvent } from '../sim/machine-timers';
import { stateOf, stepMachine } from './machine-step';

/**
 * Drives one machine the way the engine does, through the REAL event queue:
 * its delayed transitions are scheduled on the queue when a transition arms
 * them and cancelled when the machine leaves the state. `advance` fires the
 * timers that come due, in (time, scheduling) order.
 */
export class TimedWalk<M extends AnyStateMachine> {
  readonly queue = new EventQueue<MachineTimerEvent>();
  nowMs = 0;
  snapshot: SnapshotFrom<M>;
  /** Each transition taken: the state after it, its named actions and what caused it. */
  readonly steps: { atMs: number; event: string; state: string; actions: string[] }[] = [];
  private timers = new MachineTimers({
    nowMs: () => this.nowMs,
    push: (atMs, event) => this.queue.push(atMs, event),
    cancel: (handle) => this.queue.cancel(handle),
  });

  constructor(
    private readonly machine: M,
    input: InputFrom<M>,
  ) {
    const [snapshot, effects] = initialTransition(machine, input);
    this.snapshot = snapshot as SnapshotFrom<M>;
    // Timers armed by the initial state.
    for (const a of effects)
      if (a.type === 'xstate.raise') {
        const p = a.params as { id: string; delay: number; event: { type: string } };
        this.timers.start('node', 'x', p.id, p.delay, p.event);
      }
  }

  get state(): string {
    return stateOf(this.snapshot);
  }

  get states(): string[] {
    return this.steps.map((s) => s.state);
  }

  /** Timers waiting on the queue. */
  get pendingTimers(): number {
    return this.queue.size;
  }

  send(event: EventFromLogic<M> | EventObject): this {
    const type = (event as EventObject).type;
    const step = stepMachine(this.machine, this.snapshot, event);
    this.snapshot = step.snapshot;
    if (step.changed) this.steps.push({ atMs: this.nowMs, event: type, state: this.state, actions: step.actions.map((a) => a.type) });
    for (const effect of step.effects) {
      if (effect.kind === 'startTimer') this.timers.start('node', 'x', effect.timerId, effect.delayMs, effect.event);
      else if (effect.kind === 'cancelTimer') this.timers.cancel('node', 'x', effect.timerId);
    }
    return this;
  }

  /** Moves the clock by `ms`, delivering every timer that comes due on the way. */
  advance(ms: number): this {
    const until = this.nowMs + ms;
    for (let next = this.queue.peek(); next && next.timeMs <= until; next = this.queue.peek()) {
      this.queue.pop();
      this.nowMs = next.timeMs;
      this.timers.fired(next.event);
      this.send(next.event.event);
    }
    this.nowMs = until;
    return this;
  }

  /** The named actions of the latest transition. */
  get lastActions(): string[] {
    return this.steps.at(-1)?.actions ?? [];
  }
}
