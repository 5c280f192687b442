// Goal: every lifecycle change a learner can cause (crash, restart, destroy) moves the node's truth as a real process would.
import { describe, expect, it } from 'vitest';
import { nodeMachine } from './node.machine';
import { walk } from './walk.test-helper';

const input = { nodeId: 'n3' };

describe('node lifecycle machine', () => {
  it('crash stops the process and keeps the disk', () => {
    const run = walk(nodeMachine, input, [{ type: 'cmd.node.crash' }]);
    expect(run.states).toEqual(['crashed']);
    expect(run.actions[0]).toEqual(['haltProcess']);
  });

  it('restart replays the WAL before the node serves again', () => {
    const run = walk(nodeMachine, input, [{ type: 'cmd.node.crash' }, { type: 'cmd.node.restart' }, { type: 'wal.replayed' }]);
    expect(run.states).toEqual(['crashed', 'restarting', 'up']);
    expect(run.actions[1]).toEqual(['beginWalReplay']);
    expect(run.actions[2]).toEqual(['resumeService']);
  });

  it('a crash during WAL replay sends it back to crashed', () => {
    const run = walk(nodeMachine, input, [{ type: 'cmd.node.crash' }, { type: 'cmd.node.restart' }, { type: 'cmd.node.crash' }]);
    expect(run.states).toEqual(['crashed', 'restarting', 'crashed']);
    expect(run.actions[2]).toEqual(['haltProcess']);
  });

  it('destroy wipes the disk from any living state, and nothing brings the node back', () => {
    expect(walk(nodeMachine, input, [{ type: 'cmd.node.destroy' }]).actions[0]).toEqual(['haltProcess', 'wipeDisk']);
    expect(walk(nodeMachine, input, [{ type: 'cmd.node.crash' }, { type: 'cmd.node.destroy' }]).actions[1]).toEqual(['wipeDisk']);
    const run = walk(nodeMachine, input, [{ type: 'cmd.node.destroy' }, { type: 'cmd.node.restart' }, { type: 'wal.replayed' }]);
    expect(run.states).toEqual(['destroyed', 'destroyed', 'destroyed']);
    expect(run.snapshot.status).toBe('done');
  });

  it('ignores a restart of a running node and a second crash', () => {
    expect(walk(nodeMachine, input, [{ type: 'cmd.node.restart' }]).states).toEqual(['up']);
    const run = walk(nodeMachine, input, [{ type: 'cmd.node.crash' }, { type: 'cmd.node.crash' }]);
    expect(run.states).toEqual(['crashed', 'crashed']);
    expect(run.actions[1]).toEqual([]);
  });
});
