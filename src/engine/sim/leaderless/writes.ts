import { applyWrite, newShardDivergence } from '../../model/divergence';
import { hintWindowOpen, inHintWindow, storeHint } from '../hints';
import { holderList } from '../quorum';
import { rejoiningCopiesOf } from '../rejoining-copies';
import { appendPutAfter, logEndAt } from '../wal-append';
import { imageBytesUnless } from '../torn-pages';
import { hashedText, packedKind, type HashedText, type PackedKind, type SpelledKind, type Spelling, type SubjectDigits } from '../trace';
import { shardIdOf } from '../build-world';
import { isUp, listSome, record, recordPacked, recordSpelled, type NodeRow, type ShardRow, type World } from '../world';
import { replicasNeeded, shortfallWords } from './consistency';
import { chooseCoordinator, chooseCoordinatorByKey, reaches } from './coordinator';
import { NO_KEY, keyCount, keyReplica, replicaKeyOf } from './replica-key';
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
  // The shard's replicas from its replica key, not its lists (replica-key.ts says why).
  const replicaKey = replicaKeyOf(shard);
  const coordinator = replicaKey !== NO_KEY ? chooseCoordinatorByKey(w, replicaKey) : chooseCoordinator(w, shard);
  if (coordinator === null) {
    fail(w, shard, key, `no node the client reaches can coordinate it`, 'noCoordinator');
    return;
  }
  // holderList's answer when no copy is rejoining and every voter is a replica (a key says so): the replicas themselves.
  const owners = replicaKey !== NO_KEY && rejoiningCopiesOf(w, shard.index) === undefined ? keyReplicas(replicaKey) : holderList(w, shard);
  // Scratch lists, refilled per write (never kept past it: every callee below reads them and lets go).
  const reached = emptied(REACHED);
  const missed = emptied(MISSED);
  // Per reached replica, by its place in `reached`: never emptied, only written over (appendInputs).
  const inputs = appendInputs(owners.length);
  for (let i = 0; i < owners.length; i++) {
    const r = owners[i];
    const node = w.nodes[r];
    // A listed node whose disk is gone (destroyed, wiped) answers nothing and holds nothing to be stale.
    const row = node.disk.heldRowOf(shard.index);
    if (row < 0) continue;
    if (reaches(w, coordinator, node)) {
      reached.push(r);
      // What its append will need, read now from the same row as its LSN (disk-map.ts, wal-append.ts appendPutAfter).
      const at = reached.length - 1;
      inputs.rows[at] = row;
      inputs.logEnds[at] = logEndAt(node, shard.index, row);
      inputs.images[at] = imageBytesUnless(w, node.disk.hasImageAt(row, shard.index));
    } else missed.push(node);
  }
  // Sloppy quorum (Dynamo): each missed owner's copy goes to the next healthy node in ring order that holds no copy.
  const standIns = w.params.sloppyQuorum ? pickStandIns(w, shard, coordinator, owners, missed.length) : NONE;
  const hinting = w.params.hintedHandoff || w.params.sloppyQuorum;
  const answered = reached.length + standIns.length;
  // ANY: the coordinator's own hint is an answer, if it may keep one (hinted handoff on, window open for someone).
  const anyByHint = cl === 'ANY' && answered === 0 && hinting && someInHintWindow(w, missed);
  const met = answered >= replicasNeeded(cl, rf) || anyByHint;
  if (reached.length === 0 && !met) {
    fail(w, shard, key, shortfallWords(cl, rf, []), 'consistency');
    return;
  }
  const writeId = Math.max(shard.lsn, shard.lastWriteId) + 1;
  shard.lastWriteId = writeId;
  shard.lsn = writeId;
  // Every running replica follows the shard's write stream (see above); the ones reached log the write. The owners
  // holding a copy are exactly the reached ones (all up) and the missed ones (up when only cut off): no disk changed since.
  // At the row read above: no disk took a new shard since, so no row moved.
  for (let i = 0; i < reached.length; i++) w.nodes[reached[i]].disk.setAt(inputs.rows[i], shard.index, writeId);
  for (let i = 0; i < missed.length; i++) if (isUp(missed[i])) missed[i].disk.set(shard.index, writeId);
  for (let i = 0; i < reached.length; i++) appendPutAfter(w, w.nodes[reached[i]], shard.index, writeId, inputs.logEnds[i], inputs.images[i]);
  noteWriteCausality(w, shard, key, writeId, reached, coordinator);
  applyToKeys(w, shard, key, writeId, reached, missed);
  // The coordinator has each reached replica's acknowledgement: it knows they now hold the newest version of the key.
  if (w.leaderless.knownStale.size > 0) forgetKnownStale(w, shard.index, key, reached);
  if (missed.length > 0) recordPartial(w, shard, key, writeId, coordinator, reached, missed);
  if (!met) {
    failAfterWrite(w, shard, key, writeId, cl, rf, reached);
    return;
  }
  if (hinting) storeHints(w, shard, key, writeId, coordinator, standIns, missed);
  w.workload.writesAcked++;
  const recovered = shard.lastWriteOutcome !== null && shard.lastWriteOutcome !== 'ok';
  shard.lastWriteOutcome = 'ok';
  shard.failingSinceMs = null;
  // The usual write: one to three replicas answered, nothing else to say. Its words' own part is the list of them,
  // kept as one small number (listKey), and the entry is packed: no object a write (bench case b: 340k a run, each
  // kept as long as its entry).
  const list = standIns.length === 0 && !anyByHint && !recovered && reached.length >= 1 ? listKey(w, reached) : -1;
  if (list > 0) {
    recordPacked(w, usualAck(w, cl, rf), shard.id, shard.index, writeId, key, coordinator.index, list);
    return;
  }
  const data: AckData = { shard: shard.id, lsn: writeId, key, coordinator: coordinator.id };
  const args = ackArgs(w, cl, rf, answered, recovered, reached, standIns, missed, anyByHint);
  recordSpelled(w, recovered ? ACK_RECOVERED : ACK, data, args);
}

