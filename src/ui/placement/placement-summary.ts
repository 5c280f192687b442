import { replicaStateOf, SHARD_REPLICA_STATES, type ShardReplicaState, type ShardState, type ShardView } from '../../engine/index';
import { canonicalShardId } from '../../scenarios/shard-ids';

/**
 * What a grid cell shows: the shard's state, except that a shard down to its
 * last running copy is a state of its own. One copy from losing data is a
 * different risk from two, and the learner should see which shards the copy
 * queue serves first. It is the truth (copies on nodes that really run), so it
 * can show before cp has noticed a crash, like the nodes' "process down".
 */
export type GridState = ShardReplicaState;

/** In the order of the engine's shard codes (model/shard-codes.ts), so counts from codes line up. */
export const GRID_STATES: readonly GridState[] = SHARD_REPLICA_STATES;

export const STATE_WORD: Record<GridState, string> = {
  healthy: 'healthy',
  underReplicated: 'under-replicated',
  rehoming: 're-homing',
  lastCopy: 'last copy',
  lost: 'lost',
};

/** A glyph per state so the grid does not rely on colour alone. */
export const STATE_GLYPH: Record<GridState, string> = {
  healthy: '',
  underReplicated: '!',
  rehoming: '↻',
  lastCopy: '1',
  lost: '✕',
};

export function gridStateOf(shard: Pick<ShardView, 'state' | 'liveCopies'>, replicationFactor: number): GridState {
  return replicaStateOf(shard.state, shard.liveCopies, replicationFactor);
}

export function countByGridState(shards: readonly ShardView[], replicationFactor: number): Record<GridState, number> {
  const counts: Record<GridState, number> = { healthy: 0, underReplicated: 0, rehoming: 0, lastCopy: 0, lost: 0 };
  for (const shard of shards) counts[gridStateOf(shard, replicationFactor)]++;
  return counts;
}

const RISK_ORDER: Record<ShardState, number> = { lost: 0, underReplicated: 1, rehoming: 2, healthy: 3 };

/** Shards that are not healthy, most at risk first: lost, then fewest live copies, then by id. */
export function needsAttention(shards: readonly ShardView[], limit: number): { shards: ShardView[]; total: number } {
  const sick = shards.filter((s) => s.state !== 'healthy');
  sick.sort((a, b) => RISK_ORDER[a.state] - RISK_ORDER[b.state] || a.liveCopies - b.liveCopies || (a.id < b.id ? -1 : 1));
  return { shards: sick.slice(0, limit), total: sick.length };
}

/** The shard a learner typed (`s42`, `42`, `S042`), or why there is none. */
export function resolveShardQuery(text: string, total: number): { id: string } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Type a shard id, like s042.' };
  const id = canonicalShardId(/^\d+$/.test(trimmed) ? `s${trimmed}` : trimmed, total);
  if (id) return { id };
  const last = canonicalShardId(`s${total}`, total);
  return { problem: `No shard “${trimmed}”: this scenario has ${canonicalShardId('s1', total)}…${last}.` };
}
