import { AntiEntropyStepper, isRunningPhase } from '../machines/anti-entropy-stepper';
import type { AntiEntropyEffect, AntiEntropyEvent } from '../machines/anti-entropy.machine';
import { runEffect, type EffectHandlers } from '../machines/machine-step';
import { CORRUPT, deliver, latestVersion, versionOf, type ShardDivergence } from '../model/divergence';
import {
  differingNodes,
  hex,
  keysPerLeaf,
  leafOf,
  merkleDepth,
  nodeHash,
  streamedKeys,
  treeDelta,
  wholeTreeHashes,
  type TreeDelta,
} from '../model/merkle';
import type { Command } from '../types';
import { callCompareChecksums, callMarkRepaired } from '../recovery/repair-contracts';
import { clearCorruption } from './corruption-state';
import { holders } from './quorum';
import { packedList } from './packed-list';
import type { RepairMode, RepairSession } from './repair-state';
import { fmtMs, formatBytes, isUp, listSome, record, recordSpelled, schedule, unschedule, type ShardRow, type World } from './world';
import { FINISHED, MARKED } from './repair-entries';
import { machineLast } from './machine-records';

/**
 * Anti-entropy (design recovery-repair.md §7.4, §7.7): `repair.run` and periodic sessions compare the replicas of a
 * shard with Merkle trees built virtually from the divergence record (model/merkle.ts) and stream the differing leaf
 * ranges. Each session is an anti-entropy machine while it runs; this module times its phases and carries out its
 * effects:
 *
 * - validating: every participant reads its replica (the whole shard, or incremental repair's unrepaired writes) at
 *   validationBytesPerSec, all at once;
 * - comparing: whole trees in one round trip (Cassandra), or level by level from the root, one round trip a level
 *   (Dynamo, Riak); every pair of participants is compared;
 * - streaming: every key of each differing leaf, for each pair that differs there, at repairStreamBytesPerSec; each
 *   replica ends with the newest version any participant held (last writer wins);
 * - finished: the replicas agree over the session's range; the shard's repaired watermark moves to the write sequence
 *   the session started at (`repair.marked`).
 *
 * A session needs every replica of the shard: one that is down, restarted or cut off from the coordinator fails it
 * (noticed at the session's next step, as a coordinator notices a peer's silence), and an operator's session is
 * retried REPAIR_RETRY_MS later, up to MAX_REPAIR_ATTEMPTS tries. A coordinator runs one session at a time; the rest
 * queue behind it (design §13: sessions are scheduled per node, never one timer per shard).
 *
 * 🅂 Validation and streaming each take their own rate, not shared with copies or with a node's other sessions.
 * 🅂 Incremental repair's unrepaired data is measured by the shard's writes since the watermark (each a row of
 * walWriteBytes, at most the shard's size): the unrepaired SSTables' size, not a per-key index.
 */

/** An operator's failed session is tried again this long after it failed. */
export const REPAIR_RETRY_MS = 10_000;
export const MAX_REPAIR_ATTEMPTS = 3;
/** More sessions than this in one request: per-shard entries go to detail level, one summary per coordinator says what they did. */
export const REPAIR_SUMMARY_AFTER = 3;

const stepper = new AntiEntropyStepper();

// ------------------------------------------------------------ the command

function shardNamed(w: World, id: string): ShardRow | undefined {
  return w.shards.find((s) => s.id === id);
}

type RepairCommand = Extract<Command, { type: 'repair.run' }>;

/** Why `repair.run` cannot apply now, or null. */
export function repairProblem(w: World, command: RepairCommand): string | null {
  if (w.params.replication !== 'leaderless')
    return (
      `repair.run: anti-entropy compares replicas key by key, and with params.replication 'primary' they never disagree ` +
      `key by key (each replica applies the primary's log in order: it can lag, not diverge); set params.replication to 'leaderless', or use scrub.run to look for corruption`
    );
  const node = command.node === undefined ? null : w.nodes[w.nodeIndexById.get(command.node)!];
  if (command.shard === 'all') {
    if (node && node.disk.size === 0) return `repair.run: ${node.id} holds no replica to repair`;
    return null;
  }
  const shard = shardNamed(w, command.shard);
  if (!shard) return `repair.run: unknown shard "${command.shard}" (this cluster has ${w.shards[0].id}…${w.shards[w.shards.length - 1].id}, or "all")`;
  if (node && !node.disk.has(shard.index)) return `repair.run: ${node.id} does not hold ${shard.id}, so it cannot coordinate its repair`;
  const running = w.repair.running.has(shard.index) ? w.repair.sessions.get(shard.index) : undefined;
  if (running)
    return `repair.run: a repair session of ${shard.id} is already ${running.machine.value === 'requested' ? 'queued' : `running (${running.id}, ${running.machine.value})`}; wait for it to finish`;
  return null;
}

