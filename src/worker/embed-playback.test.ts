// Goal: the embed's `until`, `range` and `loop` (teaching-embed.md §3.2) are playback, not engine behaviour: playing
// pauses exactly at the chosen moment (the first event at which it holds, or the exact ms), a range keeps every move
// of the learner within its events, and loop plays the clip again when it ended by itself — not when the learner paused.
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { builtIn } from '../testing/load-scenario';
import { createLocalConsole } from './local-console';
import { embedViewOf } from './embed-view';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

/** Timers the test fires by hand (the loop's hold at the end of a clip). */
function manualTimers() {
  let next = 0;
  const due = new Map<number, () => void>();
  return {
    setTimeout: (cb: () => void) => {
      due.set(++next, cb);
      return next;
    },
    clearTimeout: (handle: unknown) => void due.delete(handle as number),
    pending: () => due.size,
    fire() {
      const all = [...due.values()];
      due.clear();
      all.forEach((cb) => cb());
    },
  };
}

async function local(query = '?scenario=rehome-worked-example') {
  const timers = manualTimers();
  const made = createLocalConsole(undefined, undefined, { timers });
  open.push(made.client);
  await made.ready;
  const bounds = embedViewOf(made.client);
  await made.client.restoreFromQuery(query);
  return { ...made, timers, bounds };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
type Made = Awaited<ReturnType<typeof local>>;

/** Plays at 8× with a frame every 250 wall ms until playing stops by itself (or `maxFrames`). */
async function playOut({ client, frames }: Made, maxFrames = 600) {
  await client.setSpeed(8);
  await client.play();
  let wall = 1000;
  frames.tick(wall);
  for (let i = 0; i < maxFrames && client.store.getState().playback.playing; i++) {
    frames.tick((wall += 250));
    await settle();
  }
  await settle();
  return client.store.getState().playback;
}

describe('embed playback bounds behind the worker protocol', { timeout: 60_000 }, () => {
  it('until=<ms> pauses at exactly that simulated time', async () => {
    const made = await local();
    await made.bounds.set({ until: { kind: 'time', ms: 18_000 }, range: null, loop: false });
    const paused = await playOut(made);
    expect(paused.playing).toBe(false);
    expect(paused.timeMs).toBe(18_000);
    expect(made.bounds.get()?.stopped).toBe('until');
  });

  it('until=e:<event> pauses just after that event', async () => {
    const made = await local();
    await made.bounds.set({ until: { kind: 'event', event: 700 }, range: null, loop: false });
    const paused = await playOut(made);
    expect(paused.eventCount).toBe(700);
  });

  it('until=healthy pauses at the first event at which the run is healthy again', async () => {
    const direct = createSimulation({ scenario: builtIn('rehome-worked-example') });
    while (direct.holds('healthy')) direct.step();
    while (!direct.holds('healthy')) direct.step();
    const made = await local();
    await made.bounds.set({ until: { kind: 'healthy' }, range: null, loop: false });
    const paused = await playOut(made, 2000);
    expect(paused.playing).toBe(false);
    expect(paused.eventCount).toBe(direct.eventCount);
    expect(paused.timeMs).toBe(direct.timeMs);
  });

  it('range: starts at its first event, and no move of the learner leaves it', async () => {
    const made = await local();
    const { client, bounds } = made;
    const view = await bounds.set({ until: null, range: { fromEvent: 100, toEvent: 200 }, loop: false });
    expect(view?.range).toMatchObject({ fromEvent: 100, toEvent: 200 });
    expect(view!.range!.toTimeMs).toBeGreaterThan(view!.range!.fromTimeMs);
    const at = () => client.store.getState().playback.eventCount;
    expect(at()).toBe(100);
    await client.stepBack(5);
    expect(at()).toBe(100);
    await client.seek(0);
    expect(at()).toBe(100);
    await client.seekToEvent(5000);
    expect(at()).toBe(200);
    await client.step();
    expect(at()).toBe(200);
    await client.seekToEvent(150);
    const paused = await playOut(made);
    expect(paused.eventCount).toBe(200);
    expect(bounds.get()?.stopped).toBe('range');
    // Play at the range's end plays it again from its start.
    await client.play();
    expect(at()).toBe(100);
    expect(client.store.getState().playback.playing).toBe(true);
    await client.pause();
  });

  it('range opened at a moment inside it keeps that moment', async () => {
    const made = await local('?scenario=rehome-worked-example&e=150');
    await made.bounds.set({ until: null, range: { fromEvent: 100, toEvent: 200 }, loop: false });
    expect(made.client.store.getState().playback.eventCount).toBe(150);
  });

  it('loop: after stopping at the range end by itself, goes back to its start and plays again', async () => {
    const made = await local();
    const { client, timers, bounds } = made;
    await bounds.set({ until: null, range: { fromEvent: 100, toEvent: 200 }, loop: true });
    const paused = await playOut(made);
    expect(paused.eventCount).toBe(200);
    expect(timers.pending()).toBe(1);
    timers.fire();
    await settle();
    expect(client.store.getState().playback.eventCount).toBe(100);
    expect(client.store.getState().playback.playing).toBe(true);
    await client.pause();
  });

  it('loop with until and no range: back to the moment the embed opened at', async () => {
    const made = await local('?scenario=rehome-worked-example&t=3000');
    const { client, timers, bounds } = made;
    await bounds.set({ until: { kind: 'time', ms: 9000 }, range: null, loop: true });
    expect((await playOut(made)).timeMs).toBe(9000);
    timers.fire();
    await settle();
    expect(client.store.getState().playback.timeMs).toBe(3000);
    expect(client.store.getState().playback.playing).toBe(true);
    await client.pause();
  });

  it('loop does not restart a clip the learner paused, nor one they moved during the hold', async () => {
    const made = await local();
    const { client, timers, bounds } = made;
    await bounds.set({ until: null, range: { fromEvent: 100, toEvent: 200 }, loop: true });
    await client.play();
    made.frames.tick(1000);
    made.frames.tick(1100);
    await client.pause();
    expect(timers.pending()).toBe(0);
    await playOut(made);
    expect(timers.pending()).toBe(1);
    await client.stepBack(3);
    expect(timers.pending()).toBe(0);
    expect(client.store.getState().playback.eventCount).toBe(197);
  });

  it('loading another scenario lifts the bounds', async () => {
    const made = await local();
    await made.bounds.set({ until: null, range: { fromEvent: 100, toEvent: 200 }, loop: false });
    await made.client.loadScenario('primary-failover-rf3');
    expect(made.bounds.get()).toBeNull();
    await made.client.seekToEvent(300);
    expect(made.client.store.getState().playback.eventCount).toBe(300);
  });
});
