import { deliver, isStale, latestVersion, versionOf } from '../model/divergence';
import { forgetLostWrite } from './divergence-lost';
import type { SimParams } from '../types';
import type { HintEntry, HintQueue } from './hint-state';
import { fmtMs, formatBytes, isUp, listSome, record, schedule, unschedule, type NodeRow, type World } from './world';

/**
 * Hinted handoff (design recovery-repair.md §7.6, Cassandra's hints, Dynamo's stand-ins): a coordinator keeps a hint
 * for a replica that missed a write, within the hint window counted from when it first found the replica silent;
 * it hands the hints over in one batch per (coordinator, target) once the target is seen alive again, at the
 * throttled rate; each is applied at most once (last writer wins: an older one is superseded); a coordinator that
 * crashes loses them. No per-shard or per-hint timers (§13): one delivery event per pair.
 */

/** §15: hint delivery time = bytes / (throttle × threads / (nodes − 1)). 300 KiB at 1 MiB × 2 / 5 ≈ 0.73 s. */
export function hintDeliveryMs(bytes: number, p: Pick<SimParams, 'hintDeliveryBytesPerSec' | 'maxHintsDeliveryThreads'>, nodes: number): number {
  const rate = (p.hintDeliveryBytesPerSec * p.maxHintsDeliveryThreads) / Math.max(1, nodes - 1);
  return rate > 0 ? (bytes / rate) * 1000 : 0;
}

/** §15: over an outage of `downMs` at `perSec` writes to the replica, λ·min(T, W) are hinted and λ·max(0, T − W) are not. */
export function hintsForOutage(perSec: number, downMs: number, windowMs: number): { hinted: number; unhinted: number } {
  return { hinted: (perSec * Math.min(downMs, windowMs)) / 1000, unhinted: (perSec * Math.max(0, downMs - windowMs)) / 1000 };
}

/** Bytes of one hint: the write it carries (a row is walWriteBytes). */
function hintBytes(w: World): number {
  return w.params.walWriteBytes;
}

/** Would a hint for `target` be kept now (no side effects)? A replica not yet known silent opens its window now. */
export function inHintWindow(w: World, target: NodeRow): boolean {
  const outage = w.hints.outages.get(target.index);
  return !outage || w.nowMs - outage.sinceMs < w.params.maxHintWindowMs;
}

/**
 * `target` missed a write: is it still inside its hint window? Opens the outage on its first miss (the coordinator's
 * belief of when it went silent). When the window has passed, counts the write as unhinted and says so once per outage.
 */
export function hintWindowOpen(w: World, target: NodeRow): boolean {
  let outage = w.hints.outages.get(target.index);
  if (!outage) w.hints.outages.set(target.index, (outage = { sinceMs: w.nowMs, expiredTold: false }));
  // "After it has been dead this long, new hints for it will not be created" (Cassandra max_hint_window).
  if (w.nowMs - outage.sinceMs < w.params.maxHintWindowMs) return true;
  w.divergence.counters.hintsExpired++;
  if (!outage.expiredTold) {
    outage.expiredTold = true;
    record(
      w,
      target.id,
      'hint.windowExpired',
      // A running replica cut off from its coordinator is silent to it, not down.
      `${target.id} has been ${isUp(target) ? "out of its coordinator's reach for" : 'down'} ${fmtMs(w.nowMs - outage.sinceMs)}, longer than the ${fmtMs(w.params.maxHintWindowMs)} hint window: ` +
        `writes it misses from now on are not hinted; only repair will bring them.`,
      'warn',
      { node: target.id, downMs: w.nowMs - outage.sinceMs },
    );
  }
  return false;
}

