// Goal: a shard's state follows its copy counts: under-replicated when one goes, re-homing while copying, lost at zero, healthy at RF.
import { describe, expect, it } from 'vitest';
import { shardMachine, type ShardMachineEvent } from './shard.machine';
import { walk } from './walk.test-helper';

const input = { shardId: 's042', replicationFactor: 3, copies: 3 };
const ev = (type: ShardMachineEvent['type'], copies: number, copying = 0) => ({ type, copies, copying }) as ShardMachineEvent;

describe('shard machine', () => {
  it('losing a replica makes it under-replicated; a copy re-homes it; the commit makes it healthy', () => {
    const run = walk(shardMachine, input, [ev('replica.removed', 2), ev('copy.started', 2, 1), ev('copy.committed', 3)]);
    expect(run.states).toEqual(['underReplicated', 'rehoming', 'healthy']);
    expect(run.actions[2]).toContain('announceWhole');
    expect(run.snapshot.context).toMatchObject({ copies: 3, copying: 0 });
  });

  it('two lost replicas need two copies; one commit is not enough', () => {
    const run = walk(shardMachine, input, [
      ev('replica.removed', 2),
      ev('replica.removed', 1),
      ev('copy.started', 1, 1),
      ev('copy.started', 1, 2),
      ev('copy.committed', 2, 1),
      ev('copy.committed', 3, 0),
    ]);
    expect(run.states).toEqual(['underReplicated', 'underReplicated', 'rehoming', 'rehoming', 'rehoming', 'healthy']);
  });

  it('a failed copy with nothing else running falls back to under-replicated', () => {
    const run = walk(shardMachine, input, [ev('replica.removed', 2), ev('copy.started', 2, 1), ev('copy.failed', 2, 0)]);
    expect(run.states.at(-1)).toBe('underReplicated');
  });

  it('losing the last replica is loud, even mid-copy', () => {
    const run = walk(shardMachine, input, [ev('replica.removed', 2), ev('copy.started', 2, 1), ev('replica.removed', 0)]);
    expect(run.states.at(-1)).toBe('lost');
    expect(run.actions.at(-1)).toContain('announceLost');
  });

  it('a lost shard recovers when a crashed node returns with it on disk', () => {
    const run = walk(shardMachine, input, [ev('replica.removed', 0), ev('replica.reinstated', 1)]);
    expect(run.states).toEqual(['lost', 'underReplicated']);
    expect(run.actions[1]).toContain('announceRecovered');
    const whole = walk(shardMachine, { ...input, replicationFactor: 1, copies: 1 }, [ev('replica.removed', 0), ev('replica.reinstated', 1)]);
    expect(whole.states.at(-1)).toBe('healthy');
  });

  it('a returning node can make the shard whole without any copy', () => {
    const run = walk(shardMachine, input, [ev('replica.removed', 2), ev('replica.reinstated', 3)]);
    expect(run.states).toEqual(['underReplicated', 'healthy']);
  });
});
