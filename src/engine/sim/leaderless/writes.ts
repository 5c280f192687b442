import { applyWrite, newShardDivergence } from '../../model/divergence';
import { hintWindowOpen, inHintWindow, storeHint } from '../hints';
import { knownStaleKey } from '../leaderless-state';
import { holderList } from '../quorum';
import { appendPut } from '../wal-append';
import { hashedText, type HashedText, type Spelling } from '../trace';
import { isUp, listSome, record, recordSpelled, type NodeRow, type ShardRow, type World } from '../world';
import { replicasNeeded, shortfallWords } from './consistency';
import { chooseCoordinator, reaches } from './coordinator';
import { drawKey } from './keys';
import { noteWriteCausality } from './siblings';

/**
 * A client write in leaderless mode (design recovery-repair.md §7.1): the coordinator sends it to every replica; it
 * is acknowledged once `writeConsistency` of them applied it (ANY: a stored hint counts). A replica that is down or
 * cut off from the coordinator misses it and holds the key stale (w.divergence, truth). With hinted handoff, and only
 * when the consistency level was met (Cassandra stores no hint otherwise), the coordinator keeps a hint for each
 * replica that missed it, within the hint window; with a sloppy quorum a stand-in node takes the missed replica's
 * copy as a hint instead and counts towards the level.
 *
 * The writeId is the shard's next LSN: a per-shard sequence standing for the write's timestamp (last writer wins).
 * `node.disk` keeps meaning "takes part in the shard's write stream": every running replica moves to the new LSN,
 * while what it actually holds key by key is the divergence record (🅂, so the LSN machinery sees no lag to backfill).
 */
