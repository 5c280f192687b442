import type { ClusterState, RepairView, Simulation } from '../engine/index';

/**
 * The Repair panel's data for one shard (design recovery-repair.md §12): the Merkle trees of two of its replicas,
 * the anti-entropy session and the stale keys, as the engine holds them (`sim.getRepairView`). Read only while the
 * panel is open, for the selected shard, so a closed panel (or a healthy fleet) costs nothing per frame.
 */
export interface RepairPanelView {
  shard: string;
  /** Only leaderless replication keeps keys that disagree; with a primary, replicas only lag (the panel says so). */
  replication: ClusterState['params']['replication'];
  /** Null with primary replication, for an unknown shard, or while the engine cannot draw one. */
  view: RepairView | null;
}

export function readRepairPanel(sim: Simulation, cluster: ClusterState, shard: string, pair: readonly [string, string] | null): RepairPanelView {
  const replication = cluster.params.replication;
  const found = cluster.shards.find((s) => s.id === shard);
  if (!found || replication !== 'leaderless') return { shard, replication, view: null };
  // A pair picked on another shard does not name this one's replicas: the engine then picks.
  const fits = pair !== null && pair[0] !== pair[1] && pair.every((r) => found.replicas.includes(r));
  const wanted = fits ? ([pair[0], pair[1]] as [string, string]) : undefined;
  try {
    return { shard, replication, view: sim.getRepairView(shard, wanted) ?? null };
  } catch (error) {
    // The pair no longer names two of its replicas (one was re-homed away): draw the engine's choice instead.
    if (!(error instanceof RangeError) || wanted === undefined) throw error;
    return { shard, replication, view: sim.getRepairView(shard) ?? null };
  }
}
