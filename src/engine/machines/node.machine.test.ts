// Goal: every lifecycle change a learner can cause (crash, restart, destroy, rebuild) moves the node's truth as a real
// process would; a restart goes through the phases of local recovery (design recovery-repair.md §3.5, §5.1) —
// load the snapshot (memory stores), replay the log step by step, verify, serve — or refuses to start.
import { describe, expect, it } from 'vitest';
import { nodeMachine } from './node.machine';
import { TimedWalk } from './timed-walk.test-helper';

const input = { nodeId: 'n3' };
const restart = { type: 'cmd.node.restart', snapshotLoadMs: null } as const;
const restartFromSnapshot = { type: 'cmd.node.restart', snapshotLoadMs: 1_406 } as const;
const finished = { type: 'wal.replayFinished', verifyMs: 250 } as const;
const node = () => new TimedWalk(nodeMachine, input);

describe('node lifecycle machine', () => {
  it('crash stops the process and keeps the disk', () => {
    const run = node().send({ type: 'cmd.node.crash' });
    expect(run.states).toEqual(['crashed']);
    expect(run.lastActions).toEqual(['haltProcess']);
  });

  it('a page store restarts straight into replay; the engine says when the replay ends', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send(restart);
    expect(run.state).toBe('restarting.replaying');
    expect(run.lastActions).toEqual(['beginRecovery', 'beginReplay']);
    // The replay steps are engine events (their cost depends on the records): nothing of the machine's own waits.
    expect(run.pendingTimers).toBe(0);
    run.advance(60_000);
    expect(run.state).toBe('restarting.replaying');
  });

  it('replay → verifying (its own timer: verifyMs) → up', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send(restart).send(finished);
    expect(run.state).toBe('restarting.verifying');
    expect(run.lastActions).toEqual(['beginVerify']);
    run.advance(249);
    expect(run.state).toBe('restarting.verifying');
    run.advance(1);
    expect(run.state).toBe('up');
    expect(run.lastActions).toEqual(['announceVerified', 'resumeService']);
    expect(run.pendingTimers).toBe(0);
  });

  it('a memory store loads its snapshot first (its own timer: snapshotLoadMs), then replays', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send(restartFromSnapshot);
    expect(run.state).toBe('restarting.loadingSnapshot');
    expect(run.lastActions).toEqual(['beginRecovery']);
    run.advance(1_405);
    expect(run.state).toBe('restarting.loadingSnapshot');
    run.advance(1);
    expect(run.state).toBe('restarting.replaying');
    expect(run.lastActions).toEqual(['announceSnapshotLoaded', 'beginReplay']);
    expect(run.steps.map((s) => s.state)).toEqual(['crashed', 'restarting.loadingSnapshot', 'restarting.replaying']);
  });

  it('a refused replay waits for a rebuild or a restart under another mode', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send(restart).send({ type: 'wal.replayRefused' });
    expect(run.state).toBe('restarting.refused');
    expect(run.lastActions).toEqual(['announceRefused']);
    expect(node().send({ type: 'cmd.node.crash' }).send(restart).send({ type: 'wal.replayRefused' }).send(restart).state).toBe('restarting.replaying');
    const rebuilt = run.send({ type: 'cmd.node.rebuild' });
    expect(rebuilt.state).toBe('up');
    expect(rebuilt.lastActions).toEqual(['rebuildDisk', 'resumeService']);
  });

  it('a crashed node can be rebuilt: it comes back empty', () => {
    const run = node().send({ type: 'cmd.node.crash' }).send({ type: 'cmd.node.rebuild' });
    expect(run.state).toBe('up');
    expect(run.lastActions).toEqual(['rebuildDisk', 'resumeService']);
    // A running node is not rebuilt (crash it first).
    expect(node().send({ type: 'cmd.node.rebuild' }).states).toEqual([]);
  });

  it('a crash during replay, snapshot load or verify sends it back to crashed and cancels its timers', () => {
    for (const run of [
      node().send({ type: 'cmd.node.crash' }).send(restart),
      node().send({ type: 'cmd.node.crash' }).send(restartFromSnapshot).advance(1_000),
      node().send({ type: 'cmd.node.crash' }).send(restart).send(finished).advance(100),
    ]) {
      run.send({ type: 'cmd.node.crash' });
      expect(run.state).toBe('crashed');
      expect(run.lastActions).toEqual(['haltProcess']);
      expect(run.pendingTimers).toBe(0);
      run.advance(10_000);
      expect(run.state).toBe('crashed');
    }
  });

  it('destroy wipes the disk from any living state, and nothing brings the node back', () => {
    expect(node().send({ type: 'cmd.node.destroy' }).lastActions).toEqual(['haltProcess', 'wipeDisk']);
    expect(node().send({ type: 'cmd.node.crash' }).send({ type: 'cmd.node.destroy' }).lastActions).toEqual(['wipeDisk']);
    const replaying = node().send({ type: 'cmd.node.crash' }).send(restartFromSnapshot).send({ type: 'cmd.node.destroy' });
    expect(replaying.pendingTimers).toBe(0);
    const run = node().send({ type: 'cmd.node.destroy' }).send(restart).send({ type: 'cmd.node.rebuild' }).advance(10_000);
    expect(run.states).toEqual(['destroyed']);
    expect(run.snapshot.status).toBe('done');
  });

  it('ignores a restart of a running node, a second crash, and replay news when not replaying', () => {
    expect(node().send(restart).states).toEqual([]);
    expect(node().send(finished).states).toEqual([]);
    const run = node().send({ type: 'cmd.node.crash' }).send({ type: 'cmd.node.crash' }).send(finished);
    expect(run.states).toEqual(['crashed']);
  });
});
