import { LEADING } from '../../machines/shard-primary-stepper';
import type { ShardPrimaryEffect, ShardPrimaryEvent } from '../../machines/shard-primary.machine';
import type { EffectHandlers } from '../../machines/machine-step';
import { carryOut, type MachineTimerEvent } from '../machine-timers';
import { startCatchUps } from './catch-up';
import { clientsWrite, tell, withNews } from './news';
import { electionOutlook } from './outlook';
import { updateRoles } from './roles';
import { appointmentMayAct } from '../control-plane/journal';
import { fmtMs, isUp, leaderOf, type ShardRow, type World } from '../world';

/**
 * A shard's primary: lost, an election called on the shard-primary machine's own timer, held in batches,
 * won by a voter cp reaches, or stalled for want of a majority.
 */

/** The one place a shard's primary changes, so the count of shards without one stays exact. */
export function setPrimary(w: World, shard: ShardRow, node: number | null): void {
  shard.primary = node;
  if (node === null) w.quorum.primaryless.add(shard.index);
  else w.quorum.primaryless.delete(shard.index);
}

/** Feeds one shard's leadership machine; a shard back to `leading` drops it (a plain row again). */
export function sendPrimaryEvent(w: World, shard: ShardRow, event: ShardPrimaryEvent | MachineTimerEvent['event']): void {
  const before = shard.primaryMachine ?? LEADING;
  const step = w.quorum.shardPrimaryStepper.step(before, event as ShardPrimaryEvent);
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
  w.quorum.stalledElections.delete(shard.index);
  sendPrimaryEvent(w, shard, { type: 'election.cancelled' });
}

export function dropPrimary(w: World, shard: ShardRow, why: string): void {
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
 * The primary came back from a crash without writes it had acknowledged (§5.2), or with a hole its replay left
 * (skipAnyCorrupted: divergent from `divergentFrom` on, §3.5): it steps down itself (a restarted Raft node is a
 * follower), and an election follows among the voters that hold them.
 */
export function stepDownAmnesiac(w: World, shard: ShardRow, lostAbove: number, divergentFrom: number | null = null): void {
  const node = w.nodes[leaderOf(shard)];
  const held = node.disk.get(shard.index) ?? 0;
  dropPrimary(
    w,
    shard,
    divergentFrom !== null && held >= lostAbove
      ? `${node.id} came back with a hole in its copy of ${shard.id} (its replay skipped a damaged record after LSN ${divergentFrom}) and steps down`
      : `${node.id} came back without acknowledged writes (it holds LSN ${held} of ${lostAbove}) and steps down`,
  );
  // It knows it stepped down: it is not a leader unaware of a newer term.
  shard.staleLeaders?.delete(node.index);
  if (shard.staleLeaders?.size === 0) shard.staleLeaders = null;
}

/**
 * Calls an election: the shard's machine arms its own timer (after electionTimeout). Elections due at the
 * same moment are noted together, so that they are held in one batch and their news told together.
 */
export function scheduleElection(w: World, shard: ShardRow): void {
  sendPrimaryEvent(w, shard, { type: 'election.called', timeoutMs: w.params.electionTimeoutMs });
  const dueMs = w.nowMs + w.params.electionTimeoutMs;
  const batch = w.quorum.electionsDue.get(dueMs);
  if (batch) batch.push(shard.index);
  else w.quorum.electionsDue.set(dueMs, [shard.index]);
}

/**
 * The first election timer due at this moment fired: every election due now is held in this batch (their
 * timers, due at the same millisecond, are delivered here rather than one by one), so their news is told once.
 */
export function onElectionTimer(w: World, first: ShardRow, event: MachineTimerEvent): void {
  const batch = w.quorum.electionsDue.get(w.nowMs) ?? [first.index];
  w.quorum.electionsDue.delete(w.nowMs);
  withNews(w, () => {
    for (const s of batch) {
      const shard = w.shards[s];
      if (shard.primaryMachine?.value !== 'electionPending') continue;
      w.timers.cancel('shardPrimary', shard.id, event.timerId);
      sendPrimaryEvent(w, shard, event.event);
    }
  });
}

export function retryStalledElections(w: World): void {
  if (w.quorum.stalledElections.size === 0) return;
  for (const s of [...w.quorum.stalledElections]) {
    const shard = w.shards[s];
    if (shard.primary !== null || electionPending(shard)) {
      w.quorum.stalledElections.delete(s);
      continue;
    }
    if (electionOutlook(w, shard).possible) {
      w.quorum.stalledElections.delete(s);
      scheduleElection(w, shard);
    }
  }
}

/** The election is held (the machine's timer ran out): appoint a primary from the voters cp reaches, or stall. */
function onElect(w: World, shard: ShardRow): void {
  if (shard.primary !== null) {
    sendPrimaryEvent(w, shard, { type: 'primary.present', configured: shard.primary === shard.configuredPrimary });
    return;
  }
  const outlook = electionOutlook(w, shard);
  if (!outlook.possible) {
    const first = !w.quorum.stalledElections.has(shard.index);
    w.quorum.stalledElections.add(shard.index);
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
  // With a metadata journal the winner leads only once its primary.appointed is committed (commitAppointment).
  if (!appointmentMayAct(w, shard, preferred)) return;
  appoint(w, shard, preferred, outlook.visible);
}

/**
 * A journaled appointment is committed: the winner leads, if the election is still being held and what cp sees
 * still allows it; otherwise the election is held again on today's facts (and journaled again).
 */
export function commitAppointment(w: World, shard: ShardRow, node: number, term: number): void {
  if (shard.primary !== null || shard.primaryMachine?.value !== 'electing') return;
  const outlook = electionOutlook(w, shard);
  if (outlook.possible && outlook.candidates.includes(node) && shard.term + 1 === term) appoint(w, shard, node, outlook.visible);
  else withNews(w, () => onElect(w, shard));
}

/** The old cp leader died before a majority held the shard's appointment: the new one holds the election again. */
export function reholdElection(w: World, shard: ShardRow): void {
  if (shard.primary === null && shard.primaryMachine?.value === 'electing') withNews(w, () => onElect(w, shard));
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
