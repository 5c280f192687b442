import { describeIds, describeValue, type NodeId } from '../engine/index';
import { budgetSpent, isNameList, problemAt, type Problems, type Soundness } from './field-checks';
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

/** True when the placement (absent counts) is usable: the voters are then judged against it. */
export function checkPlacement(raw: unknown, ok: Soundness, context: PlacementContext, problems: Problems): boolean {
  if (raw === undefined) return true;
  if (!ok.typed(['placement'])) return false;
  const before = problems.length;
  const known = context.nodeIds === null ? null : { ids: new Set(context.nodeIds), text: describeIds(context.nodeIds) };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (budgetSpent(problems)) break;
    checkShardKey(key, context.shards, problems);
    if (!ok.whole(['placement', key])) continue;
    if (isNameList(value)) checkNodeList(key, value, context.replicationFactor, known, problems);
    else problems.push(problemAt(['placement', key], `must be a list of node ids, got ${describeValue(value)}`));
  }
  return problems.length === before && ok.whole(['placement']);
}

function checkShardKey(key: string, shards: number | null, problems: Problems): void {
  if (shards === null || shardIndexOf(key, shards) !== null) return;
  const canonical = canonicalShardId(key, shards);
  const hint = canonical ? ` (did you mean "${canonical}"?)` : '';
  const range = shards === 1 ? shardIdOf(0, 1) : `${shardIdOf(0, shards)}…${shardIdOf(shards - 1, shards)}`;
  problems.push(
    problemAt(['placement'], `unknown shard "${key}"${hint}; this scenario's shards are ${range}`, {
      orderPath: ['placement', key],
      lead: true,
    }),
  );
}

/** `known`: the cluster's node ids and how a problem names them (worked out once for every list). */
function checkNodeList(
  key: string,
  list: string[],
  replicationFactor: number | null,
  known: { ids: ReadonlySet<NodeId>; text: string } | null,
  problems: Problems,
): void {
  const say = (message: string) => problems.push(problemAt(['placement', key], message));
  if (replicationFactor !== null && list.length !== replicationFactor) {
    say(`must list exactly ${replicationFactor} node ids (the replication factor), got ${list.length}`);
  }
  const seen = new Set<string>();
  const repeated = list.find((id) => seen.size === seen.add(id).size);
  if (repeated !== undefined) say(`lists node "${repeated}" twice; each replica needs its own node`);
  if (known === null) return;
  for (const id of list) if (!known.ids.has(id)) say(`unknown node "${id}" (this cluster has ${known.text})`);
}
