import { CONTROL_PLANE, type QuorumState, type ReplicaRole } from '../types';
import { rejoiningCopiesOf } from './rejoining-copies';
import { LEADING } from '../machines/shard-primary-stepper';
import type { ShardPrimaryEffect, ShardPrimaryEvent } from '../machines/shard-primary.machine';
import type { EffectHandlers } from '../machines/machine-step';
import { carryOut, type MachineTimerEvent } from './machine-timers';
import { fmtMs, healthOf, isUp, leaderOf, listSome, record, schedule, unschedule, type NodeRow, type QuorumNews, type ShardRow, type World } from './world';

/**
 * Primaries, terms and write quorums (DESIGN.md §2, seed 003, domain facts §1).
 *
 * A shard takes writes while its primary reaches more than half of its
 * voters. When cp gives up on a primary (the monitor declares it DEAD), the
 * coordinator on cp elects a new one, but only from voters it can talk to
 * itself, and only while those are more than half of the voters: a two-node
 * shard never fails over, and a non-transitive cut can stall failover even
 * though a majority of replicas can talk to each other (RethinkDB #4357).
 * The configured primary takes its role back once it returns and catches up.
 */

/** The one place a shard's primary changes, so the count of shards without one stays exact. */
export function setPrimary(w: World, shard: ShardRow, node: number | null): void {
  shard.primary = node;
  if (node === null) w.primaryless.add(shard.index);
  else w.primaryless.delete(shard.index);
}

export const majorityOf = (voters: number): number => Math.floor(voters / 2) + 1;

/**
 * How much of the shard's acknowledged history a node's copy holds: its LSN, or for a copy an emergency
 * repair rolled back, no more than its split point (what it holds above that is not the shard's history).
 * Undefined when the node has no copy.
 */
export function historyHeld(w: World, shard: ShardRow, node: number): number | undefined {
  const lsn = w.nodes[node].disk.get(shard.index);
  const split = shard.divergent?.get(node);
  return lsn === undefined || split === undefined ? lsn : Math.min(lsn, split);
}

/** cp can exchange messages with the node right now and has not given up on it. */
export function respondsToCp(w: World, node: NodeRow): boolean {
  return isUp(node) && w.network.connected(CONTROL_PLANE, node.id) && healthOf(node) !== 'DEAD';
}

function linked(w: World, a: NodeRow, b: NodeRow): boolean {
  return a === b || (isUp(a) && isUp(b) && w.network.connected(a.id, b.id));
}

/** Who is up and who reaches whom: the live network, or a what-if variant of it. */
export interface Reach {
  up(node: NodeRow): boolean;
  connected(a: string, b: string): boolean;
}

const liveReaches = new WeakMap<World, Reach>();

/** The live network as a Reach; one per world, since quorum checks run per write and per shard on every publish. */
export function liveReach(w: World): Reach {
  let reach = liveReaches.get(w);
  if (!reach) {
    reach = { up: isUp, connected: (a, b) => w.network.connected(a, b) };
    liveReaches.set(w, reach);
  }
  return reach;
}

function promisedTerm(shard: ShardRow, node: number): number {
  return shard.promised?.get(node) ?? shard.term;
}

/** Voters that would take a write from `leader` in `term`: linked, caught up, and not promised to a later term. */
export function acceptingVoters(w: World, shard: ShardRow, leader: number, term: number, reach: Reach = liveReach(w)): number {
  const lead = w.nodes[leader];
  if (!reach.up(lead)) return 0;
  let count = 0;
  for (const v of shard.voters) {
    const voter = w.nodes[v];
    const heard = v === leader || (reach.up(voter) && reach.connected(lead.id, voter.id));
    if (!heard || promisedTerm(shard, v) > term) continue;
    if (voter.disk.get(shard.index) === shard.lsn) count++;
  }
  return count;
}

export interface QuorumView {
  state: QuorumState;
  reason: string | null;
}

