import { CORRUPT, latestVersion, type ShardDivergence } from './divergence';
import { keyHash } from './merkle';
import type { World } from '../sim/world';

/**
 * Invariants 9 and 11 of design recovery-repair.md §11.6, checked after every step:
 *
 * 9. After an anti-entropy session finishes, its participants' Merkle roots match over the repaired range: keys in its
 *    scope (incremental: written after the watermark it started from) and written no later than the watermark it
 *    started at (writes during the session are not its to cover).
 * 11. `repairedAt` only grows, and every key at or below it was identical on all live replicas when it was marked.
 *
 * Both are judged at the step the session finished (or marked) in: later writes and later corruption are allowed, and
 * are exactly what the next repair (a full one, for data marked repaired) must find. 🅂 Corrupt copies are left out of
 * both: bit rot can land between a session's comparison and its end (found by a full repair or a deep scrub).
 */
export function checkRepairInvariants(w: World, add: (invariant: string, detail: string) => void): void {
  for (const session of w.repair.sessions.values()) {
    if (session.machine.value !== 'finished' || session.endedAtEvent !== w.eventCount) continue;
    const shard = w.shards[session.shard];
    const div = w.divergence.byShard.get(session.shard);
    const after = session.scopeAfter;
    const roots = session.participants.map((r) => rootDelta(div, r, (latest) => (after === null || latest > after) && latest <= session.watermark));
    if (roots.some((x) => x !== roots[0]))
      add(
        'after an anti-entropy session finishes, its participants’ Merkle roots match over the repaired range',
        `${shard.id} (${session.id}): ${session.participants.map((r, i) => `${w.nodes[r].id} Δ ${roots[i].toString(16)}`).join(', ')}`,
      );
  }
  for (const [s, mark] of w.repair.marks) {
    const shard = w.shards[s];
    const at = w.repair.repairedAt.get(s);
    if (at === undefined || at !== mark.to || (mark.from !== null && mark.to < mark.from))
      add('repairedAt only grows', `${shard.id}: repaired up to ${at ?? 'nothing'}, marked from ${mark.from ?? 'nothing'} to ${mark.to}`);
    if (mark.atEvent !== w.eventCount) continue;
    const div = w.divergence.byShard.get(s);
    if (!div) continue;
    const live = [...div.stale.keys()].filter((r) => w.nodes[r].life.value === 'up');
    for (const r of live)
      for (const [key, held] of div.stale.get(r)!) {
        const latest = latestVersion(div, key);
        if (held === CORRUPT || latest > mark.to || (mark.mode === 'incremental' && mark.from !== null && latest <= mark.from)) continue;
        add(
          'every key at or below repairedAt was identical on all live replicas when it was marked',
          `${shard.id}: marked repaired up to ${mark.to}, but ${w.nodes[r].id} holds key ${key} at ${held} (latest ${latest})`,
        );
        return;
      }
  }
}

/** Δ of a replica's root over the keys whose latest write `inRange` accepts, corrupt copies left out. */
function rootDelta(div: ShardDivergence | undefined, replica: number, inRange: (latest: number) => boolean): number {
  let x = 0;
  for (const [key, held] of div?.stale.get(replica) ?? []) {
    const latest = latestVersion(div!, key);
    if (held === CORRUPT || !inRange(latest)) continue;
    x = (x ^ keyHash(key, held) ^ keyHash(key, latest)) >>> 0;
  }
  return x;
}
