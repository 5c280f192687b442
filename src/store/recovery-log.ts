import type { ClusterState, NodeId, RecoveryModePreview, Simulation, WalView } from '../engine/index';

/**
 * The Log view's data for one node: its write-ahead log as the engine holds it (`sim.getWal`) and where each
 * recovery mode would stop on it (`sim.previewRecovery`). Read only while the panel is open, for the selected
 * node, so a closed panel costs nothing per frame.
 */
export interface RecoveryLogView {
  node: NodeId;
  wal: WalView | null;
  previews: readonly RecoveryModePreview[];
}

/** The engine's read side of local recovery (optional until every engine build has it). */
interface RecoveryReads {
  getWal?(node: NodeId): WalView | null;
  previewRecovery?(node: NodeId): RecoveryModePreview[];
}

export function readRecoveryLog(sim: Simulation, cluster: ClusterState, node: NodeId): RecoveryLogView {
  const reads = sim as Simulation & RecoveryReads;
  const known = cluster.nodes.some((n) => n.id === node);
  return {
    node,
    wal: known ? (reads.getWal?.(node) ?? null) : null,
    previews: known ? (reads.previewRecovery?.(node) ?? []) : [],
  };
}
