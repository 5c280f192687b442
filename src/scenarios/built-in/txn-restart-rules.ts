/** Three transactions on one node caught by a power loss; its restart applies the chapter's three rules (design §9.2). */
import type { ScenarioFile } from '../scenario-file';

/** The classroom the transaction built-ins share: three nodes, two shards, every node holding both. */
export const TXN_CLASSROOM = {
  seed: 1,
  profile: 'postgresql',
  nodes: 3,
  racks: 3,
  shards: 2,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  placement: { s001: ['n1', 'n2', 'n3'], s002: ['n2', 'n1', 'n3'] },
  workload: { writesPerSec: 0 },
} as const satisfies Partial<ScenarioFile>;

export const txnRestartRules: ScenarioFile = {
  ...TXN_CLASSROOM,
  id: 'txn-restart-rules',
  title: 'Three transactions at a power loss: replay, abort, roll back (redo-only)',
  params: { checkpointIntervalMs: 0 },
  timeline: [
    { atMs: 5000, command: { type: 'txn.run', shard: 's001', writes: 3, end: 'none' } },
    { atMs: 7000, command: { type: 'txn.run', shard: 's001', writes: 2, end: 'abort' } },
    { atMs: 7000, command: { type: 'txn.run', shard: 's001', writes: 3, end: 'commit' } },
    { atMs: 7000, command: { type: 'node.crash', node: 'n1', kind: 'power' } },
    { atMs: 9000, command: { type: 'node.restart', node: 'n1' } },
  ],
};

export const txnRestartRulesAries: ScenarioFile = {
  ...TXN_CLASSROOM,
  id: 'txn-restart-rules-aries',
  title: 'The same three transactions under steal and ARIES: redo, then undo with compensation records',
  params: { checkpointIntervalMs: 0, bufferPolicy: 'steal', recoveryAlgorithm: 'aries' },
  timeline: [
    { atMs: 5000, command: { type: 'txn.run', shard: 's001', writes: 3, end: 'none' } },
    // steal: the checkpoint flushes t1's provisional changes to the data files.
    { atMs: 6000, command: { type: 'node.checkpoint', node: 'n1' } },
    { atMs: 7000, command: { type: 'txn.run', shard: 's001', writes: 2, end: 'abort' } },
    { atMs: 7000, command: { type: 'txn.run', shard: 's001', writes: 3, end: 'commit' } },
    { atMs: 7000, command: { type: 'node.crash', node: 'n1', kind: 'power' } },
    { atMs: 9000, command: { type: 'node.restart', node: 'n1' } },
  ],
};