/** Requests sessions for one shard or for every shard (the node's, with `node`). */
export function runRepair(w: World, command: RepairCommand): void {
  const node = command.node === undefined ? null : w.nodeIndexById.get(command.node)!;
  const shards =
    command.shard === 'all'
      ? w.shards.filter((s) => (node === null || w.nodes[node].disk.has(s.index)) && !w.repair.running.has(s.index))
      : [shardNamed(w, command.shard)!];
  const quiet = shards.length > REPAIR_SUMMARY_AFTER;
  if (command.shard === 'all') {
    const skipped = (node === null ? w.shards.length : w.nodes[node].disk.size) - shards.length;
    record(
      w,
      'repair',
      'repair.requested',
      `${command.mode === 'full' ? 'Full' : 'Incremental'} repair of ${shards.length} shard(s)${node === null ? '' : ` held by ${w.nodes[node].id}`}: ` +
        `each shard's first running replica coordinates its session, one session at a time per node` +
        (skipped > 0 ? `; ${skipped} shard(s) already being repaired are left to their sessions.` : '.'),
      'info',
      { mode: command.mode, shards: shards.length, node: command.node ?? null },
    );
  }
  for (const shard of shards) requestSession(w, shard, command.mode, node, { periodic: false, quiet });
}

// ------------------------------------------------------------ sessions

function requestSession(w: World, shard: ShardRow, mode: RepairMode, coordinator: number | null, opts: { periodic: boolean; quiet: boolean }): void {
  const participants = participantsOf(w, shard, coordinator);
  const seq = w.repair.nextSeq++;
  const session: RepairSession = {
    id: `r${seq}`,
    seq,
    shard: shard.index,
    mode,
    exchange: w.params.merkleExchange,
    machine: stepper.initial(),
    machineLast: null,
    coordinator: participants[0],
    participants,
    incarnations: incarnationsOf(w, participants),
    depth: merkleDepth(w.params.keysPerShard, w.params.merkleMaxDepth),
    scopeAfter: null,
    watermark: shard.lsn,
    validationBytesPerReplica: 0,
    pairs: [],
    level: null,
    hashesExchanged: 0,
    wholeTreeHashes: 0,
    differingLeaves: [],
    keysStreamed: 0,
    staleKeys: 0,
    startedAtMs: w.nowMs,
    endedAtMs: null,
    endedAtEvent: null,
    failedReason: null,
    attempt: 1,
    periodic: opts.periodic,
    quiet: opts.quiet,
    timer: null,
  };
  w.repair.sessions.set(shard.index, session);
  w.repair.running.add(shard.index);
  enqueue(w, session);
}

/** The shard's replicas (placement, then voters and returning copies that hold it), the coordinator first. */
function participantsOf(w: World, shard: ShardRow, coordinator: number | null): number[] {
  const all = holders(w, shard);
  let kept = 0;
  for (let i = 0; i < all.length; i++) if (w.nodes[all[i]].disk.has(shard.index) || shard.replicas.includes(all[i])) all[kept++] = all[i];
  while (all.length > kept) all.pop();
  let first = coordinator;
  for (let i = 0; first === null && i < all.length; i++) if (isUp(w.nodes[all[i]])) first = all[i];
  first ??= all[0];
  // The coordinator first, the rest in holder order, moved within `all`: this call's own list (holders makes a new
  // one), of just the right size. A session keeps it (10,000 in bench case b).
  const at = all.indexOf(first);
  if (at < 0) all.unshift(first);
  for (let i = at; i > 0; i--) all[i] = all[i - 1];
  all[0] = first;
  return all;
}

/**
 * Each participant's incarnation now, in a copy of the participants' list: packed like it and just as long, in every
 * run (packed-list.ts says why; a pushed list would keep room for 17). participantProblem reads it at every step.
 */
function incarnationsOf(w: World, participants: readonly number[]): number[] {
  const out = participants.slice();
  for (let i = 0; i < out.length; i++) out[i] = w.nodes[participants[i]].incarnation;
  return out;
}

function enqueue(w: World, session: RepairSession): void {
  const c = session.coordinator;
  let queue = w.repair.queues.get(c);
  if (!queue) w.repair.queues.set(c, (queue = []));
  queue.push(session.shard);
  if (session.quiet) {
    const s = w.repair.summaries.get(c);
    if (s) {
      s.sessions++;
      s.periodic &&= session.periodic;
    } else w.repair.summaries.set(c, { sessions: 1, differing: 0, keysStreamed: 0, failed: 0, startedAtMs: w.nowMs, periodic: session.periodic });
  }
  pump(w, c);
}

/** Starts the coordinator's next queued session if it is free. */
function pump(w: World, coordinator: number): void {
  if (w.repair.busy.has(coordinator)) return;
  const queue = w.repair.queues.get(coordinator);
  while (queue && queue.length > 0) {
    const shard = queue.shift()!;
    const session = w.repair.sessions.get(shard);
    if (!session || session.machine.value !== 'requested') continue;
    w.repair.busy.set(coordinator, shard);
    startSession(w, session);
    return;
  }
  w.repair.queues.delete(coordinator);
  summarise(w, coordinator);
}

