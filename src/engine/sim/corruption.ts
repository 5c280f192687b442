import { forgetReplicaKeys, plantCorruptKeys, rewriteCorruptKeys } from './divergence-rehome';
import { MAX_CORRUPT_KEYS } from '../input-limits';
import type { Command } from '../types';
import { deleteCorruptCopiesAtRf, noteCopyRead } from './corrupt-copies';
import {
  clearCorruption,
  corruptionAt,
  knownCorruptionAt,
  type CorruptionKind,
  type DetectedBy,
  type KnownCorruption,
} from './corruption-state';
import { activeCount, failJob, pumpCopies, replanWaitingShards } from './migrator';
import { sendNodeEvent } from './node-lifecycle';
import { historyHeld, refreshShard } from './quorum';
import { sendShardEvent } from './shard-events';
import { fmtMs, formatBytes, isUp, listSome, record, schedule, setReplicas, setWaiting, type NodeRow, type ShardRow, type World } from './world';

/**
 * Corruption (design recovery-repair.md §6): planted as truth (`replica.corrupt`, `disk.corrupt`), found by a
 * detector (a read's checksum, a copy's, a scrub, a restart's verify), and answered the way the profile's system
 * answers (`corruptionResponse`). cp acts only on what a detector told it.
 */

/** Ceph repairs automatically only when a scrub found at most this many damaged objects (osd_scrub_auto_repair_num_errors). */
export const AUTO_REPAIR_MAX_ERRORS = 5;

const FOUND_BY: Record<DetectedBy, string> = {
  read: 'a client read failed its checksum and was retried on another replica',
  copy: 'a copy streaming from it failed its checksums',
  lightScrub: 'a light scrub found its size and object count wrong',
  deepScrub: 'a deep scrub read it and its data checksums did not match',
  verify: 'its own checks on restart found it',
  repair: "a repair's scrub found it",
};

// ------------------------------------------------------------ commands

function shardNamed(w: World, id: string): ShardRow | undefined {
  return w.shards.find((s) => s.id === id);
}

function unknownShard(w: World, type: string, id: string): string {
  return `${type}: unknown shard "${id}" (this cluster has ${w.shards[0].id}…${w.shards[w.shards.length - 1].id})`;
}

/** Why a corruption command cannot apply now, or null. */
export function corruptionProblem(w: World, command: Command): string | null {
  switch (command.type) {
    case 'replica.corrupt': {
      const shard = shardNamed(w, command.shard);
      if (!shard) return unknownShard(w, command.type, command.shard);
      const node = w.nodes[w.nodeIndexById.get(command.node)!];
      if (!node.disk.has(shard.index)) {
        const holders = w.nodes.filter((n) => n.disk.has(shard.index)).map((n) => n.id);
        return `replica.corrupt: ${node.id} does not hold ${shard.id} (${holders.length > 0 ? `its copies are on ${listSome(holders)}` : 'no disk holds it'})`;
      }
      return null;
    }
    case 'scrub.run':
      return shardNamed(w, command.shard) ? null : unknownShard(w, command.type, command.shard);
    case 'shard.repair': {
      const shard = shardNamed(w, command.shard);
      if (!shard) return unknownShard(w, command.type, command.shard);
      if (!w.corruption.inconsistent.has(shard.index))
        return `shard.repair: ${shard.id} is not inconsistent, so there is nothing to repair (ceph pg repair works on a PG a scrub flagged inconsistent)`;
      if (goodCopyOf(w, shard) === null) return `shard.repair: no replica of ${shard.id} on a running node is free of corruption to repair from`;
      return null;
    }
    default:
      return null;
  }
}