/** Can the shard take a write right now, and if not, why not (in words a learner can act on). */
export function quorumOf(w: World, shard: ShardRow, reach: Reach = liveReach(w)): QuorumView {
  if (shard.replicas.length === 0 && shard.primary === null && !w.nodes.some((n) => n.disk.has(shard.index)))
    return { state: 'lost', reason: 'no replica of it is left anywhere' };
  if (shard.primary === null) return { state: 'noPrimary', reason: shard.noPrimaryReason ?? 'no primary' };
  const p = w.nodes[shard.primary];
  if (!reach.up(p) || !reach.connected(CONTROL_PLANE, p.id))
    return {
      state: 'primaryUnreachable',
      reason:
        `the router cannot reach its primary ${p.id} (${reach.up(p) ? 'the link is cut' : 'it is down'}); ` +
        `writes time out until cp declares ${p.id} DEAD and elects another`,
    };
  const reached = acceptingVoters(w, shard, shard.primary, shard.term, reach);
  if (reached < majorityOf(shard.voters.length))
    return {
      state: 'noQuorum',
      reason: `its primary ${p.id} reaches ${reached} of ${shard.voters.length} voters; a write needs ${majorityOf(shard.voters.length)}`,
    };
  return { state: 'writable', reason: null };
}

// ------------------------------------------------------------ refresh

/** Shards that hold data on, or list, any of these nodes. */
export function shardsOfNodes(w: World, nodes: Iterable<NodeRow>): Set<number> {
  const out = new Set<number>();
  for (const n of nodes) {
    for (const s of n.placed) out.add(s);
    for (const s of n.disk.keys()) out.add(s);
  }
  return out;
}

export function refreshAllShards(w: World): void {
  withNews(w, () => {
    for (const shard of w.shards) refreshShard(w, shard);
    retryStalledElections(w);
  });
}

export function refreshShards(w: World, shards: Iterable<number>): void {
  withNews(w, () => {
    for (const s of shards) refreshShard(w, w.shards[s]);
    retryStalledElections(w);
  });
}

// ------------------------------------------------------------ news

/**
 * One failure can change the primaries of hundreds of shards at once. Their
 * entries are gathered while a batch runs; a kind that happened to more than
 * a few shards is told once in a summary, and the per-shard entries are kept
 * as detail (each shard's history still lists its own).
 */
const SUMMARY_AFTER = 3;

/** Writes are named only when clients write; without them, losing a primary means an election, nothing more. */
const clientsWrite = (w: World): boolean => w.workload.writesPerSec > 0;

const SUMMARY: Record<string, (n: number, ids: string, w: World) => string> = {
  'primary.lost': (n, ids, w) =>
    `${n} shards have no primary (${ids}): cp gave up on the node that led them` +
    (clientsWrite(w) ? '. Writes to them stop until elections end.' : '; an election follows for each.'),
  'primary.elected': (n, ids) => `${n} shards have a new primary, each elected by a majority of its voters that cp reaches (${ids}).`,
  'primary.electionStalled': (n, ids) =>
    `${n} shards stay without a primary (${ids}): cp cannot reach a majority of their voters. Select one to see why.`,
  'primary.handOver': (n, ids) => `${n} shards hand their primary role back to their configured primary (${ids}).`,
};

function withNews(w: World, run: () => void): void {
  if (w.quorumNews !== null) {
    run();
    return;
  }
  w.quorumNews = [];
  try {
    run();
  } finally {
    const news = w.quorumNews;
    w.quorumNews = null;
    tellAll(w, news);
  }
}

function tell(w: World, news: QuorumNews): void {
  if (w.quorumNews !== null) w.quorumNews.push(news);
  else record(w, news.actor, news.kind, news.text, news.level, news.data);
}

function tellAll(w: World, all: QuorumNews[]): void {
  const byKind = new Map<string, QuorumNews[]>();
  for (const n of all) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  for (const [kind, list] of byKind) {
    const summarise = list.length > SUMMARY_AFTER && SUMMARY[kind] !== undefined;
    if (summarise)
      record(w, list[0].actor, 'quorum.summary', SUMMARY[kind](list.length, listSome(list.map((n) => n.shard)), w), list[0].level, {
        of: kind,
        shards: list.length,
      });
    for (const n of list) record(w, n.actor, n.kind, n.text, summarise ? 'detail' : n.level, n.data);
  }
}