function startSession(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  session.startedAtMs = w.nowMs;
  session.watermark = shard.lsn;
  session.incarnations = incarnationsOf(w, session.participants);
  const repairedAt = w.repair.repairedAt.get(shard.index);
  session.scopeAfter = session.mode === 'incremental' && repairedAt !== undefined ? repairedAt : null;
  if (session.mode === 'incremental') w.repair.incrementalRan = true;
  const unrepairedWrites = session.scopeAfter === null ? Infinity : Math.max(0, shard.lsn - session.scopeAfter);
  session.validationBytesPerReplica = Math.min(w.shardSizeBytes, unrepairedWrites * w.params.walWriteBytes);
  // One of many (a summary covers it): its start is not told, so its words are not made (say).
  if (!session.quiet) announceStart(w, session);
  send(w, session, SESSION_STARTED);
}

function announceStart(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  const ids = session.participants.map((r) => w.nodes[r].id);
  say(
    w,
    session,
    'repair.started',
    `${session.mode === 'full' ? 'Full' : 'Incremental'} repair of ${shard.id}${session.attempt > 1 ? ` (try ${session.attempt} of ${MAX_REPAIR_ATTEMPTS})` : ''}: ` +
      `${w.nodes[session.coordinator].id} coordinates; ${listSome(ids)} each build a Merkle tree of depth ${session.depth} ` +
      `(${2 ** session.depth} leaves) over ${session.scopeAfter === null ? 'all its keys' : `the writes after ${session.scopeAfter} (data already marked repaired is not compared again)`}.`,
    { mode: session.mode, exchange: session.exchange, participants: ids, depth: session.depth, repairedAt: session.scopeAfter },
  );
}

// ------------------------------------------------------------ the machine's effects

const handlers: EffectHandlers<AntiEntropyEffect, { w: World; session: RepairSession }> = {
  buildTrees: ({ w, session }) => {
    const problem = participantProblem(w, session);
    if (problem) {
      session.failedReason = problem;
      return;
    }
    const ms = (session.validationBytesPerReplica / w.params.validationBytesPerSec) * 1000;
    session.timer = schedule(w, w.nowMs + ms, { type: 'repair.step', shard: session.shard, seq: session.seq });
  },
  openComparison: ({ w, session }) => {
    buildPairs(w, session);
    session.level = 0;
    session.timer = schedule(w, w.nowMs + roundTripMs(w, session), { type: 'repair.step', shard: session.shard, seq: session.seq });
  },
  descend: ({ w, session }) => {
    session.level = (session.level ?? 0) + 1;
    session.timer = schedule(w, w.nowMs + roundTripMs(w, session), { type: 'repair.step', shard: session.shard, seq: session.seq });
  },
  streamRanges: ({ w, session }) => beginStream(w, session),
  finishSession: ({ w, session }) => finish(w, session),
  failSession: ({ w, session }) => fail(w, session),
};

// A session's events, one frozen object each (the stepper and the records read only their fields): ~40,000 steps in
// bench case b made one apiece.
const SESSION_STARTED: AntiEntropyEvent = Object.freeze({ type: 'session.started' });
const SESSION_RETRIED: AntiEntropyEvent = Object.freeze({ type: 'session.retried' });
const PARTICIPANT_LOST: AntiEntropyEvent = Object.freeze({ type: 'participant.lost' });
const TREES_BUILT: AntiEntropyEvent = Object.freeze({ type: 'trees.built' });
const RANGES_STREAMED: AntiEntropyEvent = Object.freeze({ type: 'ranges.streamed' });
const LEVEL_COMPARED: readonly AntiEntropyEvent[] = [false, true].flatMap((differs) =>
  [false, true].map((atLeaves) => Object.freeze({ type: 'level.compared' as const, differs, atLeaves })),
);

function levelCompared(differs: boolean, atLeaves: boolean): AntiEntropyEvent {
  return LEVEL_COMPARED[(differs ? 2 : 0) + (atLeaves ? 1 : 0)];
}

/**
 * Runs one effect of the session's machine with one argument object for every effect, not one each (~40,000 a run in
 * bench case b). Every handler takes its two fields as it starts and keeps nothing of the object; a handler that sends
 * another session's event reuses it, which is why it is set for each effect. Emptied after: no module-level reference
 * may keep a finished run alive.
 */
function runSessionEffect(w: World, session: RepairSession, type: string): void {
  EFFECT_CONTEXT.w = w;
  EFFECT_CONTEXT.session = session;
  try {
    runEffect(handlers, type, EFFECT_CONTEXT as { w: World; session: RepairSession });
  } finally {
    EFFECT_CONTEXT.w = null;
    EFFECT_CONTEXT.session = null;
  }
}
const EFFECT_CONTEXT: { w: World | null; session: RepairSession | null } = { w: null, session: null };