// No closure in leaderlessWrite itself: one capturing its locals made V8 give every call a context object for them
// (~80 bytes a write in bench case b), whether or not the closure was made. The rarer parts below take their values
// as arguments instead.

/** ANY: whether the coordinator may keep a hint for one of the replicas that missed the write. */
function someInHintWindow(w: World, missed: readonly NodeRow[]): boolean {
  for (let i = 0; i < missed.length; i++) if (inHintWindow(w, missed[i])) return true;
  return false;
}

function recordPartial(w: World, shard: ShardRow, key: number, writeId: number, coordinator: NodeRow, reached: readonly number[], missed: readonly NodeRow[]): void {
  record(
    w,
    coordinator.id,
    'write.partial',
    `Write ${writeId} to key ${key} of ${shard.id} reached ${reached.length === 0 ? 'no replica' : listSome(reached.map((r) => w.nodes[r].id))}; ` +
      `${listSome(missed.map((n) => n.id))} missed it (${missed.map((n) => (isUp(n) ? 'cut off' : 'down')).join(', ')}) and now hold key ${key} stale.`,
    'detail',
    { shard: shard.id, key, writeId, coordinator: coordinator.id, missed: missed.map((n) => n.id) },
  );
}

function failAfterWrite(w: World, shard: ShardRow, key: number, writeId: number, cl: World['params']['writeConsistency'], rf: number, reached: readonly number[]): void {
  fail(w, shard, key, shortfallWords(cl, rf, reached.map((r) => w.nodes[r].id)), 'consistency', writeId);
}

/** A hint for each replica that missed the write, within its hint window: on its stand-in, or on the coordinator. */
function storeHints(w: World, shard: ShardRow, key: number, writeId: number, coordinator: NodeRow, standIns: readonly NodeRow[], missed: readonly NodeRow[]): void {
  for (let i = 0; i < missed.length; i++) {
    const target = missed[i];
    if (!hintWindowOpen(w, target)) continue;
    storeHint(w, standIns[i] ?? coordinator, target, shard.index, key, writeId);
  }
}

/** What a write.acked entry's data holds (and its text reads). */
interface AckData extends Record<string, unknown> {
  shard: string;
  lsn: number;
  key: number;
  coordinator: string;
}

/**
 * The kind of a usual write.acked for this run's nodes, CL and RF, packed as (shard id; write id, key, coordinator's
 * index) and spelled with the answering replicas' listKey: "Write 7 to key 3 of s001 is acknowledged at CL QUORUM by
 * coordinator n1: 2 of 3 replica(s) answered (n1, n2)." Its data is AckData's. One kind per (nodes, CL, RF), the last
 * one kept: every write of a run asks for the same. It holds the ids, never the rows, and knows its run's node table
 * only weakly: no module-level reference may keep a finished run alive.
 */
