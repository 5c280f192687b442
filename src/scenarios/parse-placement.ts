import { describeIds, describeValue, type NodeId, type ShardId } from '../engine/index';
import { isRecord, type Problems } from './field-checks';
import { canonicalShardId, shardIdOf, shardIndexOf } from './shard-ids';

/**
 * `placement` pins chosen shards to chosen nodes (first = configured
 * primary); the engine balances the rest. Each pin must name a real shard
 * and exactly RF distinct, known nodes.
 */

export interface PlacementContext {
  /** Null when `shards` is invalid: keys cannot be judged. */
  shards: number | null;
  /** Null when `replicationFactor` is invalid: list lengths cannot be judged. */
  replicationFactor: number | null;
  /** Null when `nodes` is invalid: node names cannot be judged. */
  nodeIds: readonly NodeId[] | null;
}

export function parsePlacement(
  raw: unknown,
  context: PlacementContext,
  problems: Problems,
): Record<ShardId, NodeId[]> | null {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    problems.push(`placement: must be an object mapping shard ids to node lists, got ${describeValue(raw)}`);
    return null;
  }
  const before = problems.length;
  const placement: Record<ShardId, NodeId[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    checkShardKey(key, context.shards, problems);
    const nodes = checkNodeList(`placement.${key}`, value, context, problems);
    if (nodes) placement[key] = nodes;
  }
  return problems.length === before ? placement : null;
}

function checkShardKey(key: string, shards: number | null, problems: Problems): void {
  if (shards === null || shardIndexOf(key, shards) !== null) return;
  const canonical = canonicalShardId(key, shards);
  const hint = canonical ? ` (did you mean "${canonical}"?)` : '';
  const range = shards === 1 ? shardIdOf(0, 1) : `${shardIdOf(0, shards)}…${shardIdOf(shards - 1, shards)}`;
  problems.push(`placement: unknown shard "${key}"${hint}; this scenario's shards are ${range}`);
}

function checkNodeList(
  path: string,
  value: unknown,
  { replicationFactor, nodeIds }: PlacementContext,
  problems: Problems,
): NodeId[] | null {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    problems.push(`${path}: must be a list of node ids, got ${describeValue(value)}`);
    return null;
  }
  const list = value as string[];
  const before = problems.length;
  if (replicationFactor !== null && list.length !== replicationFactor) {
    problems.push(
      `${path}: must list exactly ${replicationFactor} node ids (the replication factor), got ${list.length}`,
    );
  }
  const repeated = list.find((id, i) => list.indexOf(id) !== i);
  if (repeated !== undefined) problems.push(`${path}: lists node "${repeated}" twice; each replica needs its own node`);
  if (nodeIds !== null) {
    const known = new Set(nodeIds);
    for (const id of list) {
      if (!known.has(id)) problems.push(`${path}: unknown node "${id}" (this cluster has ${describeIds(nodeIds)})`);
    }
  }
  return problems.length === before ? [...list] : null;
}
