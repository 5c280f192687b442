// Goal: every lifecycle change a learner can cause (crash, restart, destroy) moves the node's truth as a real process
// would; the write-ahead-log replay is the machine's own timer on the real event queue.
import { describe, expect, it } from 'vitest';
import { nodeMachine } from './node.machine';
import { TimedWalk } from './timed-walk.test-helper';

const input = { nodeId: 'n3' };
const restart = { type: 'cmd.node.restart', walReplayMs: 4_000 } as const;
const node = () => new TimedWalk(nodeMachine, input);

describe('node lifecycle machine', () => {
  it('crash stops the process and keeps the disk', () => {
    const run = node().send({ type: 'cmd.node.crash' });
    expect(run.states).toEqual(['crashed']);
    expect(run.lastActions).toEqual(['haltProcess']);
  });

  it('restart replays the WAL for walReplayMs (its own timer) before the node serves again', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send(restart);
    expect(run.state).toBe('restarting');
    expect(run.lastActions).toEqual(['beginWalReplay']);
    expect(run.queue.peek()?.timeMs).toBe(4_000);
    run.advance(3_999);
    expect(run.state).toBe('restarting');
    run.advance(1);
    expect(run.state).toBe('up');
    expect(run.steps.at(-1)).toMatchObject({ atMs: 4_000, event: 'xstate.after.walReplay.node.restarting', actions: ['resumeService'] });
    expect(run.pendingTimers).toBe(0);
  });

  it('a crash during WAL replay sends it back to crashed and cancels the replay timer', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send(restart).advance(1_000).send({ type: 'cmd.node.crash' });
    expect(run.states).toEqual(['crashed', 'restarting', 'crashed']);
    expect(run.lastActions).toEqual(['haltProcess']);
    expect(run.pendingTimers).toBe(0);
    run.advance(10_000);
    expect(run.state).toBe('crashed');
  });

  it('destroy wipes the disk from any living state, and nothing brings the node back', () => {
    expect(node().send({ type: 'cmd.node.destroy' }).lastActions).toEqual(['haltProcess', 'wipeDisk']);
    expect(node().send({ type: 'cmd.node.crash' }).send({ type: 'cmd.node.destroy' }).lastActions).toEqual(['wipeDisk']);
    const replaying = node().send({ type: 'cmd.node.crash' }).send(restart).send({ type: 'cmd.node.destroy' });
    expect(replaying.pendingTimers).toBe(0);
    const run = node().send({ type: 'cmd.node.destroy' }).send(restart).advance(10_000);
    expect(run.states).toEqual(['destroyed']);
    expect(run.snapshot.status).toBe('done');
  });

  it('ignores a restart of a running node and a second crash', () => {
    expect(node().send(restart).states).toEqual([]);
    const run = node().send({ type: 'cmd.node.crash' }).send({ type: 'cmd.node.crash' });
    expect(run.states).toEqual(['crashed']);
  });
});
