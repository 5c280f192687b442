import { describe, expect, it } from 'vitest';
import type { ShardView } from '../../engine/index';
import { countByGridState, gridStateOf, needsAttention, resolveShardQuery, STATE_GLYPH, STATE_WORD } from './placement-summary';

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
    inconsistent: false,
    corruptKnown: [],
    divergence: null,
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
  it('counts shards by what the grid shows: a shard down to one running copy is its own state', () => {
    expect(countByGridState(shards, 3)).toEqual({ healthy: 1, underReplicated: 1, rehoming: 1, lastCopy: 1, lost: 1 });
  });

  it('marks the last copy apart from two copies, with its own glyph and words', () => {
    expect(gridStateOf(shard('a', 'underReplicated', 2), 3)).toBe('underReplicated');
    expect(gridStateOf(shard('b', 'underReplicated', 1), 3)).toBe('lastCopy');
    expect(gridStateOf(shard('c', 'rehoming', 1), 3)).toBe('lastCopy');
    // The truth moves first: cp may still call it healthy while only one copy's node runs.
    expect(gridStateOf(shard('d', 'healthy', 1), 3)).toBe('lastCopy');
    expect(gridStateOf(shard('e', 'lost', 0), 3)).toBe('lost');
    // At RF 1 one copy is all there ever was.
    expect(gridStateOf(shard('f', 'healthy', 1), 1)).toBe('healthy');
    expect(STATE_GLYPH.lastCopy).not.toBe(STATE_GLYPH.underReplicated);
    expect(STATE_GLYPH.lastCopy).not.toBe('');
    expect(STATE_WORD.lastCopy).toBe('last copy');
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
