import type { ShardState, ShardView } from '../../engine/index';
import { canonicalShardId } from '../../scenarios/shard-ids';

export const SHARD_STATES: readonly ShardState[] = ['healthy', 'underReplicated', 'rehoming', 'lost'];

export const STATE_WORD: Record<ShardState, string> = {
  healthy: 'healthy',
  underReplicated: 'under-replicated',
  rehoming: 're-homing',
  lost: 'lost',
};

/** A glyph per state so the grid does not rely on colour alone. */
export const STATE_GLYPH: Record<ShardState, string> = {
  healthy: '',
  underReplicated: '!',
  rehoming: '↻',
  lost: '✕',
};

export function countByState(shards: readonly ShardView[]): Record<ShardState, number> {
  const counts: Record<ShardState, number> = { healthy: 0, underReplicated: 0, rehoming: 0, lost: 0 };
  for (const shard of shards) counts[shard.state]++;
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