/**
 * Brings one shard's primary, catch-ups and roles in line with the facts:
 * demotes a primary cp gave up on, schedules elections, hands the role back
 * to a returning configured primary, starts backfills, and updates roles.
 */
export function refreshShard(w: World, shard: ShardRow): void {
  // First the router's list: a returning copy that has caught up is listed again before anything else reads it.
  if (w.rejoining.byShard.size > 0) w.hooks.settleRejoiningCopies(shard);
  if (shard.primary !== null) {
    const p = w.nodes[shard.primary];
    if (healthOf(p) === 'DEAD' || !p.disk.has(shard.index))
      dropPrimary(w, shard, `cp gave up on its primary ${p.id} (${healthOf(p) === 'DEAD' ? 'declared DEAD' : 'its copy is gone'})`);
    else maybeHandBack(w, shard);
  }
  fillVacantVotes(w, shard);
  if (shard.primary === null && !electionPending(shard)) {
    const stalled = w.stalledElections.has(shard.index);
    if (!stalled || electionOutlook(w, shard).possible) {
      w.stalledElections.delete(shard.index);
      scheduleElection(w, shard);
    }
  }
  startCatchUps(w, shard);
  forgetInformedLeaders(w, shard);
  updateRoles(w, shard);
  // The configuration was rewritten around the acting primary (replaceVoter): it is the configured one now.
  if (shard.primaryMachine?.value === 'appointed' && shard.primary === shard.configuredPrimary)
    sendPrimaryEvent(w, shard, { type: 'primary.configured' });
}

// ------------------------------------------------------------ the shard-primary machine

/** Feeds one shard's leadership machine; a shard back to `leading` drops it (a plain row again). */
export function sendPrimaryEvent(w: World, shard: ShardRow, event: ShardPrimaryEvent | MachineTimerEvent['event']): void {
  const before = shard.primaryMachine ?? LEADING;
  const step = w.shardPrimaryStepper.step(before, event as ShardPrimaryEvent);
  if (!step.changed) return;
  w.machines.note('shardPrimary', shard.id, before.value, step.state.value, event.type, w.nowMs);
  shard.primaryMachine = step.state.value === 'leading' ? null : step.state;
  carryOut(w.timers, 'shardPrimary', shard.id, step.effects, shardPrimaryHandlers, { w, shard });
}

const shardPrimaryHandlers: EffectHandlers<ShardPrimaryEffect, { w: World; shard: ShardRow }> = {
  holdElection: ({ w, shard }) => onElect(w, shard),
};

/** An election is called and not yet decided (its timer runs, or it is being held). */
export function electionPending(shard: ShardRow): boolean {
  const value = shard.primaryMachine?.value;
  return value === 'electionPending' || value === 'electing';
}

/** An operator named the primary (emergency repair): a pending or stalled election is off. */
export function cancelElection(w: World, shard: ShardRow): void {
  w.stalledElections.delete(shard.index);
  sendPrimaryEvent(w, shard, { type: 'election.cancelled' });
}

function dropPrimary(w: World, shard: ShardRow, why: string): void {
  const old = w.nodes[leaderOf(shard)];
  if (isUp(old)) (shard.staleLeaders ??= new Map()).set(old.index, shard.term);
  setPrimary(w, shard, null);
  sendPrimaryEvent(w, shard, { type: 'primary.lost' });
  shard.noPrimaryReason = `${why}; an election follows`;
  shard.noPrimarySinceMs = w.nowMs;
  tell(w, {
    actor: shard.id,
    kind: 'primary.lost',
    shard: shard.id,
    text: `${shard.id} has no primary: ${why}. ` + (clientsWrite(w) ? 'Writes stop until a new one is elected.' : 'An election follows.'),
    level: 'warn',
    data: { shard: shard.id, node: old.id, term: shard.term },
  });
}

/**
 * Calls an election: the shard's machine arms its own timer (after electionTimeout). Elections due at the
 * same moment are noted together, so that they are held in one batch and their news told together.
 */