function send(w: World, session: RepairSession, event: AntiEntropyEvent): void {
  const step = stepper.step(session.machine, event);
  // A transition without a target (descend) may leave the snapshot as it was; its action still runs.
  if (!step.changed && step.effects.length === 0) return;
  const from = session.machine.value;
  session.machine = step.state;
  // Kept on the session, as a copy job keeps its own: no record by shard id in w.machines per step (~40,000 steps a
  // repair.run:all at 10,000 shards, bench case b).
  session.machineLast = machineLast(from, step.state.value, event.type, w.nowMs);
  for (const effect of step.effects) if (effect.kind === 'action') runSessionEffect(w, session, effect.type);
  // A participant already gone when the trees were to be built: the session fails at once.
  if (session.machine.value === 'validating' && session.failedReason !== null) send(w, session, PARTICIPANT_LOST);
}

/** A session's step came due: the trees are built, a level compared, or the stream done — if its participants are still there. */
export function onRepairStep(w: World, shardIndex: number, seq: number): boolean {
  const session = w.repair.sessions.get(shardIndex);
  if (!session || session.seq !== seq) return false;
  session.timer = null;
  const problem = participantProblem(w, session);
  if (problem) {
    session.failedReason = problem;
    send(w, session, PARTICIPANT_LOST);
    return true;
  }
  switch (session.machine.value) {
    case 'validating':
      treesBuilt(w, session);
      send(w, session, TREES_BUILT);
      return true;
    case 'comparing':
      compareLevel(w, session);
      return true;
    case 'streaming':
      endStream(w, session);
      send(w, session, RANGES_STREAMED);
      return true;
    default:
      return false;
  }
}

/** A failed operator session's retry came due. */
export function onRepairRetry(w: World, shardIndex: number, seq: number): boolean {
  const session = w.repair.sessions.get(shardIndex);
  if (!session || session.seq !== seq || session.machine.value !== 'failed') return false;
  session.timer = null;
  const shard = w.shards[shardIndex];
  const participants = participantsOf(w, shard, null);
  session.participants = participants;
  session.coordinator = participants[0];
  session.attempt++;
  session.failedReason = null;
  session.endedAtMs = null;
  session.endedAtEvent = null;
  session.pairs = [];
  session.level = null;
  session.differingLeaves = [];
  w.repair.running.add(shardIndex);
  send(w, session, SESSION_RETRIED);
  enqueue(w, session);
  return true;
}

/** Why the session cannot go on: a participant down, restarted since it started, or cut off from the coordinator. */
function participantProblem(w: World, session: RepairSession): string | null {
  const c = w.nodes[session.coordinator];
  const participants = session.participants;
  for (let i = 0; i < participants.length; i++) {
    const r = participants[i];
    const node = w.nodes[r];
    if (!isUp(node)) return `${node.id} is down`;
    if (node.incarnation !== session.incarnations[i]) return `${node.id} restarted and lost the session`;
    if (r !== session.coordinator && !(w.network.canSend(c.id, node.id) && w.network.canSend(node.id, c.id)))
      return `${c.id} cannot reach ${node.id}`;
  }
  return null;
}

function roundTripMs(w: World, session: RepairSession): number {
  const c = w.nodes[session.coordinator].id;
  let most = 0;
  for (const r of session.participants) if (r !== session.coordinator) most = Math.max(most, w.network.latencyMs(c, w.nodes[r].id));
  return 2 * most;
}

/** Keys in the session's trees: incremental repair's, only those last written after the watermark it started from. */
function scopeOf(div: ShardDivergence | undefined, session: RepairSession): (key: number) => boolean {
  const after = session.scopeAfter;
  if (after === null || div === undefined) return () => true;
  return (key) => latestVersion(div, key) > after;
}

function deltasOf(w: World, session: RepairSession): readonly TreeDelta[] {
  const shard = w.shards[session.shard];
  const div = w.divergence.byShard.get(session.shard);
  // Most shards agree everywhere: every participant's Δ is empty, and one shared empty tree stands for all of them.
  if (div === undefined || !someStale(div, session.participants)) return emptyDeltas(session.participants.length, session.depth);
  const inScope = scopeOf(div, session);
  return session.participants.map((r) => treeDelta(div, r, shard.id, session.depth, inScope));
}

const EMPTY_DELTAS = new Map<number, TreeDelta>();

function someStale(div: ShardDivergence, participants: readonly number[]): boolean {
  for (let i = 0; i < participants.length; i++) if (div.stale.has(participants[i])) return true;
  return false;
}

/** `count` times the shared empty tree, in one frozen list per (count, depth): read, never changed. */
function emptyDeltas(count: number, depth: number): readonly TreeDelta[] {
  const key = count * 64 + depth;
  let list = EMPTY_DELTA_LISTS.get(key);
  if (list === undefined) EMPTY_DELTA_LISTS.set(key, (list = Object.freeze(packedList(count, () => emptyDelta(depth)))));
  return list;
}
const EMPTY_DELTA_LISTS = new Map<number, readonly TreeDelta[]>();

/** A tree with no stale key: Δ = 0 everywhere. Shared, never written (treeDelta builds fresh maps when there is Δ). */
function emptyDelta(depth: number): TreeDelta {
  let delta = EMPTY_DELTAS.get(depth);
  if (!delta) EMPTY_DELTAS.set(depth, (delta = treeDelta(undefined, 0, '', depth)));
  return delta;
}

