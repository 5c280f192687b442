import { useMemo } from 'react';
import { useConsole } from '../session-context';
import { codeHistogram, codesFromShards } from './shard-code-counts';
import { divergentFromShards } from './divergence-summary';

/**
 * Every shard's code, index i = the i-th shard: the view state's `shardCodes` (published with each frame), or
 * computed from `cluster.shards` when a view state has none (then the list is complete).
 */
export function useShardCodes(): Uint8Array {
  const published = useConsole((s) => (s as { shardCodes?: Uint8Array }).shardCodes);
  const cluster = useConsole((s) => ((s as { shardCodes?: Uint8Array }).shardCodes ? null : s.cluster));
  return useMemo(() => published ?? codesFromShards(cluster!), [published, cluster]);
}

/** How many shards have each code; recounted only when the codes change. */
export function useCodeHistogram(): Uint32Array {
  const codes = useShardCodes();
  return useMemo(() => codeHistogram(codes), [codes]);
}

/**
 * The shards where some replica holds stale keys (truth), ascending: the view state's `divergentShards`, or found in
 * `cluster.shards` when a view state has none (then the list is complete).
 */
export function useDivergentShards(): Uint32Array {
  const published = useConsole((s) => (s as { divergentShards?: Uint32Array }).divergentShards);
  const shards = useConsole((s) => ((s as { divergentShards?: Uint32Array }).divergentShards ? null : s.cluster.shards));
  return useMemo(() => published ?? divergentFromShards(shards!), [published, shards]);
}