function scheduleElection(w: World, shard: ShardRow): void {
  sendPrimaryEvent(w, shard, { type: 'election.called', timeoutMs: w.params.electionTimeoutMs });
  const dueMs = w.nowMs + w.params.electionTimeoutMs;
  const batch = w.electionsDue.get(dueMs);
  if (batch) batch.push(shard.index);
  else w.electionsDue.set(dueMs, [shard.index]);
}

/**
 * The first election timer due at this moment fired: every election due now is held in this batch (their
 * timers, due at the same millisecond, are delivered here rather than one by one), so their news is told once.
 */
export function onElectionTimer(w: World, first: ShardRow, event: MachineTimerEvent): void {
  const batch = w.electionsDue.get(w.nowMs) ?? [first.index];
  w.electionsDue.delete(w.nowMs);
  withNews(w, () => {
    for (const s of batch) {
      const shard = w.shards[s];
      if (shard.primaryMachine?.value !== 'electionPending') continue;
      w.timers.cancel('shardPrimary', shard.id, event.timerId);
      sendPrimaryEvent(w, shard, event.event);
    }
  });
}

function retryStalledElections(w: World): void {
  if (w.stalledElections.size === 0) return;
  for (const s of [...w.stalledElections]) {
    const shard = w.shards[s];
    if (shard.primary !== null || electionPending(shard)) {
      w.stalledElections.delete(s);
      continue;
    }
    if (electionOutlook(w, shard).possible) {
      w.stalledElections.delete(s);
      scheduleElection(w, shard);
    }
  }
}

// ------------------------------------------------------------ elections

interface ElectionOutlook {
  possible: boolean;
  visible: number[];
  candidates: number[];
  why: string;
}

/** What the coordinator on cp can see of the shard's voters, and whom it could appoint. */
function electionOutlook(w: World, shard: ShardRow): ElectionOutlook {
  const total = shard.voters.length;
  const visible = shard.voters.filter((v) => respondsToCp(w, w.nodes[v]) && w.nodes[v].disk.has(shard.index));
  const names = (list: number[]) => (list.length === 0 ? 'none' : list.map((v) => w.nodes[v].id).join(', '));
  if (visible.length < majorityOf(total)) {
    return {
      possible: false,
      visible,
      candidates: [],
      why:
        `cp can reach ${visible.length} of its ${total} voters (${names(visible)}); electing a primary needs ${majorityOf(total)}` +
        (total === 1
          ? ' — it has a single voter, so losing that one stops failover until it returns or a caught-up copy takes its vote'
          : total === 2
            ? ' — with two voters, losing either one stops failover, so a two-server cluster never fails over'
            : '') +
        nonTransitiveNote(w, shard, visible),
    };
  }
  // Every acknowledged write sits on a majority of voters, so a visible majority always includes a voter holding all of them.
  const candidates = visible.filter(
    (v) => w.nodes[v].disk.get(shard.index) === shard.lsn && reachableVoters(w, shard, v) >= majorityOf(total),
  );
  if (candidates.length === 0)
    return {
      possible: false,
      visible,
      candidates,
      why: `no voter that holds every acknowledged write (LSN ${shard.lsn}) reaches a majority of the voters`,
    };
  return { possible: true, visible, candidates, why: '' };
}

function reachableVoters(w: World, shard: ShardRow, from: number): number {
  let n = 0;
  for (const v of shard.voters) if (linked(w, w.nodes[from], w.nodes[v]) && w.nodes[v].disk.has(shard.index)) n++;
  return n;
}

/**
 * RethinkDB #4357: failover is decided centrally. If some voter reaches a
 * majority of the voters on its own, the replicas could carry on, yet the
 * coordinator that cannot see them will not act.
 */