/** One of many sessions (a summary covers it) whose replicas turned out to agree: it leaves its mark and its end (detail), not eight entries. */
function silentWhenAgreed(session: RepairSession): boolean {
  return session.quiet && session.differingLeaves.length === 0;
}

function scopeLabel(session: RepairSession): string {
  return session.scopeAfter === null ? '' : `>${session.scopeAfter}`;
}

function treesBuilt(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  const bytes = session.validationBytesPerReplica;
  w.divergence.counters.validationBytes += bytes * session.participants.length;
  if (session.quiet) return; // its entry would not be told (say)
  const deltas = deltasOf(w, session);
  const roots = session.participants.map((r, i) => `${w.nodes[r].id} ${hex(nodeHash(shard.id, deltas[i], 0, 0, scopeLabel(session)))}`);
  say(
    w,
    session,
    'merkle.built',
    `The replicas of ${shard.id} read ${formatBytes(bytes)} each at ${formatBytes(w.params.validationBytesPerSec)}/s ` +
      `(${fmtMs((bytes / w.params.validationBytesPerSec) * 1000)}) and built their trees: roots ${roots.join(', ')}.`,
    { bytes, roots: Object.fromEntries(session.participants.map((r, i) => [w.nodes[r].id, hex(nodeHash(shard.id, deltas[i], 0, 0, scopeLabel(session)))])) },
  );
}

/** Compares every pair of participants' trees, as they stand now that the trees are built. */
function buildPairs(w: World, session: RepairSession): void {
  const deltas = deltasOf(w, session);
  session.pairs = [];
  for (let i = 0; i < session.participants.length; i++)
    for (let j = i + 1; j < session.participants.length; j++)
      session.pairs.push({
        a: session.participants[i],
        b: session.participants[j],
        // Two empty trees (the shared one): nothing differs at any level.
        differing: deltas[i] === deltas[j] ? agreedAtEveryLevel(deltas[i].length) : differingNodes(deltas[i], deltas[j]),
      });
  session.differingLeaves = differingLeavesOf(session.pairs, session.depth);
  session.wholeTreeHashes = session.participants.length * wholeTreeHashes(session.depth);
}

/** Leaves where some pair differs (the union), ascending; a new empty list when none does (most sessions). */
function differingLeavesOf(pairs: RepairSession['pairs'], depth: number): number[] {
  let any = false;
  for (let i = 0; i < pairs.length && !any; i++) any = pairs[i].differing[depth].length > 0;
  if (!any) return [];
  const leaves = new Set<number>();
  for (const p of pairs) for (const leaf of p.differing[depth]) leaves.add(leaf);
  return [...leaves].sort((a, b) => a - b);
}

/**
 * Nothing differs at any of `levels` levels: one frozen list of empty lists per depth, shared by every pair of equal
 * trees. Most pairs are (bench case b: ~29,000 of 30,000), and a finished session is kept as its shard's latest, so a
 * list each was ~1 KiB a session kept for the rest of the run.
 */
function agreedAtEveryLevel(levels: number): readonly (readonly number[])[] {
  let agreed = AGREED[levels];
  if (agreed === undefined) AGREED[levels] = agreed = Object.freeze(Array.from({ length: levels }, () => Object.freeze([] as number[])));
  return agreed;
}
const AGREED: (readonly (readonly number[])[])[] = [];

/** Differing nodes at `level` over every pair (the union), ascending. */
function differingAt(session: RepairSession, level: number): number[] {
  const set = new Set<number>();
  for (const p of session.pairs) for (const i of p.differing[level]) set.add(i);
  return [...set].sort((a, b) => a - b);
}

function compareLevel(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  const level = session.level ?? 0;
  const D = session.depth;
  if (session.exchange === 'wholeTree') {
    const hashes = session.wholeTreeHashes;
    addHashes(w, session, hashes);
    const each = wholeTreeHashes(D);
    if (told(session, 'merkle.treeReceived'))
      say(
        w,
        session,
        'merkle.treeReceived',
        `${w.nodes[session.coordinator].id} has every replica's whole tree of ${shard.id}: ${each} hashes (${formatBytes(each * 32)}) from each of ` +
          `${session.participants.length}, in one round trip; it compares every pair: ` +
          (session.differingLeaves.length === 0 ? 'the roots match.' : `${session.differingLeaves.length} of ${2 ** D} leaves differ.`),
        { hashes, perReplica: each, differingLeaves: session.differingLeaves.length },
      );
    if (!silentWhenAgreed(session)) callCompareChecksums(w, session);
    send(w, session, levelCompared(session.differingLeaves.length > 0, true));
    return;
  }
  // Level by level: both sides of every pair send the hashes of this level that the level above asked for.
  let hashes = 0;
  for (const p of session.pairs) hashes += 2 * (level === 0 ? 1 : 2 * p.differing[level - 1].length);
  addHashes(w, session, hashes);
  const differing = differingAt(session, level);
  if (!told(session, level === 0 ? 'merkle.rootsCompared' : 'merkle.descend')) {
    // One of many whose replicas agree: its words would not be recorded (say), so they are not made.
  } else if (level === 0) {
    const deltas = deltasOf(w, session);
    const roots = session.participants.map((r, i) => `${w.nodes[r].id} ${hex(nodeHash(shard.id, deltas[i], 0, 0, scopeLabel(session)))}`);
    say(
      w,
      session,
      'merkle.rootsCompared',
      `${shard.id}: the replicas exchange their roots (1 hash each per pair): ` +
        (differing.length === 0 ? `they match (${roots[0].split(' ')[1]}); nothing to repair.` : `roots differ: ${roots.join(', ')}.`),
      { level, hashes, differing },
    );
  } else
    say(
      w,
      session,
      'merkle.descend',
      `${shard.id}, level ${level} of ${D}: the children of the differing nodes are compared (${hashes} hashes); ` +
        `${differing.length} differ: ${listSome(differing.map(String), 8)}.`,
      { level, hashes, differing },
    );
  if ((differing.length === 0 || level === D) && !silentWhenAgreed(session)) callCompareChecksums(w, session);
  send(w, session, levelCompared(differing.length > 0, level === D));
}

