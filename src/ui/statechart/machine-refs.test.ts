// Goal: selecting a node shows its process and cp's belief; a shard its own machines and those of its copy jobs.
import { describe, expect, it } from 'vitest';
import type { CopyView } from '../../engine/index';
import { nodeMachineRefs, shardMachineRefs } from './machine-refs';

const copy = (shard: string, jobId?: string): CopyView & { jobId?: string } => ({
  shard,
  source: 'n1',
  target: 'n2',
  phase: 'snapshot',
  sizeBytes: 1,
  bytesDone: 0,
  rateBytesPerSec: 1,
  ...(jobId ? { jobId } : {}),
});

describe('machine refs', () => {
  it("a node: cp's belief (its health monitor) first, then its process (the truth)", () => {
    expect(nodeMachineRefs('n3')).toEqual([
      { kind: 'healthMonitor', id: 'n3' },
      { kind: 'node', id: 'n3' },
    ]);
  });

  it("a shard: its machines, then its own copy jobs' machines, named `<shard>→<target>` unless the copy names its job", () => {
    expect(shardMachineRefs('s042', [copy('s042', 'c7'), copy('s041', 'c8'), copy('s042')])).toEqual([
      { kind: 'shard', id: 's042' },
      { kind: 'shardPrimary', id: 's042' },
      { kind: 'copyJob', id: 'c7' },
      { kind: 'copyJob', id: 's042→n2' },
    ]);
  });
});