function nonTransitiveNote(w: World, shard: ShardRow, visible: number[]): string {
  const need = majorityOf(shard.voters.length);
  const group = shard.voters.find((v) => isUp(w.nodes[v]) && reachableVoters(w, shard, v) >= need);
  if (group === undefined) return '';
  const peers = shard.voters.filter((v) => linked(w, w.nodes[group], w.nodes[v]) && w.nodes[v].disk.has(shard.index));
  const names = peers.map((v) => w.nodes[v].id).join(' and ');
  const hidden = peers.filter((v) => !visible.includes(v)).map((v) => w.nodes[v].id);
  // A bridge (a peer cp does reach) makes the cut non-transitive; without one it is a plain partition.
  if (peers.some((v) => visible.includes(v)))
    return (
      `. Yet ${names} can reach each other, a majority: the connectivity is non-transitive ` +
      `(cp cannot reach ${hidden.join(', ')}). The coordinator on cp counts only voters it reaches itself, so it does not fail over ` +
      `(RethinkDB issue #4357)`
    );
  return `. ${names} still form a majority, but on the other side of a partition from cp, which decides failover`;
}

/** The election is held (the machine's timer ran out): appoint a primary from the voters cp reaches, or stall. */
function onElect(w: World, shard: ShardRow): void {
  if (shard.primary !== null) {
    sendPrimaryEvent(w, shard, { type: 'primary.present', configured: shard.primary === shard.configuredPrimary });
    return;
  }
  const outlook = electionOutlook(w, shard);
  if (!outlook.possible) {
    const first = !w.stalledElections.has(shard.index);
    w.stalledElections.add(shard.index);
    sendPrimaryEvent(w, shard, { type: 'election.stalled' });
    shard.noPrimaryReason = `no failover: ${outlook.why}`;
    if (first)
      tell(w, {
        actor: 'coordinator',
        kind: 'primary.electionStalled',
        shard: shard.id,
        text: `${shard.id} stays without a primary: ${outlook.why}.`,
        level: 'alert',
        data: { shard: shard.id, visible: outlook.visible.length, voters: shard.voters.length },
      });
    updateRoles(w, shard);
    return;
  }
  const preferred = outlook.candidates.includes(shard.configuredPrimary) ? shard.configuredPrimary : outlook.candidates[0];
  appoint(w, shard, preferred, outlook.visible);
}

function appoint(w: World, shard: ShardRow, node: number, visible: number[]): void {
  // The voters cp reached promise the new term first: from then on they refuse the old primary (no split brain).
  // Voters it did not reach keep the term they knew until they hear the new primary.
  for (const v of shard.voters)
    if (!visible.includes(v) && !shard.promised?.has(v)) (shard.promised ??= new Map()).set(v, shard.term);
  for (const v of visible) shard.promised?.delete(v);
  if (shard.promised?.size === 0) shard.promised = null;
  shard.term++;
  setPrimary(w, shard, node);
  sendPrimaryEvent(w, shard, { type: 'election.won', configured: node === shard.configuredPrimary });
  shard.staleLeaders?.delete(node);
  const gapMs = shard.noPrimarySinceMs === null ? 0 : w.nowMs - shard.noPrimarySinceMs;
  const failingMs = shard.failingSinceMs === null ? null : w.nowMs - shard.failingSinceMs;
  shard.noPrimaryReason = null;
  shard.noPrimarySinceMs = null;
  const n = w.nodes[node];
  tell(w, {
    actor: 'coordinator',
    kind: 'primary.elected',
    shard: shard.id,
    text:
      `${n.id} is ${shard.id}'s primary for term ${shard.term}` +
      (node === shard.configuredPrimary ? ' (its configured primary)' : '') +
      `: cp reached ${visible.length} of ${shard.voters.length} voters, a majority. It had no primary for ${fmtMs(gapMs)}` +
      (failingMs !== null && failingMs > gapMs ? `; client writes to it had been failing for ${fmtMs(failingMs)}.` : '.'),
    level: 'warn',
    data: { shard: shard.id, node: n.id, term: shard.term, visible: visible.length, voters: shard.voters.length, gapMs },
  });
  startCatchUps(w, shard);
  updateRoles(w, shard);
}

/** The configured primary could lead the shard again: a voter the router lists, answering cp, reaching a majority of the voters. */
function homeCanLead(w: World, shard: ShardRow): boolean {
  const home = shard.configuredPrimary;
  if (home < 0 || home === shard.primary || !shard.voters.includes(home) || !shard.replicas.includes(home)) return false;
  return respondsToCp(w, w.nodes[home]) && reachableVoters(w, shard, home) >= majorityOf(shard.voters.length);
}

