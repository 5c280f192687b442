// Goal: going back is exact. Any moment reached by stepping, seeking or playing equals the same moment
// re-simulated from the inputs; commands replay at their exact positions; acting in the past replaces the future.
import { describe, expect, it } from 'vitest';
import { builtIn, scenario } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';

const small = () => scenario({ id: 'small', nodes: 5, shards: 40, shardSizeBytes: 8 * 1024 * 1024 });

function session(s = small()) {
  const frames = manualFrames();
  return { session: new ConsoleSession(s, s.seed, frames), frames };
}

describe('ConsoleSession time travel', () => {
  it('seeking back then forward returns to the identical state, replaying the user’s crash', () => {
    const { session: a } = session();
    a.seek(5000);
    a.dispatch({ type: 'node.crash', node: 'n2' });
    a.seek(40_000);
    const digest = a.simulation.digest();
    const state = a.simulation.getState();
    a.seek(3000);
    expect(a.simulation.getState().nodes[1].up).toBe(true);
    a.seek(40_000);
    expect(a.simulation.digest()).toBe(digest);
    expect(a.simulation.getState()).toEqual(state);
    expect(a.commands).toHaveLength(1);
  });

  it('stepBack(1) then step() lands on the same event and digest', () => {
    const { session: a } = session();
    a.seek(2500);
    for (let i = 0; i < 7; i++) a.step();
    const digest = a.simulation.digest();
    const count = a.simulation.eventCount;
    a.stepBack(1);
    expect(a.simulation.eventCount).toBe(count - 1);
    a.step();
    expect(a.simulation.eventCount).toBe(count);
    expect(a.simulation.digest()).toBe(digest);
  });

  it('a command dispatched between two events at the same millisecond replays between them', () => {
    const { session: a } = session();
    a.seek(999);
    // Step single events until two consecutive ones share a time, then act between them.
    let guard = 0;
    while (a.simulation.nextEventAtMs() !== a.simulation.timeMs && guard++ < 500) a.step();
    a.dispatch({ type: 'link.cut', a: 'n1', b: 'cp' });
    a.seek(30_000);
    const digest = a.simulation.digest();
    a.seekToEvent(3);
    a.seek(30_000);
    expect(a.simulation.digest()).toBe(digest);
  });

  it('acting in the past replaces the future', () => {
    const { session: a } = session();
    a.seek(5000);
    a.dispatch({ type: 'node.crash', node: 'n1' });
    a.seek(10_000);
    a.dispatch({ type: 'node.crash', node: 'n2' });
    a.seek(7000);
    a.dispatch({ type: 'node.crash', node: 'n3' });
    expect(a.commands.map((c) => c.command)).toEqual([
      { type: 'node.crash', node: 'n1' },
      { type: 'node.crash', node: 'n3' },
    ]);
    a.seek(20_000);
    expect(a.simulation.getState().nodes.map((n) => n.up)).toEqual([false, true, false, true, true]);
  });

  it('step to the next significant event skips heartbeats', () => {
    const { session: a } = session(builtIn('rehome-worked-example'));
    a.seek(4000);
    a.stepToNextSignificant();
    const lastEvent = a.simulation.getTrace().filter((e) => e.event === a.simulation.eventCount);
    expect(lastEvent.map((e) => e.kind)).toEqual(['command', 'node.crashed']);
    expect(a.simulation.timeMs).toBe(5000);
  });

  it('a bad command is refused with its reason shown as an alert, and nothing changes', () => {
    const { session: a } = session();
    const digest = a.simulation.digest();
    const result = a.dispatch({ type: 'node.crash', node: 'n9' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/unknown node "n9"/) });
    a.flush();
    expect(a.store.getState().alerts.map((x) => x.message)).toEqual([expect.stringMatching(/n9/)]);
    expect(a.simulation.digest()).toBe(digest);
    expect(a.commands).toHaveLength(0);
  });
});

describe('ConsoleSession playback', () => {
  it('plays at the chosen speed and publishes once per frame', () => {
    const { session: a, frames } = session();
    a.setSpeed(4);
    a.play();
    frames.tick(1000);
    let publishes = 0;
    const stop = a.store.subscribe(() => publishes++);
    for (let i = 1; i <= 10; i++) frames.tick(1000 + i * 100);
    stop();
    expect(a.simulation.timeMs).toBe(4000);
    expect(publishes).toBe(10);
    expect(a.store.getState().playback).toMatchObject({ playing: true, speed: 4, timeMs: 4000 });
  });

  it('does not owe the simulation for a long pause between frames (a background tab)', () => {
    const { session: a, frames } = session();
    a.play();
    frames.tick(0);
    frames.tick(60_000);
    expect(a.simulation.timeMs).toBe(250);
  });

  it('samples metrics every 500 ms of simulated time, identically after a rewind', () => {
    const { session: a } = session();
    a.seek(3000);
    a.dispatch({ type: 'node.crash', node: 'n4' });
    a.seek(30_000);
    a.flush();
    const live = a.store.getState().history;
    expect(live.map((h) => h.timeMs)).toEqual(Array.from({ length: 61 }, (_, i) => i * 500));
    expect(live.some((h) => h.underReplicated > 0)).toBe(true);
    a.seek(1000);
    a.seek(30_000);
    a.flush();
    expect(a.store.getState().history).toEqual(live);
  });
});