/** `holder` (the coordinator, or a sloppy-quorum stand-in) keeps a hint of write `writeId` to `key` for `target`. */
export function storeHint(w: World, holder: NodeRow, target: NodeRow, shard: number, key: number, writeId: number): void {
  const outage = w.hints.outages.get(target.index);
  if (outage && w.nowMs - outage.sinceMs >= w.params.maxHintWindowMs) w.hints.storedPastWindow++;
  let queues = w.hints.byCoordinator.get(holder.index);
  if (!queues) w.hints.byCoordinator.set(holder.index, (queues = new Map()));
  let queue = queues.get(target.index);
  if (!queue) queues.set(target.index, (queue = { count: 0, bytes: 0, oldestMs: w.nowMs, entries: [] }));
  queue.entries.push({ shard, key, writeId, atMs: w.nowMs });
  queue.count++;
  queue.bytes += hintBytes(w);
  const c = w.divergence.counters;
  c.hintsStored++;
  c.hintsPending++;
  // A hint is how the cluster knows the target is stale on that key (belief, design §7.2).
  w.leaderless.knownStale.add(shard, target.index, key);
  c.staleKeysKnown = w.leaderless.knownStale.size;
  record(
    w,
    holder.id,
    'hint.stored',
    `${holder.id} keeps a hint for ${target.id}: write ${writeId} to key ${key} of ${w.shards[shard].id} (${queue.count} hint(s) for ${target.id} now).`,
    'detail',
    { node: holder.id, target: target.id, shard: w.shards[shard].id, key, writeId },
  );
}

/** cp heard a heartbeat `node` sent at `sentAtMs`: if it speaks after its outage began, it is seen alive. Cheap when idle. */
export function noteHeardFrom(w: World, node: NodeRow, sentAtMs: number): void {
  if (w.hints.outages.size === 0 && w.hints.byCoordinator.size === 0) return;
  const outage = w.hints.outages.get(node.index);
  if (outage ? sentAtMs >= outage.sinceMs : hasHintsFor(w, node.index)) onSeenAlive(w, node);
}

export function hasHintsFor(w: World, target: number): boolean {
  for (const queues of w.hints.byCoordinator.values()) if (queues.has(target)) return true;
  return false;
}

/**
 * cp heard from `target` (its heartbeat arrived): it is seen alive. Every coordinator holding hints for it that
 * reaches it starts a delivery batch; its outage ends (a later one opens a new window) unless one of them still
 * cannot reach it.
 */
export function onSeenAlive(w: World, target: NodeRow): void {
  // Seen alive by whom: a node that keeps hints for it and still cannot reach it (a cut link, though cp hears the
  // target) still finds it silent, so the outage, and its hint window, go on (design §7.6).
  let unreached = false;
  for (const [c, queues] of w.hints.byCoordinator) {
    const queue = queues.get(target.index);
    if (!queue) continue;
    const holder = w.nodes[c];
    if (isUp(holder) && !w.network.connected(holder.id, target.id)) unreached = true;
    scheduleDelivery(w, holder, target, queue);
  }
  if (!unreached) w.hints.outages.delete(target.index);
}

function scheduleDelivery(w: World, holder: NodeRow, target: NodeRow, queue: HintQueue): void {
  const key = `${holder.index}>${target.index}`;
  if (w.hints.deliveries.has(key) || !isUp(holder) || !w.network.connected(holder.id, target.id)) return;
  const due = w.nowMs + hintDeliveryMs(queue.bytes, w.params, w.nodes.length) + w.network.latencyMs(holder.id, target.id);
  w.hints.deliveries.set(key, schedule(w, due, { type: 'hints.deliver', coordinator: holder.index, target: target.index }));
}