const homeCaughtUp = (w: World, shard: ShardRow): boolean =>
  w.nodes[shard.configuredPrimary].disk.get(shard.index) === shard.lsn && !shard.divergent?.has(shard.configuredPrimary);

/**
 * The configured primary can take its role back and holds (or is backfilling)
 * every acknowledged write, but does not lead yet: `healthy` waits for the hand-back.
 */
export function handBackPending(w: World, shard: ShardRow): boolean {
  if (shard.configuredPrimary === shard.primary || !homeCanLead(w, shard)) return false;
  return homeCaughtUp(w, shard) || (shard.catchUps?.has(shard.configuredPrimary) ?? false);
}

/** The configured primary is back, listed, caught up and well connected: the current one steps aside (never a direct switch). */
function maybeHandBack(w: World, shard: ShardRow): void {
  if (!homeCanLead(w, shard) || !homeCaughtUp(w, shard)) return;
  const node = w.nodes[shard.configuredPrimary];
  const current = w.nodes[leaderOf(shard)];
  setPrimary(w, shard, null);
  sendPrimaryEvent(w, shard, { type: 'handOver.started' });
  shard.noPrimaryReason = `hand-over: ${current.id} stepped aside so the configured primary ${node.id} can take its role back`;
  shard.noPrimarySinceMs = w.nowMs;
  tell(w, {
    actor: 'coordinator',
    kind: 'primary.handOver',
    shard: shard.id,
    text:
      `${node.id}, ${shard.id}'s configured primary, is back and caught up: ${current.id} ` +
      (clientsWrite(w) ? 'stops taking writes' : 'steps aside') +
      ` and ${node.id} takes over after an election (${w.params.electionTimeoutMs} ms without a primary).`,
    level: 'warn',
    data: { shard: shard.id, from: current.id, to: node.id },
  });
}

// ------------------------------------------------------------ catch-up

/** Backfill speed: a fixed set-up cost plus a little per missed write. */
function catchUpMs(w: World, missed: number): number {
  return w.params.controlPlaneStepMs + 10 * missed;
}

/**
 * Where a lagging replica backfills from: the primary; with no primary, any
 * replica it reaches that holds every acknowledged write (that log is
 * committed, so copying it is safe, and it lets re-homed replicas become
 * voters and a majority form again).
 */
function catchUpSource(w: World, shard: ShardRow, node: NodeRow): NodeRow | null {
  if (shard.primary !== null) {
    const primary = w.nodes[shard.primary];
    return linked(w, primary, node) ? primary : null;
  }
  for (const r of shard.replicas) {
    const peer = w.nodes[r];
    if (peer !== node && peer.disk.get(shard.index) === shard.lsn && !shard.divergent?.has(r) && linked(w, peer, node)) return peer;
  }
  return null;
}

function startCatchUps(w: World, shard: ShardRow): void {
  for (const r of holders(w, shard)) {
    if (r === shard.primary) continue;
    const node = w.nodes[r];
    if (catchUpSource(w, shard, node) === null) continue;
    // Hearing the primary, it learns the current term.
    if (shard.primary !== null && shard.promised?.delete(r) && shard.promised.size === 0) shard.promised = null;
    const lsn = node.disk.get(shard.index) ?? 0;
    if (lsn === shard.lsn && !shard.divergent?.has(r)) continue;
    if (shard.catchUps?.has(r)) continue;
    const due = schedule(w, w.nowMs + catchUpMs(w, Math.abs(shard.lsn - lsn)), { type: 'replica.caughtUp', shard: shard.index, node: r });
    (shard.catchUps ??= new Map()).set(r, due);
  }
}

/** An operator rewrote the shard (emergency repair): the backfills under way are taken off the clock. */
export function cancelCatchUps(w: World, shard: ShardRow): void {
  for (const due of shard.catchUps?.values() ?? []) unschedule(w, due);
  shard.catchUps = null;
}

