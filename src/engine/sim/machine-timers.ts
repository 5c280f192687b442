import type { MachineKind } from '../machines/machine-graph';
import { runEffect, type EffectHandlers, type MachineEffect } from '../machines/machine-step';
import type { Scheduled } from './event-queue';

/**
 * Machines' own delayed transitions on the engine's event queue. When a pure
 * transition arms a timer (`after` on entering a state) the engine schedules
 * the event it will deliver; when the machine leaves the state, xstate's
 * cancel takes it off the queue. A timer that fires was therefore still
 * wanted: no generation counter, no "ignore if stale" check.
 */
export interface MachineTimerEvent {
  type: 'machine.timer';
  machine: MachineKind;
  id: string;
  timerId: string;
  event: { type: string };
}

export interface TimerClock<H> {
  nowMs(): number;
  push(atMs: number, event: MachineTimerEvent): H;
  cancel(handle: H): void;
}

export class MachineTimers<H = Scheduled<unknown>> {
  private byInstance = new Map<string, Map<string, H>>();

  constructor(private readonly clock: TimerClock<H>) {}

  start(machine: MachineKind, id: string, timerId: string, delayMs: number, event: { type: string }): void {
    this.cancel(machine, id, timerId);
    const key = `${machine}:${id}`;
    let timers = this.byInstance.get(key);
    if (!timers) this.byInstance.set(key, (timers = new Map()));
    timers.set(timerId, this.clock.push(this.clock.nowMs() + delayMs, { type: 'machine.timer', machine, id, timerId, event }));
  }

  cancel(machine: MachineKind, id: string, timerId: string): void {
    const key = `${machine}:${id}`;
    const timers = this.byInstance.get(key);
    const handle = timers?.get(timerId);
    if (!timers || handle === undefined) return;
    this.clock.cancel(handle);
    timers.delete(timerId);
    if (timers.size === 0) this.byInstance.delete(key);
  }

  /** Cancels every timer of an instance that stops existing (a copy job that ended). */
  cancelAll(machine: MachineKind, id: string): void {
    const key = `${machine}:${id}`;
    for (const handle of this.byInstance.get(key)?.values() ?? []) this.clock.cancel(handle);
    this.byInstance.delete(key);
  }

  /** The timer fired: forget its handle before the machine sees the event. */
  fired(event: MachineTimerEvent): void {
    const key = `${event.machine}:${event.id}`;
    const timers = this.byInstance.get(key);
    timers?.delete(event.timerId);
    if (timers?.size === 0) this.byInstance.delete(key);
  }

  /**
   * The same armed timers on another clock (a fork of the run: its own queue). `copyHandle` gives each handle's
   * counterpart on that clock's queue.
   */
  copyOnto(clock: TimerClock<H>, copyHandle: (handle: H) => H): MachineTimers<H> {
    const copy = new MachineTimers(clock);
    for (const [key, timers] of this.byInstance) copy.byInstance.set(key, new Map([...timers].map(([id, h]) => [id, copyHandle(h)])));
    return copy;
  }

  /** Timers an instance has armed and not yet seen fire or cancelled. */
  pending(machine: MachineKind, id: string): number {
    return this.byInstance.get(`${machine}:${id}`)?.size ?? 0;
  }
}

/**
 * Carries out one step's effects in the order xstate produced them: a state's
 * entry actions before the timer it arms, a cancel before the next state's
 * entry. The handler map is typed per machine (see `EffectHandlers`).
 */
export function carryOut<Names extends string, Ctx, H>(
  timers: MachineTimers<H>,
  machine: MachineKind,
  id: string,
  effects: readonly MachineEffect[],
  handlers: EffectHandlers<Names, Ctx>,
  ctx: Ctx,
): void {
  for (const effect of effects) {
    if (effect.kind === 'startTimer') timers.start(machine, id, effect.timerId, effect.delayMs, effect.event);
    else if (effect.kind === 'cancelTimer') timers.cancel(machine, id, effect.timerId);
    else runEffect(handlers, effect.type, ctx);
  }
}