export function applyCorruptionCommand(w: World, command: Command): void {
  switch (command.type) {
    case 'replica.corrupt': {
      const node = w.nodes[w.nodeIndexById.get(command.node)!];
      const shard = shardNamed(w, command.shard)!;
      corruptReplica(w, node, shard, command.keys ?? 1);
      record(
        w,
        node.id,
        'replica.corrupted',
        `Bit rot: ${command.keys ?? 1} key(s) of ${node.id}'s copy of ${shard.id} now hold garbage, so its checksums no longer match. ` +
          'cp does not know: it learns only when a read, a copy, a scrub or a restart check reads those bytes.',
        'warn',
        { node: node.id, shard: shard.id, keys: command.keys ?? 1 },
      );
      return;
    }
    case 'disk.corrupt':
      corruptDisk(w, w.nodes[w.nodeIndexById.get(command.node)!], command.fraction);
      return;
    case 'shard.repair':
      repairShard(w, shardNamed(w, command.shard)!, 'operator');
      return;
    default:
      return;
  }
}

/**
 * Truth only: the replica's data no longer matches its checksums. Also the door for other corruption (a torn page
 * after a power loss without full-page writes: `kind` 'tornPage'). A copy streaming from it now reads bad bytes.
 */
export function corruptReplica(w: World, node: NodeRow, shard: ShardRow, keys: number, kind: CorruptionKind = 'bitRot'): void {
  let onNode = w.corruption.truth.get(node.index);
  if (!onNode) w.corruption.truth.set(node.index, (onNode = new Map()));
  const before = onNode.get(shard.index);
  onNode.set(shard.index, {
    keys: Math.min(MAX_CORRUPT_KEYS, (before?.keys ?? 0) + keys),
    kind: before?.kind === 'tornPage' ? 'tornPage' : kind,
    atMs: before?.atMs ?? w.nowMs,
  });
  // Leaderless: the rotten keys are named, so reads, digests and Merkle trees can find them (divergence-rehome.ts).
  if (w.params.replication === 'leaderless') plantCorruptKeys(w, node.index, shard.index, keys);
  for (const job of w.migrator.jobs.values())
    if (job.shard === shard.index && job.source === node.index && job.phase === 'snapshot') noteCopyRead(w, node.index, shard.index);
}

/** A failing disk: round(fraction × replicas) of them (at least one), drawn from `disk:<node>:corrupt`, one bad key each. */
function corruptDisk(w: World, node: NodeRow, fraction: number): void {
  const held = [...node.disk.keys()].sort((a, b) => a - b);
  const count = held.length === 0 ? 0 : Math.min(held.length, Math.max(1, Math.round(fraction * held.length)));
  const stream = w.random.get(`disk:${node.id}:corrupt`);
  // A partial Fisher–Yates shuffle: the first `count` of the node's replicas in a seeded order.
  for (let i = 0; i < count; i++) {
    const j = i + stream.int(held.length - i);
    [held[i], held[j]] = [held[j], held[i]];
  }
  const hit = held.slice(0, count).sort((a, b) => a - b);
  for (const s of hit) corruptReplica(w, node, w.shards[s], 1);
  record(
    w,
    node.id,
    'disk.corrupted',
    count === 0
      ? `${node.id}'s disk is failing, but it holds no replica to damage.`
      : `${node.id}'s disk is failing: ${count} of its ${held.length} replica(s) now have a corrupt key ` +
          `(${listSome(hit.map((s) => w.shards[s].id))}). cp does not know yet.`,
    'warn',
    { node: node.id, replicas: hit.map((s) => w.shards[s].id) },
  );
}

// ------------------------------------------------------------ detection

/**
 * A detector found the replica corrupt: cp knows from now on, and answers per `corruptionResponse`. Returns false
 * when there was nothing new to find (not corrupt, or already known).
 */
export function detectCorruption(w: World, nodeIndex: number, shardIndex: number, by: DetectedBy): boolean {
  const truth = corruptionAt(w.corruption, nodeIndex, shardIndex);
  if (!truth || knownCorruptionAt(w.corruption, nodeIndex, shardIndex)) return false;
  const node = w.nodes[nodeIndex];
  const shard = w.shards[shardIndex];
  const delayMs = w.nowMs - truth.atMs;
  w.corruption.lastDetectionDelayMs = delayMs;
  const entry: KnownCorruption = { atMs: w.nowMs, by, response: 'kept', note: '' };
  let onNode = w.corruption.known.get(nodeIndex);
  if (!onNode) w.corruption.known.set(nodeIndex, (onNode = new Map()));
  onNode.set(shardIndex, entry);
  record(
    w,
    node.id,
    'replica.corruptDetected',
    `${node.id}'s copy of ${shard.id} is corrupt: ${FOUND_BY[by]} (${truth.keys} bad key(s); it had been corrupt for ${fmtMs(delayMs)}).`,
    'alert',
    { node: node.id, shard: shard.id, by, keys: truth.keys, delayMs },
  );
  respond(w, node, shard, entry, by);
  return true;
}