function usualAck(w: World, cl: string, rf: number): PackedKind<number> {
  const last = USUAL_ACKS.get(w.nodes);
  if (last !== undefined && last.cl === cl && last.rf === rf) return last.kind;
  return newUsualAck(w, cl, rf);
}

/**
 * usualAck's kind, made (once a run). Apart from usualAck because its closures capture its locals: V8 gives a function
 * whose locals a closure captures a context object on every call, made or not (~80 bytes a write when this was one).
 */
function newUsualAck(w: World, cl: string, rf: number): PackedKind<number> {
  // Every word but the numbers, the shard and the coordinator hashed once for the run: a node's id alone and after
  // ", ", and ": <answered> of <rf> replica(s) answered (" for each count (bench case b: 340k of these lines a run).
  const node = w.nodes.map((n) => hashedText(n.id));
  const afterComma = w.nodes.map((n) => hashedText(`, ${n.id}`));
  const answeredWords = [0, 1, 2, 3].map((n) => hashedText(`: ${n} of ${rf} replica(s) answered (`));
  const middle = middleWords(cl);
  // The shard ids spelled from their index ("s" and index + 1, zero-padded): their strings are not read. Only when
  // every id of this run is spelled so (shardIdOf's ids always are), checked once.
  const digits = shardIdDigits(w);
  const spell = (out: Spelling, shard: string, index: number, lsn: number, key: number, coordinator: number, list: number): void => {
    out.hashed(WRITE);
    out.num(lsn);
    out.hashed(TO_KEY);
    out.num(key);
    out.hashed(OF);
    if (digits !== null) out.padded(digits.prefix, index + digits.first, digits.width);
    else out.text(shard);
    out.hashed(middle);
    out.hashed(node[coordinator]);
    // listKey's digits, first replica first: node index + 1 in base LIST_KEY_BASE (a power of two: shifts and masks).
    const answered = list >= LIST_KEY_BASE * LIST_KEY_BASE ? 3 : list >= LIST_KEY_BASE ? 2 : 1;
    out.hashed(answeredWords[answered]);
    for (let k = answered - 1; k >= 0; k--) {
      const index = ((list >>> (LIST_KEY_BITS * k)) & (LIST_KEY_BASE - 1)) - 1;
      out.hashed(k === answered - 1 ? node[index] : afterComma[index]);
    }
    out.hashed(CLOSE);
  };
  const data = (shard: string, _index: number, lsn: number, key: number, coordinator: number): AckData => ({ shard, lsn, key, coordinator: node[coordinator].text });
  const kind = packedKind<number>({ kind: 'write.acked', level: 'detail', subjectDigits: digits, spell, data });
  USUAL_ACKS.set(w.nodes, { cl, rf, kind });
  return kind;
}

/** How this run's shard ids are spelled from their index, if every one is `shardIdOf`'s ("s0042"); else null. */
function shardIdDigits(w: World): SubjectDigits | null {
  const width = shardIdOf(0, w.shards.length).length - 1;
  for (const shard of w.shards) if (shard.id !== shardIdOf(shard.index, w.shards.length)) return null;
  return { prefix: SHARD_ID_PREFIX, first: 1, width };
}
const SHARD_ID_PREFIX = hashedText('s');

/**
 * Each run's usual-ack kind, by its node table, held weakly: no module-level reference may keep a finished run alive.
 * A WeakMap, not a WeakRef to the last run's table: WeakRef.deref also holds its target until the current job ends,
 * a set insertion per call (~9 ms a run at 340,000 writes).
 */
const USUAL_ACKS = new WeakMap<readonly NodeRow[], { cl: string; rf: number; kind: PackedKind<number> }>();

/** A write.acked's actor: its shard. */
const shardOf = (d: AckData): string => d.shard;
/** Any other write.acked: detail, or info when it is the shard's first success after failures. */
const ACK: SpelledKind<AckData, AckArgs> = { kind: 'write.acked', level: 'detail', actor: shardOf, spell: spellAck };
const ACK_RECOVERED: SpelledKind<AckData, AckArgs> = { ...ACK, level: 'info' };