function addHashes(w: World, session: RepairSession, hashes: number): void {
  session.hashesExchanged += hashes;
  w.divergence.counters.merkleHashesExchanged += hashes;
}

/** Stream bytes: for each pair, every key of each leaf where the pair differs. */
function beginStream(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  session.level = null;
  let pairLeaves = 0;
  for (const p of session.pairs) pairLeaves += p.differing[session.depth].length;
  const keys = streamedKeys(pairLeaves, w.params.keysPerShard, session.depth);
  const bytes = keys * w.params.walWriteBytes;
  session.keysStreamed = keys;
  const d = session.differingLeaves.length;
  say(
    w,
    session,
    'merkle.leafDiff',
    `${shard.id}: ${d === 1 ? 'leaf' : 'leaves'} ${listSome(session.differingLeaves.map(String), 8)} ${d === 1 ? 'differs' : 'differ'} (of ${2 ** session.depth}); ` +
      `a leaf is a key range of ~${round(keysPerLeaf(w.params.keysPerShard, session.depth))} keys and the whole range is streamed, ` +
      `so ${keys} keys (${formatBytes(bytes)}) go between the ${session.pairs.filter((p) => p.differing[session.depth].length > 0).length} pair(s) that differ.`,
    { differingLeaves: session.differingLeaves, keys, bytes },
  );
  revealStale(w, session);
  if (session.mode === 'incremental') w.repair.pendingRepair.add(session.shard);
  session.timer = schedule(w, w.nowMs + (bytes / w.params.repairStreamBytesPerSec) * 1000, { type: 'repair.step', shard: session.shard, seq: session.seq });
}

/** The streams are done: each participant holds, for every key of the differing leaves, the newest version any of them held. */
function endStream(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  const div = w.divergence.byShard.get(session.shard);
  const c = w.divergence.counters;
  const bytes = session.keysStreamed * w.params.walWriteBytes;
  c.repairStreamedKeys += session.keysStreamed;
  c.repairStreamedBytes += bytes;
  let stale = 0;
  let streamedStale: number[] = [];
  const corruptFixed = new Set<number>();
  if (div) {
    const leaves = new Set(session.differingLeaves);
    const inScope = scopeOf(div, session);
    const keys = new Set<number>();
    for (const r of session.participants)
      for (const key of div.stale.get(r)?.keys() ?? []) if (inScope(key) && leaves.has(leafOf(shard.id, key, session.depth))) keys.add(key);
    streamedStale = [...keys].sort((a, b) => a - b);
    for (const key of streamedStale) {
      let best = CORRUPT;
      for (const r of session.participants) best = Math.max(best, versionOf(div, r, key));
      for (const r of session.participants) {
        const held = versionOf(div, r, key);
        if (div.stale.get(r)?.has(key)) stale++;
        if (held === best || best === CORRUPT) continue;
        const { delta } = deliver(div, r, key, best);
        w.divergence.staleKeysTruth += delta;
        if (held === CORRUPT) corruptFixed.add(r);
      }
    }
    for (const r of corruptFixed) if (![...(div.stale.get(r)?.values() ?? [])].includes(CORRUPT)) clearCorruption(w.corruption, r, shard.index);
    if (div.stale.size === 0) w.divergence.byShard.delete(session.shard);
  }
  session.staleKeys = stale;
  c.repairStaleKeysStreamed += stale;
  // Belief: what the comparison revealed and the stream did not fix stays known; what it fixed is known no longer.
  if (div) forgetRepaired(w, session, div, streamedStale);
  c.staleKeysKnown = w.leaderless.knownStale.size;
  say(
    w,
    session,
    'repair.streamed',
    `${shard.id}: ${session.keysStreamed} keys (${formatBytes(bytes)}) streamed at ${formatBytes(w.params.repairStreamBytesPerSec)}/s for ${stale} stale key(s)` +
      (corruptFixed.size > 0 ? `, rewriting the corrupt keys on ${listSome([...corruptFixed].map((r) => w.nodes[r].id))}` : '') +
      `; each replica now holds the newest version of every key in those ranges.`,
    { keys: session.keysStreamed, bytes, staleKeys: stale, corruptFixed: [...corruptFixed].map((r) => w.nodes[r].id) },
  );
}

