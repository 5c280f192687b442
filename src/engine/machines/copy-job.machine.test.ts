// Goal: a copy the migrator runs follows queued → snapshot → catching up → committed, and a stalled stream is given up
// exactly copyStreamTimeoutMs after it stopped, by the machine's own timer on the real event queue — unless it resumes.
import { describe, expect, it } from 'vitest';
import { copyJobMachine } from './copy-job.machine';
import { TimedWalk } from './timed-walk.test-helper';

const job = () => new TimedWalk(copyJobMachine, undefined as never);
const stalled = { type: 'stream.stalled', timeoutMs: 5_000 } as const;

describe('copy-job machine (timers on the real event queue)', () => {
  it('walks queued → snapshot → catchingUp → committed, arming no timer while bytes flow', () => {
    const run = job().send({ type: 'copy.started' }).send({ type: 'snapshot.copied' }).send({ type: 'tail.caughtUp' });
    expect(run.states).toEqual(['snapshot', 'catchingUp', 'committed']);
    expect(run.snapshot.status).toBe('done');
    expect(run.pendingTimers).toBe(0);
  });

  it('a stream stalled for copyStreamTimeoutMs is given up by its own timer: failed, with giveUpOnStream', () => {
    const run = job().send({ type: 'copy.started' }).advance(1_000).send(stalled);
    expect(run.state).toBe('snapshotStalled');
    expect(run.queue.peek()?.timeMs).toBe(6_000);
    run.advance(4_999);
    expect(run.state).toBe('snapshotStalled');
    run.advance(1);
    expect(run.state).toBe('failed');
    expect(run.steps.at(-1)).toMatchObject({ atMs: 6_000, event: 'xstate.after.copyStreamTimeout.copyJob.snapshotStalled', actions: ['giveUpOnStream'] });
    // Back in the queue: it can start again, or go elsewhere.
    expect(run.send({ type: 'copy.retargeted' }).state).toBe('retargeted');
    expect(run.send({ type: 'copy.started' }).state).toBe('snapshot');
  });

  it('a stream that resumes before the timeout cancels it; so does a failure the migrator hears of', () => {
    const resumed = job().send({ type: 'copy.started' }).send({ type: 'snapshot.copied' }).send(stalled).advance(2_000);
    expect(resumed.state).toBe('tailStalled');
    resumed.send({ type: 'stream.resumed' });
    expect(resumed.state).toBe('catchingUp');
    expect(resumed.pendingTimers).toBe(0);
    resumed.advance(10_000);
    expect(resumed.state).toBe('catchingUp');

    const failed = job().send({ type: 'copy.started' }).send(stalled).send({ type: 'copy.failed' });
    expect(failed.state).toBe('failed');
    expect(failed.pendingTimers).toBe(0);
  });

  it('is dropped from any state when the shard no longer needs it, its timer with it', () => {
    const run = job().send({ type: 'copy.started' }).send(stalled).send({ type: 'copy.dropped' });
    expect(run.state).toBe('dropped');
    expect(run.pendingTimers).toBe(0);
  });
});
