/** A prepared two-phase transaction; a participant restarts in doubt until an operator decides (design §9.3). */
import type { ScenarioFile } from '../scenario-file';
import { TXN_CLASSROOM } from './txn-restart-rules';

export const txnInDoubt: ScenarioFile = {
  id: 'txn-in-doubt',
  title: 'A two-phase transaction in doubt: prepared, a participant restarts, an operator resolves it',
  ...TXN_CLASSROOM,
  params: { checkpointIntervalMs: 0 },
  timeline: [
    { atMs: 5000, command: { type: 'txn.run', shard: 's001', writes: 2, end: 'prepare' } },
    { atMs: 6000, command: { type: 'node.crash', node: 'n2', kind: 'power' } },
    { atMs: 8000, command: { type: 'node.restart', node: 'n2' } },
    { atMs: 15000, command: { type: 'txn.resolve', txn: 't1', decision: 'commit' } },
  ],
};