/** `checksumOnRead`: a read of this replica checks what it reads; a corrupt one fails (and becomes known). */
export function readFailsChecksum(w: World, node: NodeRow, shard: ShardRow): boolean {
  if (!w.params.checksumOnRead || !corruptionAt(w.corruption, node.index, shard.index)) return false;
  detectCorruption(w, node.index, shard.index, 'read');
  return true;
}

/**
 * A read whose copy failed its checksum is retried on the freshest other replica the router reaches (HDFS's client
 * moves to the next DataNode). Up to date only if the read went to the primary (which may have stepped down on
 * finding its copy corrupt) and the retry holds every acknowledged write.
 */
export function retryReadElsewhere(w: World, shard: ShardRow, failed: NodeRow, toPrimary: boolean): true {
  const tried = new Set([failed.index]);
  for (;;) {
    let best: NodeRow | null = null;
    for (const r of [...shard.replicas, ...shard.voters]) {
      const node = w.nodes[r];
      const lsn = node.disk.get(shard.index);
      if (tried.has(r) || lsn === undefined || !isUp(node) || !w.network.connected('cp', node.id) || shard.divergent?.has(r)) continue;
      if (knownCorruptionAt(w.corruption, r, shard.index)) continue;
      if (!best || lsn > (best.disk.get(shard.index) ?? 0)) best = node;
    }
    if (!best) {
      w.workload.readsFailed++;
      record(w, shard.id, 'read.failed', `A read of ${shard.id} fails: ${failed.id}'s copy failed its checksum and no other replica the router reaches can answer.`, 'detail', { shard: shard.id });
      return true;
    }
    tried.add(best.index);
    if (readFailsChecksum(w, best, shard)) continue;
    const lsn = best.disk.get(shard.index) ?? 0;
    const fresh = toPrimary && lsn === shard.lsn;
    if (fresh) w.workload.readsFresh++;
    else w.workload.readsStale++;
    record(
      w,
      shard.id,
      fresh ? 'read.fresh' : 'read.stale',
      `A read of ${shard.id} failed its checksum on ${failed.id} and is retried on ${best.id}` +
        (fresh ? ', which is up to date.' : `, which answers with possibly outdated data (${Math.max(0, shard.lsn - lsn)} acknowledged write(s) behind).`),
      'detail',
      { shard: shard.id, node: best.id, retriedFrom: failed.id },
    );
    return true;
  }
}

/** A copy stream read its corrupt source (put on the clock by corrupt-copies.ts): the copy fails and tries another source. */
export function onCopyRead(w: World, nodeIndex: number, shardIndex: number): boolean {
  w.corruption.copyReadsPending.delete(`${nodeIndex}:${shardIndex}`);
  detectCorruption(w, nodeIndex, shardIndex, 'copy');
  const node = w.nodes[nodeIndex];
  for (const job of [...w.migrator.jobs.values()])
    if (job.shard === shardIndex && job.source === nodeIndex && job.phase === 'snapshot')
      failJob(w, job, `its source ${node.id}'s copy of ${w.shards[shardIndex].id} failed its checksums`, 'source');
  pumpCopies(w);
  return true;
}

/**
 * `verifyOnRestart` (design §5.1), for the `verifying` phase: `metadata` checks each replica's header checksum (cost
 * ~0; finds torn pages, not bit rot); `full` reads every replica at scrubBytesPerSec and finds both.
 */
export function planRestartVerify(w: World, node: NodeRow): { mode: World['params']['verifyOnRestart']; bytes: number; ms: number } {
  const mode = w.params.verifyOnRestart;
  const bytes = mode === 'full' ? node.disk.size * w.shardSizeBytes : 0;
  return { mode, bytes, ms: (bytes / w.params.scrubBytesPerSec) * 1000 };
}