export function onReplicaCaughtUp(w: World, shardIndex: number, nodeIndex: number): boolean {
  const shard = w.shards[shardIndex];
  if (!shard.catchUps?.has(nodeIndex)) return false;
  shard.catchUps.delete(nodeIndex);
  if (shard.catchUps.size === 0) shard.catchUps = null;
  const node = w.nodes[nodeIndex];
  if (catchUpSource(w, shard, node) === null || !node.disk.has(shardIndex)) {
    refreshShard(w, shard);
    return true;
  }
  const before = node.disk.get(shardIndex) ?? 0;
  const dropped = shard.divergent?.delete(nodeIndex) ? Math.max(0, before - shard.lsn) : 0;
  if (shard.divergent?.size === 0) shard.divergent = null;
  node.disk.set(shardIndex, shard.lsn);
  record(
    w,
    node.id,
    'replica.caughtUp',
    `${node.id} has caught up on ${shard.id} (LSN ${shard.lsn}` +
      (dropped > 0 ? `; it first discarded ${dropped} write(s) the emergency repair rolled back` : `, ${Math.max(0, shard.lsn - before)} write(s) backfilled`) +
      ').',
    'info',
    { shard: shard.id, node: node.id, lsn: shard.lsn },
  );
  refreshShard(w, shard);
  return true;
}

/**
 * A vote left by a node the router dropped goes to a replica it does list
 * that holds every acknowledged write (a re-homed copy, a returning node),
 * unless that replica is configured not to vote. Only such a replica may
 * vote: otherwise a majority without those writes could elect a primary.
 *
 * A shard left with fewer voters than its replication factor (an emergency
 * repair kept only the replicas cp reached, or recreated it on one node)
 * takes each replica re-replication adds as a voter once it has caught up,
 * as RethinkDB does. Adding a voter that holds every acknowledged write
 * keeps each of those writes on a majority of the larger set.
 */
function fillVacantVotes(w: World, shard: ShardRow): void {
  const full = shard.voters.length >= w.replicationFactor;
  if (full && shard.voters.every((v) => shard.replicas.includes(v))) return;
  for (const r of shard.replicas) {
    if (shard.voters.includes(r) || shard.nonVoting?.has(r)) continue;
    if (w.nodes[r].disk.get(shard.index) !== shard.lsn || shard.divergent?.has(r)) continue;
    const gone = shard.voters.find((v) => !shard.replicas.includes(v));
    if (gone !== undefined) replaceVoter(w, shard, gone, r);
    else if (shard.voters.length < w.replicationFactor) addVoter(w, shard, r);
    else return;
  }
}

function addVoter(w: World, shard: ShardRow, incoming: number): void {
  shard.voters = [...shard.voters, incoming];
  record(
    w,
    shard.id,
    'voters.changed',
    `${shard.id}'s voters are now ${shard.voters.map((v) => w.nodes[v].id).join(', ')}: ${w.nodes[incoming].id} has caught up and joins them.`,
    'detail',
    { shard: shard.id, voters: shard.voters.map((v) => w.nodes[v].id) },
  );
}

export function replaceVoter(w: World, shard: ShardRow, gone: number, incoming: number): void {
  shard.voters = shard.voters.map((v) => (v === gone ? incoming : v));
  shard.promised?.delete(gone);
  // The configuration was rewritten without the old node; if it was the configured primary, the acting one is now.
  if (shard.configuredPrimary === gone) shard.configuredPrimary = shard.primary !== null ? shard.primary : incoming;
  record(
    w,
    shard.id,
    'voters.changed',
    `${shard.id}'s voters are now ${shard.voters.map((v) => w.nodes[v].id).join(', ')}: ${w.nodes[incoming].id} replaces ${w.nodes[gone].id}.`,
    // Every re-homed copy does this; the copy's own entry is the news, this is the shard's detail.
    'detail',
    { shard: shard.id, voters: shard.voters.map((v) => w.nodes[v].id) },
  );
}

// ------------------------------------------------------------ roles