export function leaderlessWrite(w: World, shard: ShardRow): void {
  const key = drawKey(w.random.get('workload:keys'), w.params);
  const rf = w.replicationFactor;
  const cl = w.params.writeConsistency;
  const coordinator = chooseCoordinator(w, shard);
  if (coordinator === null) {
    fail(w, shard, key, `no node the client reaches can coordinate it`, 'noCoordinator');
    return;
  }
  const owners = holderList(w, shard);
  // Scratch lists, refilled per write (never kept past it: every callee below reads them and lets go).
  const reached = emptied(REACHED);
  const missed = emptied(MISSED);
  for (let i = 0; i < owners.length; i++) {
    const r = owners[i];
    const node = w.nodes[r];
    // A listed node whose disk is gone (destroyed, wiped) answers nothing and holds nothing to be stale.
    if (!node.disk.has(shard.index)) continue;
    if (reaches(w, coordinator, node)) reached.push(r);
    else missed.push(node);
  }
  // Sloppy quorum (Dynamo): each missed owner's copy goes to the next healthy node in ring order that holds no copy.
  const standIns = w.params.sloppyQuorum ? pickStandIns(w, shard, coordinator, owners, missed.length) : NONE;
  const hinting = w.params.hintedHandoff || w.params.sloppyQuorum;
  const answered = reached.length + standIns.length;
  // ANY: the coordinator's own hint is an answer, if it may keep one (hinted handoff on, window open for someone).
  const anyByHint = cl === 'ANY' && answered === 0 && hinting && missed.some((n) => inHintWindow(w, n));
  const met = answered >= replicasNeeded(cl, rf) || anyByHint;
  if (reached.length === 0 && !met) {
    fail(w, shard, key, shortfallWords(cl, rf, []), 'consistency');
    return;
  }
  const ids = (w.leaderless.lastWriteId ??= new Float64Array(w.shards.length));
  const writeId = Math.max(shard.lsn, ids[shard.index]) + 1;
  ids[shard.index] = writeId;
  shard.lsn = writeId;
  // Every running replica follows the shard's write stream (see above); the ones reached log the write. The owners
  // holding a copy are exactly the reached ones (all up) and the missed ones (up when only cut off): no disk changed since.
  for (let i = 0; i < reached.length; i++) w.nodes[reached[i]].disk.set(shard.index, writeId);
  for (let i = 0; i < missed.length; i++) if (isUp(missed[i])) missed[i].disk.set(shard.index, writeId);
  for (let i = 0; i < reached.length; i++) appendPut(w, w.nodes[reached[i]], shard.index, writeId);
  noteWriteCausality(w, shard, key, writeId, reached, coordinator);
  applyToKeys(w, shard, key, writeId, reached, missed);
  // The coordinator has each reached replica's acknowledgement: it knows they now hold the newest version of the key.
  if (w.leaderless.knownStale.size > 0) forgetKnownStale(w, shard.index, key, reached);
  if (missed.length > 0)
    record(
      w,
      coordinator.id,
      'write.partial',
      `Write ${writeId} to key ${key} of ${shard.id} reached ${reached.length === 0 ? 'no replica' : listSome(reached.map((r) => w.nodes[r].id))}; ` +
        `${listSome(missed.map((n) => n.id))} missed it (${missed.map((n) => (isUp(n) ? 'cut off' : 'down')).join(', ')}) and now hold key ${key} stale.`,
      'detail',
      { shard: shard.id, key, writeId, coordinator: coordinator.id, missed: missed.map((n) => n.id) },
    );
  if (!met) {
    fail(w, shard, key, shortfallWords(cl, rf, reached.map((r) => w.nodes[r].id)), 'consistency', writeId);
    return;
  }
  if (hinting) {
    missed.forEach((target, i) => {
      if (!hintWindowOpen(w, target)) return;
      storeHint(w, standIns[i] ?? coordinator, target, shard.index, key, writeId);
    });
  }
  w.workload.writesAcked++;
  const recovered = shard.lastWriteOutcome !== null && shard.lastWriteOutcome !== 'ok';
  shard.lastWriteOutcome = 'ok';
  shard.failingSinceMs = null;
  const data: AckData = { shard: shard.id, lsn: writeId, key, coordinator: coordinator.id };
  // The usual write (every answer from a replica, no hint, not the first after failures) shares its words' tail with
  // every other write the same replicas acknowledged.
  const args =
    standIns.length === 0 && !anyByHint && !recovered
      ? commonAckArgs(w, shard.index, reached, cl, rf)
      : ackArgs(w, cl, rf, answered, recovered, reached, standIns, missed, anyByHint);
  recordSpelled(w, shard.id, 'write.acked', recovered ? 'info' : 'detail', data, spellAck, args);
}

/** What a write.acked entry's data holds (and its text reads). */
interface AckData extends Record<string, unknown> {
  shard: string;
  lsn: number;
  key: number;
  coordinator: string;
}

/** The rest of a write.acked entry's words: never changed once made (many entries share one). */
interface AckArgs {
  recovered: boolean;
  /** " is acknowledged at CL QUORUM by coordinator ", hashed once for the digest (trace-hasher.ts) */
  middle: HashedText;
  /** ": 2 of 3 replica(s) answered (n1, n2).", hashed once */
  tail: HashedText;
  cl: string;
  rf: number;
}

/**
 * "[s001 takes writes again: ]Write 7 to key 3 of s001 is acknowledged at CL QUORUM by coordinator n1: 2 of 3
 * replica(s) answered (n1, n2)." — spelled when read (trace.ts recordSpelled).
 */
function spellAck(out: Spelling, d: AckData, a: AckArgs): void {
  if (a.recovered) {
    out.text(d.shard);
    out.hashed(TAKES_WRITES_AGAIN);
  }
  out.hashed(WRITE);
  out.num(d.lsn);
  out.hashed(TO_KEY);
  out.num(d.key);
  out.hashed(OF);
  out.text(d.shard);
  out.hashed(a.middle);
  out.text(d.coordinator);
  out.hashed(a.tail);
}

const TAKES_WRITES_AGAIN = hashedText(' takes writes again: ');
const WRITE = hashedText('Write ');
const TO_KEY = hashedText(' to key ');
const OF = hashedText(' of ');

