import { sendFailoverEvent } from './failover';
import { newNodeRecoveryRecord } from './recovery-state';
import { newNodeWal } from './wal-log';
import { record, type NodeRow, type World } from './world';

/**
 * `node.rebuild`: the operator gives up on a node's disk (its log cannot be trusted, or it refused to start) and
 * brings it back empty, as one wipes and re-adds a Ceph OSD or a CockroachDB node. Its replicas were wiped just
 * before (node-lifecycle.ts); here its log starts again from nothing, and the control plane re-homes what it held
 * through the usual failover path — at once if the router still lists the node, as an operator would tell it.
 */
export function rebuildNode(w: World, node: NodeRow): void {
  node.wal = newNodeWal(w.params.walDetailRecordsPerNode);
  node.heldAtCrash = null;
  const totals = node.recovery.totals;
  node.recovery = { ...newNodeRecoveryRecord(), totals };
  const listed = node.placed.size;
  record(
    w,
    node.id,
    'node.rebuilt',
    `${node.id} starts again empty: no replica, an empty log. ` +
      (listed > 0
        ? `The operator tells cp its data is gone: the router drops its ${listed} replica(s) and cp re-homes them, perhaps onto ${node.id} itself.`
        : `cp had already re-homed what it held; ${node.id} can take new replicas once cp hears from it.`),
    'warn',
    { node: node.id, replicas: listed },
  );
  if (listed > 0) sendFailoverEvent(w, { type: 'node.declaredDead', node: node.id });
}
