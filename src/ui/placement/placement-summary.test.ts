import { describe, expect, it } from 'vitest';
import type { ShardView } from '../../engine/index';
import { countByState, needsAttention, resolveShardQuery } from './placement-summary';

function shard(id: string, state: ShardView['state'], liveCopies: number): ShardView {
  return {
    id,
    replicas: [],
    primary: null,
    configuredPrimary: null,
    term: 1,
    voters: [],
    replicaRoles: [],
    quorum: 'noPrimary',
    writable: false,
    quorumReason: 'no primary',
    state,
    liveCopies,
    lsn: 0,
    waitingReason: null,
  };
}

const shards = [
  shard('s001', 'healthy', 3),
  shard('s002', 'underReplicated', 2),
  shard('s003', 'underReplicated', 1),
  shard('s004', 'lost', 0),
  shard('s005', 'rehoming', 2),
];

describe('placement summary', () => {
  it('counts shards by state', () => {
    expect(countByState(shards)).toEqual({ healthy: 1, underReplicated: 2, rehoming: 1, lost: 1 });
  });

  it('lists lost shards first, then those down to the fewest copies', () => {
    const { shards: list, total } = needsAttention(shards, 3);
    expect(list.map((s) => s.id)).toEqual(['s004', 's003', 's002']);
    expect(total).toBe(4);
  });

  it('understands loosely typed shard ids and names the range when there is no such shard', () => {
    expect(resolveShardQuery('42', 400)).toEqual({ id: 's042' });
    expect(resolveShardQuery(' S7 ', 400)).toEqual({ id: 's007' });
    expect(resolveShardQuery('s401', 400)).toEqual({ problem: 'No shard “s401”: this scenario has s001…s400.' });
    expect(resolveShardQuery('', 400)).toHaveProperty('problem');
  });
});