/** (participant, key) pairs stale within the differing leaves, in the session's scope. */
function staleInDifferingLeaves(w: World, session: RepairSession, div: ShardDivergence): [number, number][] {
  const shard = w.shards[session.shard];
  const leaves = new Set(session.differingLeaves);
  const inScope = scopeOf(div, session);
  const out: [number, number][] = [];
  for (const r of session.participants)
    for (const key of div.stale.get(r)?.keys() ?? []) if (inScope(key) && leaves.has(leafOf(shard.id, key, session.depth))) out.push([r, key]);
  return out;
}

/** Belief: a Merkle comparison tells the coordinator which replicas' keys in the differing leaves are behind. */
function revealStale(w: World, session: RepairSession): void {
  const div = w.divergence.byShard.get(session.shard);
  if (!div) return;
  for (const [r, key] of staleInDifferingLeaves(w, session, div)) w.leaderless.knownStale.add(session.shard, r, key);
  w.divergence.counters.staleKeysKnown = w.leaderless.knownStale.size;
}

/** Known-stale keys of the participants that the stream brought up to date. */
function forgetRepaired(w: World, session: RepairSession, div: ShardDivergence, keys: readonly number[]): void {
  const known = w.leaderless.knownStale;
  if (known.size === 0) return;
  for (const r of session.participants) for (const key of keys) if (!div.stale.get(r)?.has(key)) known.delete(session.shard, r, key);
}

function finish(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  session.endedAtMs = w.nowMs;
  session.endedAtEvent = w.eventCount;
  session.level = null;
  session.timer = null;
  w.repair.running.delete(session.shard);
  const wasPending = w.repair.pendingRepair.delete(session.shard);
  mark(w, session);
  const deltas = deltasOf(w, session);
  const root = hex(nodeHash(shard.id, deltas[0], 0, 0, scopeLabel(session)));
  // Always told (say): spelled, its words made only if read (repair-entries.ts).
  recordSpelled(
    w,
    FINISHED[levelOf(session)],
    {
      shard: shard.id,
      session: session.id,
      hashes: session.hashesExchanged,
      wholeTree: session.wholeTreeHashes,
      differingLeaves: session.differingLeaves.length,
      keys: session.keysStreamed,
      staleKeys: session.staleKeys,
      root,
    },
    { leaves: 2 ** session.depth, settledPending: wasPending },
  );
  const s = session.quiet ? w.repair.summaries.get(session.coordinator) : undefined;
  if (s) {
    if (session.differingLeaves.length > 0) s.differing++;
    s.keysStreamed += session.keysStreamed;
  }
  release(w, session);
}

/** Moves the shard's repaired watermark to where the session started (every replica took part, so all agree up to it). */
function mark(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  const before = w.repair.repairedAt.get(shard.index);
  const to = Math.max(before ?? 0, session.watermark);
  w.repair.repairedAt.set(shard.index, to);
  w.repair.marks.set(shard.index, { from: before ?? null, to, mode: session.mode, atEvent: w.eventCount });
  w.repair.repairedWrites += to - (before ?? 0);
  if (w.repair.incrementalRan && (!session.quiet || !w.repair.queues.has(session.coordinator))) updateRepairedFraction(w);
  // Always told (say): spelled, its words made only if read (repair-entries.ts).
  recordSpelled(w, MARKED[levelOf(session)], { shard: shard.id, session: session.id, from: before ?? null, to, mode: session.mode }, null);
  if (!silentWhenAgreed(session)) callMarkRepaired(w, session, to);
}

function updateRepairedFraction(w: World): void {
  let written = 0;
  for (const s of w.shards) written += s.lsn;
  w.divergence.counters.repairedFraction = written === 0 ? 1 : w.repair.repairedWrites / written;
}

function fail(w: World, session: RepairSession): void {
  const shard = w.shards[session.shard];
  unschedule(w, session.timer);
  session.timer = null;
  session.endedAtMs = w.nowMs;
  session.endedAtEvent = w.eventCount;
  session.level = null;
  w.repair.running.delete(session.shard);
  const retry = !session.periodic && session.attempt < MAX_REPAIR_ATTEMPTS;
  const pending = w.repair.pendingRepair.has(session.shard);
  record(
    w,
    'repair',
    'repair.failed',
    `Repair of ${shard.id} failed: ${session.failedReason ?? 'a participant went away'}, and a session needs every replica.` +
      (pending ? ' It stopped mid-stream: the data it covered stays pending repair until the next session.' : '') +
      (retry
        ? ` It is tried again in ${fmtMs(REPAIR_RETRY_MS)} (try ${session.attempt + 1} of ${MAX_REPAIR_ATTEMPTS}).`
        : session.periodic
          ? ' The next anti-entropy tick tries again.'
          : ` No try is left (${MAX_REPAIR_ATTEMPTS} made); run repair.run again once every replica is back.`),
    'warn',
    { shard: shard.id, session: session.id, reason: session.failedReason, attempt: session.attempt, retry },
  );
  const s = session.quiet ? w.repair.summaries.get(session.coordinator) : undefined;
  if (s) s.failed++;
  if (retry) session.timer = schedule(w, w.nowMs + REPAIR_RETRY_MS, { type: 'repair.retry', shard: session.shard, seq: session.seq });
  release(w, session);
}