describe('ConsoleSession auto-pause (issue 8: play never stopped)', () => {
  /** Plays with 250 ms wall frames at 32× until playback stops by itself (or gives up). */
  function playUntilPaused(a: ConsoleSession, frames: ReturnType<typeof manualFrames>, maxFrames = 2000): number {
    a.setSpeed(32);
    a.play();
    let wall = 0;
    frames.tick(wall);
    for (let i = 0; i < maxFrames && a.isPlaying; i++) frames.tick((wall += 250));
    return a.simulation.timeMs;
  }

  it('pauses by itself once nothing but heartbeats is left, and says why', () => {
    const { session: a, frames } = session(builtIn('rehome-worked-example'));
    const pausedAt = playUntilPaused(a, frames);
    expect(a.isPlaying).toBe(false);
    // The rebuild ends near 56 s; the pause comes within one sample (500 ms) of the run going idle.
    expect(pausedAt).toBeGreaterThan(50_000);
    expect(pausedAt).toBeLessThan(60_000);
    a.flush();
    expect(a.store.getState().playback.notice).toMatchObject({ reason: 'idle', healthy: true, underReplicated: 0 });
  });

  it('plays on when asked again, then stops after a quiet minute; a fault injected meanwhile plays out first', () => {
    const { session: a, frames } = session(builtIn('rehome-worked-example'));
    const first = playUntilPaused(a, frames);
    const second = playUntilPaused(a, frames);
    expect(second - first).toBeGreaterThanOrEqual(60_000);
    expect(second - first).toBeLessThan(61_000);
    a.flush();
    expect(a.store.getState().playback.notice).toMatchObject({ reason: 'limit', idle: true });

    a.play();
    expect(a.store.getState().playback.notice).not.toBeNull(); // not yet published
    a.flush();
    expect(a.store.getState().playback.notice).toBeNull();
    a.dispatch({ type: 'node.crash', node: 'n1' });
    let wall = 1e6;
    frames.tick(wall);
    for (let i = 0; i < 2000 && a.isPlaying; i++) frames.tick((wall += 250));
    a.flush();
    // n1 was found DEAD and its shards re-homed before the pause.
    expect(a.simulation.getState().nodes[0].health).toBe('DEAD');
    expect(a.store.getState().playback.notice).toMatchObject({ reason: 'idle', healthy: true });
  });

  it('does not stop while recorded commands lie ahead (after a step back)', () => {
    const { session: a, frames } = session(builtIn('flapping-node-grace'));
    a.seek(70_000);
    a.dispatch({ type: 'node.crash', node: 'n2' });
    a.seek(60_000);
    playUntilPaused(a, frames);
    expect(a.simulation.getState().nodes[1].up).toBe(false);
    expect(a.commands).toHaveLength(1);
  });
});

describe('ConsoleSession next significant event (issue 8: it stopped on every copy)', () => {
  it('walks past routine copy progress: from 16.8 s in the worked example the next stop is the rebuild completing', () => {
    const { session: a } = session(builtIn('rehome-worked-example'));
    a.seek(16_800);
    a.stepToNextSignificant();
    expect(a.simulation.timeMs).toBeGreaterThan(50_000);
    const kinds = a.simulation.getTrace().filter((e) => e.event === a.simulation.eventCount).map((e) => e.kind);
    expect(kinds).toContain('migration.finished');
  });

  it('stops on suspicion, DEAD, failover steps and elections, never on a copy or a shard made whole alone', () => {
    const { session: a } = session(builtIn('second-failure-during-rebuild'));
    a.seek(20_500);
    const stops: string[][] = [];
    for (let i = 0; i < 12; i++) {
      a.stepToNextSignificant();
      stops.push(a.simulation.getTrace().filter((e) => e.event === a.simulation.eventCount && e.level !== 'detail').map((e) => e.kind));
    }
    const routineOnly = stops.filter((kinds) => kinds.every((k) => /^(copy\.(started|snapshotCopied|committed)|shard\.healthy|replica\.role)$/.test(k)));
    expect(routineOnly).toEqual([]);
    const all = stops.flat();
    for (const kind of ['node.suspected', 'node.declaredDead', 'failover.coordinatorRemoved', 'failover.targetsComputed']) expect(all).toContain(kind);
    expect(all.some((k) => k === 'primary.elected' || k === 'quorum.summary')).toBe(true);
  });

  it('with only heartbeats ahead it does not move, and says so', () => {
    const { session: a } = session(builtIn('rehome-worked-example'));
    a.runUntil('idle');
    const at = a.simulation.eventCount;
    a.stepToNextSignificant();
    expect(a.simulation.eventCount).toBe(at);
    a.flush();
    expect(a.store.getState().playback.notice).toMatchObject({ reason: 'nothingAhead', healthy: true });
  });
});

describe('ConsoleSession skipped timeline commands (issue 8: skipped only deep in the trace)', () => {
  it('names a scenario command that could not apply in an alert, once, and lists it', () => {
    const { session: a } = session(builtIn('rehome-worked-example'));
    a.dispatch({ type: 'node.crash', node: 'n3' });
    a.seek(6000);
    a.flush();
    const alerts = a.store.getState().alerts.filter((x) => x.source === 'scenario');
    expect(alerts.map((x) => x.message)).toEqual([expect.stringMatching(/crash n3.*5\.0 s.*skipped/)]);
    expect(a.skippedCommands()).toEqual([{ atMs: 5000, command: { type: 'node.crash', node: 'n3' }, text: expect.stringMatching(/n3/) }]);
    // Going back and forth re-simulates the same skip: it is not announced again.
    a.seek(1000);
    a.seek(7000);
    a.flush();
    expect(a.store.getState().alerts.filter((x) => x.source === 'scenario')).toHaveLength(1);
  });
});
