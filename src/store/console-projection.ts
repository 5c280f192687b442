import { CommandError, REPAIR_MODES, SHARD_CODE_HEALTHY, type ClusterState, type RepairMode, type RepairPreview, type Simulation } from '../engine/index';
import { shardIndexOf } from '../scenarios/shard-ids';
import { FULL_SHARD_LIST_MAX, type SelectedShardView, type Selection } from './view-model';

/**
 * What the console publishes of the cluster each frame. Up to FULL_SHARD_LIST_MAX shards it is the whole state;
 * above, `shards` holds only those whose code is not healthy (at most FULL_SHARD_LIST_MAX of them, in scenario
 * order) plus the selected one, and every shard's state travels as one byte in `shardCodes`. A full getState()
 * builds a ShardView per shard (~1 s at 100,000); this costs the nodes, the codes and the few listed shards.
 */
export function consoleCluster(sim: Simulation, selection: Selection): { cluster: ClusterState; shardCodes: Uint8Array; shardsComplete: boolean } {
  const shardCodes = sim.getShardStateCodes();
  if (shardCodes.length <= FULL_SHARD_LIST_MAX) return { cluster: sim.getState(), shardCodes, shardsComplete: true };
  return { cluster: sim.getState({ shards: attentionShards(shardCodes, selection) }), shardCodes, shardsComplete: false };
}

/** The shard indices a large cluster lists: the first FULL_SHARD_LIST_MAX not healthy, and the selected one. */
export function attentionShards(codes: Uint8Array, selection: Selection): number[] {
  const out: number[] = [];
  for (let i = 0; i < codes.length && out.length < FULL_SHARD_LIST_MAX; i++) if (codes[i] !== SHARD_CODE_HEALTHY) out.push(i);
  const selected = selection?.kind === 'shard' ? shardIndexOf(selection.id, codes.length) : null;
  if (selected !== null) out.push(selected);
  return out;
}

/** The selected shard's explanation and (while it refuses writes) each repair's preview, from the engine; null otherwise. */
export function selectedShardView(sim: Simulation, cluster: ClusterState, selection: Selection): SelectedShardView | null {
  if (selection?.kind !== 'shard') return null;
  const shard = cluster.shards.find((s) => s.id === selection.id);
  if (!shard) return null;
  let repair: Record<RepairMode, RepairPreview> | null = null;
  if (!shard.writable) {
    try {
      repair = Object.fromEntries(REPAIR_MODES.map((mode) => [mode, sim.previewRepair(shard.id, mode)])) as Record<RepairMode, RepairPreview>;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
    }
  }
  return { id: shard.id, choice: sim.explainShard(shard.id), repair };
}
