import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../engine/index';
import { nodeActions, shardHistory } from './shard-history';

function entry(seq: number, actor: string, data: Record<string, unknown> = {}): TraceEntry {
  return { seq, timeMs: seq * 10, event: seq, actor, kind: 'k', text: `t${seq}`, level: 'info', data };
}

describe('shardHistory', () => {
  const trace = [
    entry(1, 'n3'),
    entry(2, 's001'),
    entry(3, 'migrator', { shard: 's001' }),
    entry(4, 'migrator', { shard: 's002' }),
    entry(5, 's0010'),
    entry(6, 's001', { shard: 's001' }),
  ];

  it('keeps entries by the shard or naming it, oldest first, and not look-alike ids', () => {
    expect(shardHistory(trace, 's001').map((e) => e.seq)).toEqual([2, 3, 6]);
  });

  it('keeps only the newest entries past the limit', () => {
    expect(shardHistory(trace, 's001', 2).map((e) => e.seq)).toEqual([3, 6]);
  });
});

describe('nodeActions', () => {
  it('offers restart only to a crashed node and nothing to a destroyed one', () => {
    expect(nodeActions('up')).toEqual(['crash', 'destroy']);
    expect(nodeActions('crashed')).toEqual(['restart', 'destroy']);
    expect(nodeActions('destroyed')).toEqual([]);
  });
});