export interface RestartVerifyReport {
  mode: World['params']['verifyOnRestart'];
  bytes: number;
  ms: number;
  /** Shards whose replica here it found corrupt. */
  found: string[];
  /** One sentence for the trace. */
  summary: string;
}

/** Runs the restart check (call it when the verifying phase ends: after `planRestartVerify(w, node).ms`). */
export function verifyReplicasOnRestart(w: World, node: NodeRow): RestartVerifyReport {
  const plan = planRestartVerify(w, node);
  const found: string[] = [];
  if (plan.mode !== 'none') {
    const shards = [...node.disk.keys()].sort((a, b) => a - b);
    w.corruption.scrubBytes += plan.bytes;
    for (const s of shards) {
      const c = corruptionAt(w.corruption, node.index, s);
      if (c && (plan.mode === 'full' || c.kind === 'tornPage') && !knownCorruptionAt(w.corruption, node.index, s)) {
        found.push(w.shards[s].id);
        detectCorruption(w, node.index, s, 'verify');
      }
    }
  }
  const summary =
    plan.mode === 'none'
      ? `${node.id} checks nothing before serving (verifyOnRestart none).`
      : plan.mode === 'metadata'
        ? `${node.id} checked each replica's header checksum: ${found.length === 0 ? 'all match' : `${listSome(found)} failed`} (bit rot inside the data passes this check).`
        : `${node.id} read all its replicas (${formatBytes(plan.bytes)} in ${fmtMs(plan.ms)}): ${found.length === 0 ? 'no corruption' : `${listSome(found)} corrupt`}.`;
  return { ...plan, found, summary };
}

// ------------------------------------------------------------ response (§6.3)

function respond(w: World, node: NodeRow, shard: ShardRow, entry: KnownCorruption, by: DetectedBy): void {
  switch (w.params.corruptionResponse) {
    case 'reReplicate':
      removeCorruptCopy(w, node, shard, entry);
      return;
    case 'markInconsistent':
      markInconsistent(w, node, shard, entry, by);
      return;
    case 'fatal':
      removeCorruptCopy(w, node, shard, entry);
      // Found by its own restart check: it finishes starting first (its restart says so), then stops, at once.
      if (by === 'verify' || !isUp(node)) schedule(w, w.nowMs, { type: 'corruption.stopNode', node: node.index, shard: shard.index });
      else stopNode(w, node, shard);
      return;
  }
}

/** A copy that is not known corrupt and holds every acknowledged write, on a disk that still exists. */
function hasGoodCopyElsewhere(w: World, node: NodeRow, shard: ShardRow): boolean {
  return w.nodes.some(
    (o) =>
      o !== node &&
      o.life.value !== 'destroyed' &&
      !knownCorruptionAt(w.corruption, o.index, shard.index) &&
      (historyHeld(w, shard, o.index) ?? -1) >= shard.lsn,
  );
}

/**
 * reReplicate (HDFS, ZeptoDB): the router drops the corrupt replica (reason corrupt) and the shard is re-homed
 * through the usual queue; the copy itself leaves the disk map (it serves, votes and sources nothing) but is deleted
 * only once the shard is back at RF. Kept in placement when no good copy holds every acknowledged write.
 */
