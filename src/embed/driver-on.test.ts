// Goal: a page that embeds the console hears the run move without polling: `failoverLab.on('time', cb)` tells it
// the moment after each step, seek and load (and at most 4 times a second while playing), `on('trace')` the new
// log entries in order, `on('alert')` each new alert; the function `on` returns stops them.
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleStore } from '../store/console-store';
import type { ConsoleViewState } from '../store/view-model';
import { createLocalConsole } from '../worker/local-console';
import { builtIn } from '../testing/load-scenario';
import { createDriver } from './driver-api';
import { listenToStore, type EventTimers } from './driver-events';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

async function driverOnLocalConsole() {
  const made = createLocalConsole(builtIn('rehome-worked-example'));
  open.push(made.client);
  await made.ready;
  return { driver: createDriver(made.client, made.ready), client: made.client };
}

describe('failoverLab.on', { timeout: 60_000 }, () => {
  it('tells the time after each step and seek, and stops after unsubscribe', async () => {
    const { driver } = await driverOnLocalConsole();
    const times: { timeMs: number; event: number; playing: boolean }[] = [];
    const off = driver.on('time', (t) => times.push(t));
    await driver.step();
    await driver.seek(12_000);
    const state = await driver.getState();
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.at(-1)).toEqual({ timeMs: 12_000, event: expect.any(Number), playing: false });
    expect(times.at(-1)?.timeMs).toBe(state.timeMs);
    expect(times[0].event).toBe(1);
    off();
    const heard = times.length;
    await driver.step();
    await driver.seek(20_000);
    expect(times).toHaveLength(heard);
  });

  it('sends the new trace entries in order, once each', async () => {
    const { driver } = await driverOnLocalConsole();
    const batches: { seq: number; entries: { seq: number; kind: string }[] }[] = [];
    driver.on('trace', (b) => batches.push(b));
    await driver.seek(6000);
    await driver.advanceBy(9000);
    const seqs = batches.flatMap((b) => b.entries.map((e) => e.seq));
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(batches.every((b) => b.seq === b.entries[0].seq)).toBe(true);
    const trace = await driver.getTrace();
    expect(seqs.at(-1)).toBe(trace.at(-1)?.seq);
    // rehome-worked-example crashes n3 at 5 s: its entries arrive through the listener.
    expect(batches.flatMap((b) => b.entries.map((e) => e.kind))).toContain('node.suspected');
  });

  it('sends each new alert once (a refused command is one)', async () => {
    const { driver } = await driverOnLocalConsole();
    const alerts: string[] = [];
    driver.on('alert', (a) => alerts.push(a.message));
    const refused = await driver.dispatch({ type: 'node.crash', node: 'n99' });
    expect(refused.ok).toBe(false);
    await driver.step();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('n99');
  });

  it('names an unknown event or a missing callback', async () => {
    const { driver } = await driverOnLocalConsole();
    expect(() => driver.on('tick' as 'time', () => {})).toThrow(/on: event must be one of 'time', 'trace', 'alert', got "tick"/);
    expect(() => driver.on('time', undefined as unknown as () => void)).toThrow(TypeError);
  });
});

describe('time events while playing', () => {
  function fakeTimers() {
    let now = 0;
    const pending = new Map<number, { at: number; fn: () => void }>();
    let next = 0;
    const timers: EventTimers = {
      now: () => now,
      setTimeout: (fn, ms) => {
        pending.set(++next, { at: now + ms, fn });
        return next;
      },
      clearTimeout: (h) => void pending.delete(h as number),
    };
    const advance = (ms: number) => {
      now += ms;
      for (const [h, t] of [...pending]) {
        if (t.at > now) continue;
        pending.delete(h);
        t.fn();
      }
    };
    return { timers, advance, pending };
  }

  function storeAt(timeMs: number, playing: boolean) {
    return createConsoleStore({
      playback: { timeMs, eventCount: timeMs, playing },
      scenario: { id: 's' },
      seed: 1,
      trace: [],
      alerts: [],
    } as unknown as ConsoleViewState);
  }

  const move = (store: ReturnType<typeof storeAt>, timeMs: number, playing: boolean) =>
    store.setState({ playback: { ...store.getState().playback, timeMs, eventCount: timeMs, playing } });

  it('sends at most 4 a second while playing, ends on the latest moment, and keeps no timer while paused', () => {
    const { timers, advance, pending } = fakeTimers();
    const store = storeAt(0, false);
    const heard: number[] = [];
    listenToStore(store, 'time', (t) => heard.push(t.timeMs), timers);
    // One second of 60 frames a second while playing.
    for (let frame = 1; frame <= 60; frame++) {
      move(store, frame * 10, true);
      advance(1000 / 60);
    }
    expect(heard.length).toBeLessThanOrEqual(5);
    expect(heard.length).toBeGreaterThanOrEqual(4);
    move(store, 700, false);
    expect(heard.at(-1)).toBe(700);
    advance(1000);
    expect(heard.at(-1)).toBe(700);
    expect(pending.size).toBe(0);
  });
});