/**
 * A list of up to three replicas as one exact small integer (node indices + 1 in base 1,024, below 2^30: a Smi), or
 * -1 for a longer list or a cluster too big to key that way.
 */
function listKey(w: World, reached: readonly number[]): number {
  if (reached.length > 3 || w.nodes.length >= LIST_KEY_BASE - 1) return -1;
  let key = 0;
  for (let i = 0; i < reached.length; i++) key = key * LIST_KEY_BASE + reached[i] + 1;
  return key;
}

const LIST_KEY_BITS = 10;
const LIST_KEY_BASE = 1 << LIST_KEY_BITS;

/** "Write 7 to key 3 of s001" */
function spellWriteTo(out: Spelling, d: AckData): void {
  out.hashed(WRITE);
  out.num(d.lsn);
  out.hashed(TO_KEY);
  out.num(d.key);
  out.hashed(OF);
  out.text(d.shard);
}

/** The words of any other write.acked (a stand-in answered, a hint, the first after failures). */
interface AckArgs {
  recovered: boolean;
  /** " is acknowledged at CL QUORUM by coordinator " */
  middle: HashedText;
  /** ": 2 of 3 replica(s) answered (n1, n2; n4 standing in for n3)." */
  tail: string;
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
  spellWriteTo(out, d);
  out.hashed(a.middle);
  out.text(d.coordinator);
  out.text(a.tail);
}

const TAKES_WRITES_AGAIN = hashedText(' takes writes again: ');
const WRITE = hashedText('Write ');
const TO_KEY = hashedText(' to key ');
const OF = hashedText(' of ');
const CLOSE = hashedText(').');

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
  const by = reached.length > 0 ? listSome(reached.map((r) => w.nodes[r].id)) : null;
  const standingIn =
    standIns.length > 0 ? `${listSome(standIns.map((n) => n.id))} standing in for ${listSome(missed.slice(0, standIns.length).map((n) => n.id))}` : null;
  const who = standingIn === null ? (by ?? '') : by === null ? standingIn : `${by}; ${standingIn}`;
  const via = anyByHint ? ' (a hint on the coordinator is its only copy)' : '';
  return { recovered, middle: middleWords(cl), tail: `: ${answered} of ${rf} replica(s) answered${who !== '' ? ` (${who})` : ''}${via}.` };
}

/** " is acknowledged at CL <cl> by coordinator ", one object per CL: every write's words point to the same one. */
function middleWords(cl: string): HashedText {
  let words = MIDDLE_WORDS.get(cl);
  if (words === undefined) MIDDLE_WORDS.set(cl, (words = hashedText(` is acknowledged at CL ${cl} by coordinator `)));
  return words;
}

const MIDDLE_WORDS = new Map<string, HashedText>();

/** The key's replicas, in OWNERS (refilled per write, like the lists below). */
function keyReplicas(key: number): readonly number[] {
  const owners = emptied(OWNERS);
  const count = keyCount(key);
  for (let k = 0; k < count; k++) owners.push(keyReplica(key, count, k));
  return owners;
}

const OWNERS: number[] = [];
const REACHED: number[] = [];
const MISSED: NodeRow[] = [];
const INPUTS = { rows: new Int32Array(8), logEnds: new Int32Array(8), images: new Int32Array(8) };

/**
 * Room for `count` replicas' disk rows, logEndOf and pageImageBytes (a row, an LSN, a byte count: Int32, as the rows).
 * Typed and written over, where two lists were emptied a write, one pop at a time (~5 % of a write in bench case b).
 */
function appendInputs(count: number): typeof INPUTS {
  if (INPUTS.logEnds.length < count) {
    INPUTS.rows = new Int32Array(2 * count);
    INPUTS.logEnds = new Int32Array(2 * count);
    INPUTS.images = new Int32Array(2 * count);
  }
  return INPUTS;
}

/**
 * The list, emptied by popping: `list.length = 0` hands V8 a new empty store, so every write's pushes allocated a
 * fresh one (bench case b: ~100 bytes of garbage a write).
 */
function emptied<T>(list: T[]): T[] {
  while (list.length > 0) list.pop();
  return list;
}
const NONE: readonly NodeRow[] = [];

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
  w.leaderless.knownStale.forgetReached(shard, key, reached);
  w.divergence.counters.staleKeysKnown = w.leaderless.knownStale.size;
}