function removeCorruptCopy(w: World, node: NodeRow, shard: ShardRow, entry: KnownCorruption): void {
  const lsn = node.disk.get(shard.index);
  // No copy on its disk any more (dropped meanwhile): nothing is left to answer.
  if (lsn === undefined) {
    clearCorruption(w.corruption, node.index, shard.index);
    return;
  }
  if (!hasGoodCopyElsewhere(w, node, shard)) {
    entry.note = `it is the only copy holding every acknowledged write of ${shard.id} (up to LSN ${shard.lsn}), so it stays until a good copy exists (HDFS too keeps a corrupt replica then)`;
    record(w, 'cp', 'replica.corruptKept', `cp keeps ${node.id}'s corrupt copy of ${shard.id}: ${entry.note}.`, 'warn', {
      shard: shard.id,
      node: node.id,
    });
    return;
  }
  entry.response = 'removed';
  node.disk.delete(shard.index);
  // No longer an owner of the shard: its keys (leaderless) leave the divergence record (divergence-rehome.ts).
  forgetReplicaKeys(w, shard.index, node.index);
  let held = w.corruption.quarantined.get(shard.index);
  if (!held) w.corruption.quarantined.set(shard.index, (held = new Map()));
  held.set(node.index, lsn);
  const listed = shard.replicas.includes(node.index);
  setReplicas(shard, shard.replicas.filter((r) => r !== node.index));
  node.placed.delete(shard.index);
  w.nodesVersion++;
  for (const job of [...w.migrator.jobs.values()])
    if (job.shard === shard.index && job.source === node.index && job.phase === 'snapshot')
      failJob(w, job, `its source ${node.id}'s copy is corrupt`, 'source');
  record(
    w,
    'cp',
    'replica.removed',
    `The router drops ${node.id}'s copy of ${shard.id} (reason: corrupt): ${shard.replicas.length} of ${w.replicationFactor} replicas left. ` +
      `The bad copy serves, votes and sends nothing now; it stays on ${node.id}'s disk until ${shard.id} is back at ${w.replicationFactor}.`,
    'warn',
    { shard: shard.id, node: node.id, reason: 'corrupt' },
  );
  if (listed) sendShardEvent(w, shard, { type: 'replica.removed', copies: shard.replicas.length, copying: activeCount(w, shard) });
  refreshShard(w, shard);
  if (shard.replicas.length >= w.replicationFactor) {
    deleteCorruptCopiesAtRf(w, shard);
    return;
  }
  if (shard.machine !== null && shard.jobs.length === 0)
    setWaiting(
      shard,
      'needsPlan',
      w.failover.autoReReplicate ? `${node.id}'s copy was corrupt; a new replica is planned` : `${node.id}'s copy was corrupt, and automatic re-replication is off`,
    );
  replanWaitingShards(w, `${node.id}'s copy of ${shard.id} is corrupt`);
}

/** Sum of bad keys over the shard's known-corrupt replicas: Ceph's "errors" of the scrub. */
function knownErrors(w: World, shard: ShardRow): number {
  let errors = 0;
  for (const [node, known] of w.corruption.known) if (known.has(shard.index)) errors += corruptionAt(w.corruption, node, shard.index)?.keys ?? 0;
  return errors;
}

/** markInconsistent (Ceph): the shard is flagged; writes go on; `shard.repair` (or scrubAutoRepair) fixes it. */
function markInconsistent(w: World, node: NodeRow, shard: ShardRow, entry: KnownCorruption, by: DetectedBy): void {
  entry.response = 'inconsistent';
  // A corrupt primary steps down (quorum/refresh.ts); the copy stays, writes go on under another.
  if (shard.primary === node.index) refreshShard(w, shard);
  const errors = knownErrors(w, shard);
  const auto = w.params.scrubAutoRepair && (by === 'deepScrub' || by === 'lightScrub');
  if (!w.corruption.inconsistent.has(shard.index)) {
    w.corruption.inconsistent.set(shard.index, w.nowMs);
    record(
      w,
      shard.id,
      'shard.inconsistent',
      `${shard.id} is inconsistent (Ceph's PG state): ${node.id}'s copy fails its checksums. Writes continue and reads avoid the bad copy, ` +
        `but nothing repairs it until an operator runs shard.repair:${shard.id} (ceph pg repair)` +
        (auto && errors <= AUTO_REPAIR_MAX_ERRORS ? ' or, as here, osd_scrub_auto_repair does.' : '.'),
      'alert',
      { shard: shard.id, node: node.id, errors },
    );
  }
  if (!auto) return;
  if (errors <= AUTO_REPAIR_MAX_ERRORS) repairShard(w, shard, 'auto');
  else
    record(
      w,
      shard.id,
      'shard.autoRepairRefused',
      `${shard.id} has ${errors} damaged objects, more than the ${AUTO_REPAIR_MAX_ERRORS} osd_scrub_auto_repair_num_errors allows: it waits for an operator's shard.repair:${shard.id}.`,
      'warn',
      { shard: shard.id, errors },
    );
}

