import { newNodeRecoveryRecord } from './recovery-state';
import { newNodeWal } from './wal-log';
import { record, type NodeRow, type World } from './world';

/**
 * `node.rebuild`: the operator gives up on a node's disk (its log cannot be trusted, or it refused to start) and
 * brings it back empty, as one wipes and re-adds a Ceph OSD or a CockroachDB node. The control plane has already
 * re-homed what it held through the usual failover path (the command waits until cp declared the node DEAD and the
 * router dropped it, apply-command.ts); its replicas were wiped just before (node-lifecycle.ts); here its log
 * starts again from nothing.
 */
export function rebuildNode(w: World, node: NodeRow): void {
  node.wal = newNodeWal(w.params.walDetailRecordsPerNode);
  node.heldAtCrash = null;
  const totals = node.recovery.totals;
  node.recovery = { ...newNodeRecoveryRecord(), totals };
  record(
    w,
    node.id,
    'node.rebuilt',
    `${node.id} starts again empty: no replica, an empty log. cp had already re-homed what it held; ${node.id} takes new ` +
      `replicas once cp hears from it again.`,
    'warn',
    { node: node.id },
  );
}
