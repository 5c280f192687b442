// Goal: a test author's bad number to window.failoverLab is refused at once with an Error naming the limit,
// instead of hanging the tab (advanceBy(1e15), seek(1e15), stepBack(-1e15)) or quietly doing nothing.
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { manualFrames } from '../store/frame-scheduler';
import { ConsoleSession } from '../store/session';
import { createDriver } from './driver-api';

function driver() {
  const s = scenario({ id: 'small', nodes: 3, shards: 3, shardSizeBytes: 4 * 1024 * 1024 });
  const session = new ConsoleSession(s, s.seed, manualFrames());
  return createDriver(session, Promise.resolve());
}

describe('driver input limits (issue 9)', () => {
  it.each([1e15, Number.NaN, -1, Number.POSITIVE_INFINITY])('advanceBy(%s) is refused naming the 24 h limit', (ms) => {
    const lab = driver();
    expect(() => lab.advanceBy(ms)).toThrow(/advanceBy: .*at most 86400000 ms.*24 h, the longest run/);
    expect(lab.getState().timeMs).toBe(0);
  });

  it('advanceBy past the 24 h horizon from a later moment is refused; up to it is fine', () => {
    const lab = driver();
    lab.advanceBy(10_000);
    expect(() => lab.advanceBy(86_400_000)).toThrow('advanceBy: ms must be a number from 0 to 86390000 ms');
    lab.advanceBy(1000);
    expect(lab.getState().timeMs).toBe(11_000);
  });

  it.each([1e15, Number.NaN, -5])('runUntil maxMs %s is refused naming the limit', (maxMs) => {
    const lab = driver();
    expect(() => lab.runUntil('healthy', { maxMs })).toThrow(/runUntil: maxMs .*at most 86400000 ms.*24 h, the longest run/);
  });

  it('runUntil with an unknown target is refused naming the targets', () => {
    const lab = driver();
    expect(() => lab.runUntil('done' as 'idle')).toThrow('runUntil: target must be "healthy" or "idle", got "done"');
  });

  it('runUntil within the limit still runs', () => {
    const lab = driver();
    expect(lab.runUntil('healthy', { maxMs: 5000 }).reached).toBe(true);
  });

  it.each([1e15, Number.NaN, -1])('seek(%s) is refused naming the 24 h limit', (t) => {
    const lab = driver();
    expect(() => lab.seek(t)).toThrow(/seek: .*from 0 to 86400000 ms.*24 h, the longest run/);
  });

  it.each([-1e15, -1, Number.NaN, 1.5])('stepBack(%s) is refused: a whole number of events, 0 or more', (n) => {
    const lab = driver();
    lab.advanceBy(2000);
    const digest = lab.digest();
    expect(() => lab.stepBack(n)).toThrow(/stepBack: n must be a whole number of events, 0 or more/);
    expect(lab.digest()).toBe(digest);
  });

  it('stepBack past the first event goes to the start', () => {
    const lab = driver();
    lab.advanceBy(2000);
    lab.stepBack(1e15);
    expect(lab.getState().timeMs).toBe(0);
  });

  it.each([1e9, 65, Number.NaN, 0, -2])('setSpeed(%s) is refused naming the 64× limit', (x) => {
    const lab = driver();
    expect(() => lab.setSpeed(x)).toThrow(/setSpeed: .*above 0 and at most 64/);
  });

  it.each([Number.NaN, -1, 1.5, 2 ** 32])('load with seed %s is refused naming the seed range', (seed) => {
    const lab = driver();
    expect(() => lab.load('rehome-worked-example', { seed })).toThrow('load: seed must be a whole number from 0 to 4294967295');
  });
});