/** A delivery batch's time is up: every hint the holder keeps for the target is applied (or found superseded). */
export function onHintsDeliver(w: World, holderIndex: number, targetIndex: number): boolean {
  w.hints.deliveries.delete(`${holderIndex}>${targetIndex}`);
  const holder = w.nodes[holderIndex];
  const target = w.nodes[targetIndex];
  const queues = w.hints.byCoordinator.get(holderIndex);
  const queue = queues?.get(targetIndex);
  // The holder crashed (its hints went with it) or the pair cannot talk: the next sign of life retries.
  if (!queues || !queue || !isUp(holder) || !isUp(target) || !w.network.connected(holder.id, target.id)) return false;
  queues.delete(targetIndex);
  if (queues.size === 0) w.hints.byCoordinator.delete(holderIndex);
  const c = w.divergence.counters;
  c.hintsPending -= queue.count;
  let applied = 0;
  let discarded = 0;
  const superseded: HintEntry[] = [];
  const lostHere: string[] = [];
  for (const hint of queue.entries) {
    const shard = w.shards[hint.shard];
    w.leaderless.knownStale.delete(hint.shard, targetIndex, hint.key);
    // The target no longer holds the shard (re-homed or wiped): the hint has nowhere to go, and if it was the write's
    // last copy the write is lost (recorded). A copy still on its disk takes the hint even while the router has not
    // listed it again (back from a crash, rejoining): dropping it there lost writes only stand-ins held (sweep, Dynamo).
    if (!target.disk.has(hint.shard)) {
      discarded++;
      if (loseIfOnlyHint(w, hint)) lostHere.push(`write ${hint.writeId} of ${shard.id}`);
      continue;
    }
    const div = w.divergence.byShard.get(hint.shard);
    const outcome = div ? deliver(div, targetIndex, hint.key, hint.writeId) : { outcome: 'superseded' as const, delta: 0 };
    w.divergence.staleKeysTruth += outcome.delta;
    if (div && div.stale.size === 0) w.divergence.byShard.delete(hint.shard);
    if (outcome.outcome === 'applied') applied++;
    else superseded.push(hint);
  }
  w.hints.discarded += discarded;
  c.hintsDelivered += applied + superseded.length;
  c.staleKeysKnown = w.leaderless.knownStale.size;
  const ms = hintDeliveryMs(queue.bytes, w.params, w.nodes.length);
  record(
    w,
    holder.id,
    'hint.delivered',
    `${holder.id} hands ${queue.count} hint(s) (${formatBytes(queue.bytes)}) to ${target.id} in ${fmtMs(ms)} ` +
      `(${formatBytes(w.params.hintDeliveryBytesPerSec)}/s × ${w.params.maxHintsDeliveryThreads} thread(s) shared by ${w.nodes.length - 1} nodes): ` +
      `${applied} applied` +
      (superseded.length > 0 ? `, ${superseded.length} older than what ${target.id} already holds` : '') +
      (discarded > 0 ? `, ${discarded} for shards ${target.id} no longer holds` : '') +
      '.' +
      (lostHere.length > 0 ? ` ${listSome(lostHere)} existed only as a hint: lost for good.` : ''),
    lostHere.length > 0 ? 'alert' : 'info',
    { node: holder.id, target: target.id, hints: queue.count, applied, superseded: superseded.length, discarded, bytes: queue.bytes, ms },
  );
  if (superseded.length > 0) {
    const first = superseded[0];
    const div = w.divergence.byShard.get(first.shard);
    const held = div ? versionOf(div, targetIndex, first.key) : 0;
    record(
      w,
      target.id,
      'hint.superseded',
      `${superseded.length} hint(s) from ${holder.id} were not applied: ${target.id} already held a newer version ` +
        `(key ${first.key} of ${w.shards[first.shard].id}: hint carries write ${first.writeId}, ${target.id} holds ${held > 0 ? `write ${held}` : 'a newer one'}). ` +
        'A hint is applied at most once, and never over a newer write.',
      'detail',
      { node: target.id, from: holder.id, count: superseded.length },
    );
  }
  return true;
}

/**
 * `node` crashed: the hints it kept are gone ("best effort" made visible). A write held only as a hint — no replica
 * took it (CL ANY with every replica down, or a sloppy stand-in) — is lost with them.
 */