/** A replica to repair from: the primary if it is sound, else any sound copy on a running node. */
function goodCopyOf(w: World, shard: ShardRow): NodeRow | null {
  const sound = (r: number) => isUp(w.nodes[r]) && w.nodes[r].disk.has(shard.index) && !corruptionAt(w.corruption, r, shard.index) && !shard.divergent?.has(r);
  if (shard.primary !== null && sound(shard.primary)) return w.nodes[shard.primary];
  const r = [...shard.replicas, ...shard.voters].find(sound);
  return r === undefined ? null : w.nodes[r];
}

/**
 * Ceph's `pg repair` (or osd_scrub_auto_repair): every copy of the shard whose data is corrupt is rewritten from a
 * good one; the repair scrubs first, so it also fixes corruption nobody knew of yet. Instant here.
 */
export function repairShard(w: World, shard: ShardRow, how: 'operator' | 'auto'): boolean {
  const source = goodCopyOf(w, shard);
  if (!source) return false;
  const fixed: string[] = [];
  let keys = 0;
  let unknown = 0;
  for (const node of w.nodes) {
    const c = corruptionAt(w.corruption, node.index, shard.index);
    if (!c || !node.disk.has(shard.index)) continue;
    if (!knownCorruptionAt(w.corruption, node.index, shard.index)) unknown++;
    keys += c.keys;
    fixed.push(node.id);
    clearCorruption(w.corruption, node.index, shard.index);
    if (w.params.replication === 'leaderless') rewriteCorruptKeys(w, shard.index, node.index, source.index);
  }
  w.corruption.inconsistent.delete(shard.index);
  record(
    w,
    shard.id,
    'shard.repaired',
    `${shard.id} is repaired ${how === 'auto' ? `automatically (osd_scrub_auto_repair: ${keys} error(s), at most ${AUTO_REPAIR_MAX_ERRORS})` : '(ceph pg repair)'}: ` +
      (fixed.length > 0 ? `${keys} bad key(s) on ${listSome(fixed)} rewritten from ${source.id}'s good copy` : 'no copy needed rewriting') +
      (unknown > 0 ? `, ${unknown} of them found by the repair's own scrub` : '') +
      '. It is consistent again.',
    'info',
    { shard: shard.id, source: source.id, fixed, keys },
  );
  // A repaired configured primary may take its role back.
  refreshShard(w, shard);
  return true;
}

/** fatal (CockroachDB): the node holding the odd replica out terminates; the normal DEAD path follows. */
function stopNode(w: World, node: NodeRow, shard: ShardRow): void {
  const life = String(node.life.value);
  if (life === 'crashed' || life === 'destroyed') return;
  sendNodeEvent(w, node, { type: 'cmd.node.crash' });
  record(
    w,
    node.id,
    'node.crashed',
    `${node.id} stops: its copy of ${shard.id} does not match the others. CockroachDB logs "consistency check failed with 1 inconsistent ` +
      'replicas" and terminates the node holding the odd one out. Its disk survives; cp notices when its heartbeats stop.',
    'alert',
    { node: node.id, reason: 'corrupt', shard: shard.id },
  );
}

/** The deferred stop of a node that found its corruption while restarting (if it is still running). */
export function onStopNode(w: World, nodeIndex: number, shardIndex: number): boolean {
  const node = w.nodes[nodeIndex];
  if (isUp(node)) stopNode(w, node, w.shards[shardIndex]);
  return true;
}

/** Every known-corrupt replica (for the view and metrics): truth counts copies still on a disk or removed but not deleted. */
export function corruptCounts(w: World): { truth: number; known: number } {
  const exists = (node: number, shard: number) =>
    w.nodes[node].life.value !== 'destroyed' && (w.nodes[node].disk.has(shard) || (w.corruption.quarantined.get(shard)?.has(node) ?? false));
  let truth = 0;
  let known = 0;
  for (const [node, m] of w.corruption.truth) for (const s of m.keys()) if (exists(node, s)) truth++;
  for (const [node, m] of w.corruption.known) for (const s of m.keys()) if (exists(node, s) && corruptionAt(w.corruption, node, s)) known++;
  return { truth, known };
}