function ackArgs(
  w: World,
  cl: string,
  rf: number,
  answered: number,
  recovered: boolean,
  reached: readonly number[],
  standIns: readonly NodeRow[],
  missed: readonly NodeRow[],
  anyByHint: boolean,
): AckArgs {
  const by = reached.length > 0 ? replicaListText(w, reached) : null;
  const standingIn =
    standIns.length > 0 ? `${listSome(standIns.map((n) => n.id))} standing in for ${listSome(missed.slice(0, standIns.length).map((n) => n.id))}` : null;
  const who = standingIn === null ? (by ?? '') : by === null ? standingIn : `${by}; ${standingIn}`;
  const via = anyByHint ? ' (a hint on the coordinator is its only copy)' : '';
  return {
    recovered,
    middle: hashedText(` is acknowledged at CL ${cl} by coordinator `),
    tail: hashedText(`: ${answered} of ${rf} replica(s) answered${who !== '' ? ` (${who})` : ''}${via}.`),
    cl,
    rf,
  };
}

/**
 * ackArgs for a write only replicas answered, kept per list of replicas (see replicaListText) and remade when CL or RF
 * changed. The shard's last answer is tried first (shardAckMemo): write after write the same replicas answer for a
 * shard, so most writes read two slots of arrays indexed by the shard instead of looking the list up in a Map.
 */
function commonAckArgs(w: World, shard: number, reached: readonly number[], cl: string, rf: number): AckArgs {
  const key = listKey(w, reached);
  if (key < 0) return ackArgs(w, cl, rf, reached.length, false, reached, NONE, NONE, false);
  const memo = shardAckMemoOf(w);
  const last = memo.acks[shard];
  if (last !== undefined && memo.keys[shard] === key && last.cl === cl && last.rf === rf) return last;
  const cache = listCacheOf(w);
  let kept = cache.get(key);
  if (kept === undefined) cache.set(key, (kept = { text: listSome(reached.map((r) => w.nodes[r].id)), ack: null }));
  if (kept.ack === null || kept.ack.cl !== cl || kept.ack.rf !== rf) kept.ack = ackArgs(w, cl, rf, reached.length, false, reached, NONE, NONE, false);
  memo.keys[shard] = key;
  memo.acks[shard] = kept.ack;
  return kept.ack;
}

/**
 * Per shard, the list key and words of its last usual write.acked. Like the list cache, a pure function of what it is
 * keyed by (the list, and the CL and RF checked on use), kept beside the run per shard table, never in it.
 */
interface ShardAckMemo {
  /** listKey of the replicas that answered the shard's last usual write (0 = none yet: a key is never 0). */
  keys: Int32Array;
  acks: (AckArgs | undefined)[];
}

/** Held weakly, like the list cache: no module-level reference may keep a finished run's shard table alive. */
function shardAckMemoOf(w: World): ShardAckMemo {
  let memo = shardAckMemos.get(w.shards);
  if (!memo) shardAckMemos.set(w.shards, (memo = { keys: new Int32Array(w.shards.length), acks: new Array<AckArgs | undefined>(w.shards.length).fill(undefined) }));
  return memo;
}

const shardAckMemos = new WeakMap<readonly ShardRow[], ShardAckMemo>();

const REACHED: number[] = [];
const MISSED: NodeRow[] = [];

/**
 * The list, emptied by popping: `list.length = 0` hands V8 a new empty store, so every write's pushes allocated a
 * fresh one (bench case b: ~100 bytes of garbage a write).
 */
function emptied<T>(list: T[]): T[] {
  while (list.length > 0) list.pop();
  return list;
}
const NONE: readonly NodeRow[] = [];

/**
 * `listSome` of the reached replicas' ids, kept per list: the same two or three replicas answer write after write,
 * so the text is built once per distinct list. Keyed by the node indices themselves (a node's id never changes), so
 * it cannot go stale; kept beside the run (per node table), not in it, so no copy or digest sees it.
 */