export function loseHintsOf(w: World, node: NodeRow): void {
  const queues = w.hints.byCoordinator.get(node.index);
  if (!queues) return;
  w.hints.byCoordinator.delete(node.index);
  let count = 0;
  const targets: string[] = [];
  const lostWrites: string[] = [];
  for (const [t, queue] of queues) {
    unschedule(w, w.hints.deliveries.get(`${node.index}>${t}`));
    w.hints.deliveries.delete(`${node.index}>${t}`);
    count += queue.count;
    targets.push(w.nodes[t].id);
    for (const hint of queue.entries) if (loseIfOnlyHint(w, hint)) lostWrites.push(`write ${hint.writeId} of ${w.shards[hint.shard].id}`);
  }
  const c = w.divergence.counters;
  c.hintsLost += count;
  c.hintsPending -= count;
  record(
    w,
    node.id,
    'hint.lost',
    `${node.id} crashed holding ${count} hint(s) for ${listSome(targets)}: they are gone (hints are best effort); ` +
      'only read repair or anti-entropy repair will bring those writes back.' +
      (lostWrites.length > 0 ? ` ${listSome(lostWrites)} existed only as a hint: lost for good.` : ''),
    lostWrites.length > 0 ? 'alert' : 'warn',
    { node: node.id, hints: count, writesLost: lostWrites.length },
  );
}

/**
 * The hint's write is gone if no replica of the shard holds it: then the key's newest version is what the replicas
 * still hold, and the write is recorded in LostWrites. Returns whether it was lost.
 */
function loseIfOnlyHint(w: World, hint: HintEntry): boolean {
  const div = w.divergence.byShard.get(hint.shard);
  if (!div || latestVersion(div, hint.key) !== hint.writeId) return false;
  const shard = w.shards[hint.shard];
  const holders = shard.replicas.filter((r) => w.nodes[r].disk.has(hint.shard));
  if (holders.some((r) => !isStale(div, r, hint.key))) return false;
  // A sloppy quorum leaves one hint per missed replica: the write lives on while another of them is pending.
  if (anotherHintCarries(w, hint)) return false;
  w.divergence.staleKeysTruth += forgetLostWrite(div, hint.key, holders);
  if (div.stale.size === 0) w.divergence.byShard.delete(hint.shard);
  w.workload.writesLost++;
  w.workload.lostWrites.push({ shard: shard.id, firstLsn: hint.writeId, lastLsn: hint.writeId, count: 1, atMs: w.nowMs, cause: 'held only as a hint' });
  return true;
}

function anotherHintCarries(w: World, hint: HintEntry): boolean {
  for (const queues of w.hints.byCoordinator.values())
    for (const queue of queues.values())
      for (const other of queue.entries) if (other !== hint && other.shard === hint.shard && other.key === hint.key && other.writeId === hint.writeId) return true;
  return false;
}

/** Invariant 10 (design §11.6): hints are applied at most once and never created past the hint window. */
export function checkHintInvariants(w: World, add: (invariant: string, detail: string) => void): void {
  const h = w.hints;
  const c = w.divergence.counters;
  const name = 'hints are applied at most once and never created past the hint window';
  if (h.storedPastWindow > 0) add(name, `${h.storedPastWindow} hint(s) were stored after their target's hint window had passed`);
  if (h.appliedTwice > 0) add(name, `${h.appliedTwice} hint(s) were applied twice`);
  let pending = 0;
  for (const queues of h.byCoordinator.values()) for (const q of queues.values()) pending += q.count;
  if (pending !== c.hintsPending) add(name, `${pending} hint(s) are queued but hintsPending says ${c.hintsPending}`);
  if (c.hintsStored !== c.hintsDelivered + c.hintsLost + c.hintsPending + h.discarded)
    add(
      name,
      `hints stored ${c.hintsStored} ≠ delivered ${c.hintsDelivered} + lost ${c.hintsLost} + pending ${c.hintsPending} + discarded ${h.discarded}: a hint was counted twice or vanished`,
    );
}
