/**
 * Key-level divergence between the replicas of one shard, stored sparsely (design recovery-repair.md §2, §7.2).
 *
 * Only keys some replica holds differently are stored: `latest` gives such a key's newest write, and each replica's
 * `stale` map gives the version it holds instead. A replica's version of key k is `stale.get(k) ?? latest(k)`, and a
 * key in neither map is held identically everywhere. Healthy shards have no `ShardDivergence` at all.
 *
 * A version is the `writeId` that last wrote the key (a per-shard sequence the engine assigns, standing for the write's
 * timestamp under last-writer-wins; design §2 🅂). Two special versions:
 * - `OLDER_AGREED` (0): an older version every replica agreed on before the key began to differ. Its exact writeId is
 *   not stored, which is what keeps healthy keys free; it is always older than any tracked write.
 * - `CORRUPT` (-1): the replica's bytes for the key no longer match their checksum (bit rot, `replica.corrupt`).
 *
 * Pure: no world, no trace. The simulation (sim/divergence-state.ts) keeps one of these per diverging shard.
 */

export const OLDER_AGREED = 0;
export const CORRUPT = -1;

/** A writeId (≥ 1), `OLDER_AGREED` or `CORRUPT`. */
export type HeldVersion = number;

export interface ShardDivergence {
  /** key → its newest writeId (truth), for keys at least one replica holds differently. */
  latest: Map<number, number>;
  /** replica (node index) → key → the version it holds instead of the latest. No empty inner maps are kept. */
  stale: Map<number, Map<number, HeldVersion>>;
}

export function newShardDivergence(): ShardDivergence {
  return { latest: new Map(), stale: new Map() };
}

export function isConverged(div: ShardDivergence): boolean {
  return div.stale.size === 0;
}

/** The newest version of `key`: its tracked writeId, or OLDER_AGREED when every replica holds the same one. */
export function latestVersion(div: ShardDivergence, key: number): number {
  return div.latest.get(key) ?? OLDER_AGREED;
}

/** The version `replica` holds of `key`. */
export function versionOf(div: ShardDivergence, replica: number, key: number): HeldVersion {
  const held = div.stale.get(replica)?.get(key);
  return held === undefined ? latestVersion(div, key) : held;
}

/** True when `replica` holds something other than the newest version of `key`. */
export function isStale(div: ShardDivergence, replica: number, key: number): boolean {
  return div.stale.get(replica)?.has(key) ?? false;
}

/** Keys `replica` holds differently (stale or corrupt). */
export function staleKeyCount(div: ShardDivergence, replica: number): number {
  return div.stale.get(replica)?.size ?? 0;
}

/** Σ over replicas of their stale keys: what `metrics.staleKeysTruth` adds up. */
export function totalStaleKeys(div: ShardDivergence): number {
  let n = 0;
  for (const keys of div.stale.values()) n += keys.size;
  return n;
}

/**
 * Write `writeId` to `key`: the replicas in `reached` now hold it, those in `missed` keep what they had.
 * Returns how the shard's stale-key count changed (for a running total).
 */
export function applyWrite(
  div: ShardDivergence,
  key: number,
  writeId: number,
  reached: readonly number[],
  missed: readonly number[],
): number {
  let delta = 0;
  if (missed.length > 0 || div.latest.has(key)) {
    const previous = latestVersion(div, key);
    for (const replica of missed) {
      let keys = div.stale.get(replica);
      if (keys === undefined) div.stale.set(replica, (keys = new Map()));
      // A replica that already lagged on this key keeps the (older) version it holds.
      if (!keys.has(key)) {
        keys.set(key, previous);
        delta++;
      }
    }
    div.latest.set(key, writeId);
  }
  for (const replica of reached) delta -= clearStale(div, replica, key);
  forgetIfAgreed(div, key);
  return delta;
}

/**
 * `replica` receives `version` of `key` (a hint, a read repair, a streamed range). Last writer wins: an older
 * version than the one held is not applied (returns 'superseded'), except over a corrupt copy, which any good
 * version replaces. Returns what happened and the change in stale keys.
 */
export function deliver(
  div: ShardDivergence,
  replica: number,
  key: number,
  version: number,
): { outcome: 'applied' | 'superseded'; delta: number } {
  // A replica that is not stale on the key holds its newest version, which is at least as new as any earlier write.
  const held = div.stale.get(replica)?.get(key);
  if (held === undefined || (held !== CORRUPT && held >= version)) return { outcome: 'superseded', delta: 0 };
  const newest = latestVersion(div, key);
  if (version >= newest) {
    const delta = -clearStale(div, replica, key);
    forgetIfAgreed(div, key);
    return { outcome: 'applied', delta };
  }
  // Newer than what it had, still older than the latest: it stays stale, holding this version.
  div.stale.get(replica)!.set(key, version);
  return { outcome: 'applied', delta: 0 };
}

/** Mark `keys` of `replica` corrupt (truth). Returns the change in stale keys. */
export function corruptKeys(div: ShardDivergence, replica: number, keys: readonly number[]): number {
  let delta = 0;
  let held = div.stale.get(replica);
  if (held === undefined) div.stale.set(replica, (held = new Map()));
  for (const key of keys) {
    if (!div.latest.has(key)) div.latest.set(key, OLDER_AGREED);
    if (!held.has(key)) delta++;
    held.set(key, CORRUPT);
  }
  return delta;
}

/**
 * A replica leaves the shard (dropped from placement, wiped): its stale keys go with it.
 * Returns the change in stale keys.
 */
export function dropReplica(div: ShardDivergence, replica: number): number {
  const keys = div.stale.get(replica);
  if (keys === undefined) return 0;
  div.stale.delete(replica);
  for (const key of keys.keys()) forgetIfAgreed(div, key);
  return -keys.size;
}

/**
 * A new replica is built by copying `source`: it holds exactly what the source holds, stale keys included
 * (a copy streams the source's data, not the truth). Corrupt keys are not copied as corrupt: a copy never uses a
 * corrupt source (invariant 8), so callers pick a clean one. Returns the change in stale keys.
 */
export function copyReplica(div: ShardDivergence, source: number, target: number): number {
  const removed = dropReplica(div, target);
  const keys = div.stale.get(source);
  if (keys === undefined || keys.size === 0) return removed;
  div.stale.set(target, new Map(keys));
  return removed + keys.size;
}

/** The keys where `a` and `b` hold different versions, ascending. */
export function differingKeys(div: ShardDivergence, a: number, b: number): number[] {
  const keys = new Set<number>();
  for (const key of div.stale.get(a)?.keys() ?? []) keys.add(key);
  for (const key of div.stale.get(b)?.keys() ?? []) keys.add(key);
  const out: number[] = [];
  for (const key of keys) if (versionOf(div, a, key) !== versionOf(div, b, key)) out.push(key);
  return out.sort((x, y) => x - y);
}

function clearStale(div: ShardDivergence, replica: number, key: number): number {
  const keys = div.stale.get(replica);
  if (keys === undefined || !keys.delete(key)) return 0;
  if (keys.size === 0) div.stale.delete(replica);
  return 1;
}

/** Once no replica holds `key` differently, it needs no tracking. */
function forgetIfAgreed(div: ShardDivergence, key: number): void {
  for (const keys of div.stale.values()) if (keys.has(key)) return;
  div.latest.delete(key);
}