function release(w: World, session: RepairSession): void {
  if (w.repair.busy.get(session.coordinator) === session.shard) {
    w.repair.busy.delete(session.coordinator);
    pump(w, session.coordinator);
  }
}

/** A coordinator with no session left: one entry for all the sessions it ran quietly. */
function summarise(w: World, coordinator: number): void {
  const s = w.repair.summaries.get(coordinator);
  if (!s) return;
  w.repair.summaries.delete(coordinator);
  if (w.repair.incrementalRan) updateRepairedFraction(w);
  const node = w.nodes[coordinator];
  record(
    w,
    'repair',
    'repair.summary',
    `${node.id} coordinated ${s.sessions} repair session(s) in ${fmtMs(w.nowMs - s.startedAtMs)}: ` +
      (s.differing > 0
        ? `${s.differing} shard(s) had differing leaves, ${s.keysStreamed} keys streamed`
        : `the replicas' trees matched on every shard, nothing streamed`) +
      (s.failed > 0 ? `, ${s.failed} session(s) failed.` : '.'),
    // An operator's repair always ends with its conclusion in view, even when it found nothing (incremental repair
    // missing rot in repaired data is the lesson); anti-entropy's own quiet rounds stay at detail.
    s.failed > 0 ? 'warn' : s.differing > 0 || !s.periodic ? 'info' : 'detail',
    { node: node.id, ...s },
  );
}

/** A session's trace entry (actor `repair`): info, or detail when it is one of many a summary covers. */
function say(w: World, session: RepairSession, kind: string, text: string, data: Record<string, unknown>): void {
  if (!told(session, kind)) return;
  record(w, 'repair', kind, text, levelOf(session), { shard: w.shards[session.shard].id, session: session.id, ...data });
}

/** A session's entries are detail when it is one of many (a summary covers it), or a periodic one that found nothing. */
function levelOf(session: RepairSession): 'detail' | 'info' {
  return session.quiet || (session.periodic && session.differingLeaves.length === 0) ? 'detail' : 'info';
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** Whether say records an entry of this kind for the session (callers skip making words that would not be). */
function told(session: RepairSession, kind: string): boolean {
  // One of many: its start and tree building are in its coordinator's summary; one that found nothing leaves only its end.
  if (session.quiet && (kind === 'repair.started' || kind === 'merkle.built')) return false;
  // The mark is kept: it changes what the next incremental repair compares.
  return !silentWhenAgreed(session) || kind === 'repair.finished' || kind === 'repair.marked';
}

/** True while the session is requested or running (a machine exists). */
export function sessionRunning(session: RepairSession): boolean {
  return isRunningPhase(session.machine.value);
}

// ------------------------------------------------------------ periodic anti-entropy (Riak AAE)

/**
 * Starts (or re-times, after a config.set) every node's anti-entropy clock: each node ticks every
 * antiEntropyIntervalMs at its own phase (drawn from `repair:schedule` each time the clock starts), never one timer per shard.
 * Nothing is drawn while the interval is 0.
 */
export function startAntiEntropy(w: World): void {
  const interval = w.params.antiEntropyIntervalMs;
  for (const node of w.nodes) {
    unschedule(w, w.repair.ticks.get(node.index));
    w.repair.ticks.delete(node.index);
    if (interval <= 0 || w.params.replication !== 'leaderless') continue;
    const phase = Math.floor(w.random.get('repair:schedule').next() * interval);
    w.repair.ticks.set(node.index, schedule(w, w.nowMs + phase, { type: 'antiEntropy.tick', node: node.index }));
  }
}

/** A node's anti-entropy tick: it requests a session for each shard it coordinates that has none running. */
export function onAntiEntropyTick(w: World, nodeIndex: number): boolean {
  w.repair.ticks.delete(nodeIndex);
  const interval = w.params.antiEntropyIntervalMs;
  if (interval <= 0 || w.params.replication !== 'leaderless') return false;
  w.repair.ticks.set(nodeIndex, schedule(w, w.nowMs + interval, { type: 'antiEntropy.tick', node: nodeIndex }));
  const node = w.nodes[nodeIndex];
  if (!isUp(node)) return true;
  const mine = [...node.placed]
    .sort((a, b) => a - b)
    .map((s) => w.shards[s])
    .filter((shard) => !w.repair.running.has(shard.index) && participantsOf(w, shard, null)[0] === nodeIndex);
  const quiet = mine.length > REPAIR_SUMMARY_AFTER;
  for (const shard of mine) requestSession(w, shard, 'full', nodeIndex, { periodic: true, quiet });
  return true;
}
