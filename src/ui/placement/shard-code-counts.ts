import {
  nodeRecoveryMark,
  shardCodeOfView,
  SHARD_CODE_COUNT,
  type ClusterState,
} from '../../engine/index';
import type { GridOverlay } from './shard-grid';

/**
 * Counting and colouring shards from their codes (engine model/shard-codes.ts) rather than their views: the
 * placement panel's summaries and the heat map stay right when `cluster.shards` lists only some shards.
 */

/** How many shards have each code: one pass over the codes, then every overlay's counts come from 125 numbers. */
export function codeHistogram(codes: Uint8Array): Uint32Array {
  const counts = new Uint32Array(SHARD_CODE_COUNT);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts;
}

/** Which of the overlay's five states (in its STATES order) a code shows. */
export function overlayIndex(overlay: GridOverlay, code: number): number {
  return overlay === 'replicas' ? code % 5 : overlay === 'writes' ? Math.floor(code / 5) % 5 : Math.floor(code / 25) % 5;
}

/** Shards per overlay state, in the overlay's STATES order. */
export function countsByOverlay(overlay: GridOverlay, histogram: Uint32Array): number[] {
  const out = [0, 0, 0, 0, 0];
  for (let code = 0; code < histogram.length; code++) out[overlayIndex(overlay, code)] += histogram[code];
  return out;
}

/**
 * Every shard's code from the full shard list: the stand-in while a view state has no `shardCodes` (it is complete
 * then). Never called at scale, where `cluster.shards` holds only some shards.
 */
export function codesFromShards(cluster: Pick<ClusterState, 'shards' | 'nodes' | 'replicationFactor'>): Uint8Array {
  const marks = new Map(cluster.nodes.map((n) => [n.id, nodeRecoveryMark(n.recovery)]));
  return Uint8Array.from(cluster.shards, (s) => shardCodeOfView(s, cluster.replicationFactor, (id) => marks.get(id) ?? 'none'));
}
