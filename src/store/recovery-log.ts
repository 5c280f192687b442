import type { ClusterState, NodeId, RecoveryModePreview, Simulation, WalView } from '../engine/index';

/**
 * The Log view's data for one node: its write-ahead log as the engine holds it (`sim.getWal`) and where each
 * recovery mode would stop on it (`sim.previewRecovery`). Read only while the panel is open, for the selected
 * node, so a closed panel costs nothing per frame.
 */
export interface RecoveryLogView {
  node: NodeId;
  /** Null when the scenario has no such node (a selection left over from another scenario). */
  wal: WalView | null;
  previews: readonly RecoveryModePreview[];
}

export function readRecoveryLog(sim: Simulation, cluster: ClusterState, node: NodeId): RecoveryLogView {
  const known = cluster.nodes.some((n) => n.id === node);
  return { node, wal: known ? sim.getWal(node) : null, previews: known ? sim.previewRecovery(node) : [] };
}