/** Nodes that matter to the shard: listed by the router, or a voter that still has the data. */
export function holders(w: World, shard: ShardRow): number[] {
  const out = [...shard.replicas];
  for (const v of shard.voters) if (!out.includes(v) && w.nodes[v].disk.has(shard.index)) out.push(v);
  // Returning copies that backfill before the router lists them again (rejoin.ts).
  const rejoining = rejoiningCopiesOf(w, shard.index);
  if (rejoining) for (const r of rejoining) if (!out.includes(r) && w.nodes[r].disk.has(shard.index)) out.push(r);
  return out;
}

export function defaultRole(shard: ShardRow, node: number): ReplicaRole {
  return node === shard.primary ? 'primary' : 'secondary';
}

export function roleOf(shard: ShardRow, node: number): ReplicaRole {
  return shard.roles?.get(node) ?? defaultRole(shard, node);
}

function updateRoles(w: World, shard: ShardRow): void {
  const primary = shard.primary !== null ? w.nodes[shard.primary] : null;
  const hasQuorum = primary !== null && acceptingVoters(w, shard, primary.index, shard.term) >= majorityOf(shard.voters.length);
  let roles: Map<number, ReplicaRole> | null = null;
  const visit = (r: number) => {
    const node = w.nodes[r];
    const before = roleOf(shard, r);
    const up = isUp(node);
    const caughtUp = node.disk.get(shard.index) === shard.lsn && !shard.divergent?.has(r);
    const linkedToPrimary = primary !== null && linked(w, primary, node);
    // The calm case (a leading primary, caught-up secondaries) needs no machine step and stores nothing.
    const calm = up && (r === shard.primary ? hasQuorum : linkedToPrimary && caughtUp && r !== shard.primary);
    if (calm && before === defaultRole(shard, r)) return;
    const after = w.roleStepper.next(before, { up, isPrimary: r === shard.primary, hasQuorum, hasPrimary: primary !== null, linkedToPrimary, caughtUp });
    if (after !== defaultRole(shard, r)) (roles ??= new Map()).set(r, after);
    if (after !== before) announceRole(w, shard, node, before, after);
  };
  for (const r of shard.replicas) visit(r);
  for (const v of shard.voters) if (!shard.replicas.includes(v) && w.nodes[v].disk.has(shard.index)) visit(v);
  const rejoining = rejoiningCopiesOf(w, shard.index);
  if (rejoining)
    for (const r of rejoining)
      if (!shard.replicas.includes(r) && !shard.voters.includes(r) && w.nodes[r].disk.has(shard.index)) visit(r);
  shard.roles = roles;
}

/**
 * Only the changes a learner must notice get a trace entry: a primary losing
 * or regaining its quorum. The rest (a crashed node's replicas going
 * disconnected, a backfill ending) already has an entry of its own.
 */
function announceRole(w: World, shard: ShardRow, node: NodeRow, before: ReplicaRole, after: ReplicaRole): void {
  const lost = after === 'waitingForQuorum';
  const regained = before === 'waitingForQuorum' && after === 'primary';
  if (!lost && !regained) return;
  record(
    w,
    node.id,
    'replica.role',
    lost
      ? `${node.id}, ${shard.id}'s primary, is waiting for quorum and refuses writes: it reaches ` +
          `${acceptingVoters(w, shard, node.index, shard.term)} of ${shard.voters.length} voters; a write needs ${majorityOf(shard.voters.length)}.`
      : `${node.id} reaches a majority of ${shard.id}'s voters again and takes writes.`,
    'warn',
    { shard: shard.id, node: node.id, from: before, to: after },
  );
}

/** Old primaries learn of the new term as soon as they can hear the new primary or cp. */
function forgetInformedLeaders(w: World, shard: ShardRow): void {
  if (!shard.staleLeaders) return;
  for (const [node] of shard.staleLeaders) {
    const n = w.nodes[node];
    const informed =
      !isUp(n) || respondsToCp(w, n) || (shard.primary !== null && linked(w, w.nodes[shard.primary], n));
    if (informed) shard.staleLeaders.delete(node);
  }
  if (shard.staleLeaders.size === 0) shard.staleLeaders = null;
}
