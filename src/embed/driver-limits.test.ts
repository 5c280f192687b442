// Goal: a test author's bad number to window.failoverLab is refused at once with an Error naming the limit,
// instead of hanging the tab (advanceBy(1e15), seek(1e15), stepBack(-1e15)) or quietly doing nothing.
// The driver runs over the real worker protocol (client and host joined by a MessageChannel): the RangeError
// crosses it with its class and its words.
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { createLocalConsole } from '../worker/local-console';
import { createDriver } from './driver-api';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

async function driver() {
  const s = scenario({ id: 'small', nodes: 3, shards: 3, shardSizeBytes: 4 * 1024 * 1024 });
  const local = createLocalConsole(s, s.seed);
  open.push(local.client);
  await local.ready;
  return createDriver(local.client, local.ready);
}

describe('driver input limits (issue 9)', () => {
  it.each([1e15, Number.NaN, -1, Number.POSITIVE_INFINITY])('advanceBy(%s) is refused naming the 24 h limit', async (ms) => {
    const lab = await driver();
    await expect(lab.advanceBy(ms)).rejects.toThrow(/advanceBy: .*at most 86400000 ms.*24 h, the longest run/);
    await expect(lab.advanceBy(ms)).rejects.toBeInstanceOf(RangeError);
    expect((await lab.getState()).timeMs).toBe(0);
  });

  it('advanceBy past the 24 h horizon from a later moment is refused; up to it is fine', async () => {
    const lab = await driver();
    await lab.advanceBy(10_000);
    await expect(lab.advanceBy(86_400_000)).rejects.toThrow('advanceBy: ms must be a number from 0 to 86390000 ms');
    await lab.advanceBy(1000);
    expect((await lab.getState()).timeMs).toBe(11_000);
  });

  it.each([1e15, Number.NaN, -5])('runUntil maxMs %s is refused naming the limit', async (maxMs) => {
    const lab = await driver();
    await expect(lab.runUntil('healthy', { maxMs })).rejects.toThrow(/runUntil: maxMs .*at most 86400000 ms.*24 h, the longest run/);
  });

  it('runUntil with an unknown target is refused naming the targets', async () => {
    const lab = await driver();
    await expect(lab.runUntil('done' as 'idle')).rejects.toThrow('runUntil: target must be "healthy", "idle" or "converged", got "done"');
  });

  it('runUntil converged: a primary-replication run converges once it is healthy', async () => {
    const lab = await driver();
    const result = await lab.runUntil('converged', { maxMs: 5000 });
    expect(result.reached).toBe(true);
    expect(result.reason).toMatch(/^converged at/);
  });

  it('runUntil within the limit still runs', async () => {
    const lab = await driver();
    expect((await lab.runUntil('healthy', { maxMs: 5000 })).reached).toBe(true);
  });

  it.each([1e15, Number.NaN, -1])('seek(%s) is refused naming the 24 h limit', async (t) => {
    const lab = await driver();
    await expect(lab.seek(t)).rejects.toThrow(/seek: .*from 0 to 86400000 ms.*24 h, the longest run/);
  });

  it.each([-1e15, -1, Number.NaN, 1.5])('stepBack(%s) is refused: a whole number of events, 0 or more', async (n) => {
    const lab = await driver();
    await lab.advanceBy(2000);
    const digest = await lab.digest();
    await expect(lab.stepBack(n)).rejects.toThrow(/stepBack: n must be a whole number of events, 0 or more/);
    expect(await lab.digest()).toBe(digest);
  });

  it('stepBack past the first event goes to the start', async () => {
    const lab = await driver();
    await lab.advanceBy(2000);
    await lab.stepBack(1e15);
    expect((await lab.getState()).timeMs).toBe(0);
  });

  it.each([1e9, 65, Number.NaN, 0, -2])('setSpeed(%s) is refused naming the 64× limit', async (x) => {
    const lab = await driver();
    await expect(lab.setSpeed(x)).rejects.toThrow(/setSpeed: .*above 0 and at most 64/);
  });

  it.each([Number.NaN, -1, 1.5, 2 ** 32])('load with seed %s is refused naming the seed range', async (seed) => {
    const lab = await driver();
    await expect(lab.load('rehome-worked-example', { seed })).rejects.toThrow('load: seed must be a whole number from 0 to 4294967295');
  });
});