function replicaListText(w: World, reached: readonly number[]): string {
  const key = listKey(w, reached);
  if (key < 0) return listSome(reached.map((r) => w.nodes[r].id));
  const cache = listCacheOf(w);
  let kept = cache.get(key);
  if (kept === undefined) cache.set(key, (kept = { text: listSome(reached.map((r) => w.nodes[r].id)), ack: null }));
  return kept.text;
}

/**
 * The list's exact key, a small integer (node indices + 1 in base 1,024: a Map hashes it without boxing a number),
 * or -1 for a list too long or a cluster too big to key that way.
 */
function listKey(w: World, reached: readonly number[]): number {
  if (reached.length > 3 || w.nodes.length >= LIST_KEY_BASE - 1) return -1;
  let key = 0;
  for (let i = 0; i < reached.length; i++) key = key * LIST_KEY_BASE + reached[i] + 1;
  return key;
}

function listCacheOf(w: World): Map<number, KeptList> {
  let cache = listCaches.get(w.nodes);
  if (!cache) listCaches.set(w.nodes, (cache = new Map()));
  return cache;
}

interface KeptList {
  text: string;
  /** The usual write.acked words for this list, for the CL and RF they name. */
  ack: AckArgs | null;
}

/** Three node indices + 1 (each ≤ 1,023) in base 1,024 stay below 2^30, a small integer. */
const LIST_KEY_BASE = 1024;
const listCaches = new WeakMap<readonly NodeRow[], Map<number, KeptList>>();

function applyToKeys(w: World, shard: ShardRow, key: number, writeId: number, reached: readonly number[], missed: readonly NodeRow[]): void {
  let div = w.divergence.byShard.get(shard.index);
  // A write every replica took, to a shard no replica differs on, changes nothing sparse.
  if (!div && missed.length === 0) return;
  if (!div) w.divergence.byShard.set(shard.index, (div = newShardDivergence()));
  w.divergence.staleKeysTruth += applyWrite(
    div,
    key,
    writeId,
    reached,
    missed.map((n) => n.index),
  );
  if (div.stale.size === 0) w.divergence.byShard.delete(shard.index);
}

/** Nodes outside the shard's replicas, after its last replica in node (ring) order, that are up and reached. */
function pickStandIns(w: World, shard: ShardRow, coordinator: NodeRow, owners: readonly number[], count: number): NodeRow[] {
  const out: NodeRow[] = [];
  if (count === 0) return out;
  const start = owners.length > 0 ? Math.max(...owners) : 0;
  for (let i = 1; i <= w.nodes.length && out.length < count; i++) {
    const node = w.nodes[(start + i) % w.nodes.length];
    if (owners.includes(node.index) || !reaches(w, coordinator, node)) continue;
    out.push(node);
  }
  return out;
}

function fail(w: World, shard: ShardRow, key: number, why: string, outcome: string, writeId?: number): void {
  w.workload.writesFailed++;
  shard.failingSinceMs ??= w.nowMs;
  const first = shard.lastWriteOutcome !== outcome;
  shard.lastWriteOutcome = outcome;
  record(
    w,
    shard.id,
    'write.failed',
    `A write to key ${key} of ${shard.id} fails: ${why}.` +
      (writeId !== undefined ? ` The replicas it reached keep it (write ${writeId}): a failed write is not rolled back, and no hint is stored.` : '') +
      (first ? '' : ' (still)'),
    first ? 'warn' : 'detail',
    { shard: shard.id, reason: outcome, key },
  );
}

function forgetKnownStale(w: World, shard: number, key: number, reached: readonly number[]): void {
  for (const r of reached) w.leaderless.knownStale.delete(knownStaleKey(shard, r, key));
  w.divergence.counters.staleKeysKnown = w.leaderless.knownStale.size;
}
