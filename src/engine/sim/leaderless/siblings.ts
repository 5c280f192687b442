import { isStale, latestVersion, versionOf, type ShardDivergence } from '../../model/divergence';
import { listSome, record, type NodeRow, type ShardRow, type World } from '../world';

/**
 * Version vectors (design recovery-repair.md §7.8, Dynamo's (node, counter) lists; `versioning: 'vectorClocks'`).
 * 🅂 Truth stays one writeId per replica and key (last writer wins decides what `latest` is); what vector clocks add
 * is the coordinator's knowledge of causality: a write whose coordinator reached no replica holding the key's newest
 * write did not descend from it — the two are concurrent, and both are kept as siblings for the client to merge.
 * A later write that saw the newest version (its context covers both) resolves them.
 */

/**
 * Before write `writeId` to `key` is applied: note a conflict, extend a branch, or resolve. Vector clocks only.
 * With siblings, each is a branch's newest version: a write whose reached replicas hold some branches descends from
 * those (they merge into it) and stays concurrent with the rest; one that holds every branch — or every branch no
 * replica holds any more — resolves them.
 */
export function noteWriteCausality(w: World, shard: ShardRow, key: number, writeId: number, reached: readonly number[], coordinator: NodeRow): void {
  if (w.params.versioning !== 'vectorClocks') return;
  const div = w.divergence.byShard.get(shard.index);
  const known = w.leaderless.siblings.get(shard.index);
  const branches = known?.get(key);
  if (branches && div) {
    const holders = shard.replicas.filter((r) => w.nodes[r].disk.has(shard.index));
    const seen = (v: number): boolean =>
      reached.some((r) => versionOf(div, r, key) === v) || !holders.some((r) => versionOf(div, r, key) === v);
    const rest = branches.filter((v) => !seen(v));
    if (rest.length === 0) {
      known!.delete(key);
      if (known!.size === 0) w.leaderless.siblings.delete(shard.index);
    } else known!.set(key, [...rest, writeId]);
    return;
  }
  if (branches) {
    known!.delete(key);
    if (known!.size === 0) w.leaderless.siblings.delete(shard.index);
    return;
  }
  const prior = div ? latestVersion(div, key) : 0;
  const concurrent = div !== undefined && prior > 0 && reached.length > 0 && reached.every((r) => isStale(div, r, key) && heldBelow(div, r, key, prior));
  if (!concurrent) return;
  let bySibling = known;
  if (!bySibling) w.leaderless.siblings.set(shard.index, (bySibling = new Map()));
  bySibling.set(key, [prior, writeId]);
  record(
    w,
    coordinator.id,
    'write.concurrent',
    `Write ${writeId} to key ${key} of ${shard.id} does not descend from write ${prior}: none of the replicas ${coordinator.id} reached ` +
      `(${listSome(reached.map((r) => w.nodes[r].id))}) held it, so their vector clocks are concurrent and both are kept as siblings.`,
    'detail',
    { shard: shard.id, key, writeId, concurrentWith: prior },
  );
}

function heldBelow(div: ShardDivergence, replica: number, key: number, version: number): boolean {
  const held = versionOf(div, replica, key);
  return held < version;
}

/** A read of `key`: with siblings, the coordinator returns every version (`read.siblings`); returns whether it did. */
export function answerSiblings(w: World, shard: ShardRow, key: number, coordinator: NodeRow): boolean {
  if (w.params.versioning !== 'vectorClocks') return false;
  const versions = w.leaderless.siblings.get(shard.index)?.get(key);
  if (!versions || versions.length < 2) return false;
  const newest = Math.max(...versions);
  record(
    w,
    coordinator.id,
    'read.siblings',
    `A read of key ${key} of ${shard.id} gets ${versions.length} sibling versions (writes ${versions.join(', ')}): their vector clocks are concurrent, ` +
      `so neither wins; the client must merge them and write the result back. Last-writer-wins would have kept write ${newest} and silently dropped the rest.`,
    'info',
    { shard: shard.id, key, versions: [...versions] },
  );
  return true;
}
