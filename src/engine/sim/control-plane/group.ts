import { cpMemberMachine, type CpMemberEffect, type CpMemberEvent } from '../../machines/cp-member.machine';
import { stateOf, stepMachine, type EffectHandlers } from '../../machines/machine-step';
import { atLeastAsUpToDate, describeEntry, majorityIndex, type JournalRecord, type MetaEntry } from '../../model/cp-journal';
import type { CpFailoverStep } from '../../control-plane-types';
import { armMonitor, sendMonitorEvent } from '../heartbeats';
import { sendFailoverEvent } from '../failover';
import { cancelJob, holdFailover, NO_FAILOVER, onCaughtUp, pumpCopies, releaseFailover, replanWaitingShards } from '../migrator';
import { carryOut } from '../machine-timers';
import { commitAppointment, commitVoterChange, refreshAllShards, refreshShards, reholdElection, withNews } from '../quorum';
import { fmtMs, healthOf, listSome, record, schedule, type World } from '../world';
import { appendCopyCommitted, appendDeath, appendEntry, groupOn, leaderRow, sendJournal, summarizeEntries } from './journal';
import type { CpMemberRow } from './state';
import { applyJournaledDecision, resolveFromJournal } from '../transactions/run';

/**
 * The 3-member control plane at work (design recovery-repair.md §8.3): members crash and restart, followers that
 * stop hearing the leader stand for election after their own timeout, a candidate wins with a majority whose
 * journals are no more up to date than its own, and the new leader takes over step by step — no-op committed,
 * journal replayed (hot: nothing to do; cold: from the last snapshot), the nodes' inventories validated against the
 * journal, the monitor restarted. Entries commit when a majority holds them; committed decisions apply here.
 */

const roleOf = (m: CpMemberRow): string => stateOf(m.machine);
export const isMemberUp = (m: CpMemberRow): boolean => roleOf(m) !== 'down';

/** Feeds a member's machine and carries out what it decides. */
export function sendMemberEvent(w: World, member: CpMemberRow, event: CpMemberEvent): void {
  const step = stepMachine(cpMemberMachine, member.machine, event);
  if (!step.changed) return;
  w.machines.note('cpMember', member.id, roleOf(member), stateOf(step.snapshot), event.type, w.nowMs);
  member.machine = step.snapshot;
  carryOut(w.timers, 'cpMember', member.id, step.effects, memberHandlers, { w, member });
}

// ------------------------------------------------------------ commands

export function crashMember(w: World, member: CpMemberRow): void {
  const led = w.controlPlane.leader === member.index;
  sendMemberEvent(w, member, { type: 'member.crashed' });
  if (!led)
    record(w, member.id, 'cp.memberCrashed', `${member.id} (a follower) goes down. ${w.controlPlane.leader === null ? 'There is still no leader.' : `${leaderRow(w)!.id} still leads with the other member: a majority of 2 of 3.`}`, 'warn', {
      member: member.id,
    });
}

export function restartMember(w: World, member: CpMemberRow): void {
  sendMemberEvent(w, member, { type: 'member.restarted' });
}

// ------------------------------------------------------------ who hears the leader

/** Every member that is up, not the leader, and no longer hears it starts (or keeps) its election timer; one that hears it stops. */
export function reviewMembers(w: World): void {
  if (!groupOn(w)) return;
  const leader = leaderRow(w);
  for (const m of w.controlPlane.members) {
    if (m === leader || !isMemberUp(m)) continue;
    const hears = leader !== null && w.network.connected(leader.id, m.id);
    const role = roleOf(m);
    if (hears && (role === 'waiting' || role === 'candidate' || role === 'leader')) {
      m.term = Math.max(m.term, leader.term);
      sendMemberEvent(w, m, { type: 'leader.heard' });
      sendJournal(w, leader, leader.log.length);
    } else if (!hears && role === 'follower') {
      sendMemberEvent(w, m, { type: 'leader.silent', timeoutMs: drawTimeout(w, m) });
    }
  }
}

/** §11.8: each election timeout from the member's own stream, so nothing else is reshuffled. */
function drawTimeout(w: World, m: CpMemberRow): number {
  const { cpElectionTimeoutMinMs: min, cpElectionTimeoutMaxMs: max } = w.params;
  return Math.round(min + w.random.get(`cp:${m.id}:election`).next() * Math.max(0, max - min));
}

// ------------------------------------------------------------ elections

export function onVotesCounted(w: World, memberIndex: number, term: number): void {
  const candidate = w.controlPlane.members[memberIndex];
  if (roleOf(candidate) !== 'candidate' || candidate.term !== term) return;
  const granted = [candidate.id];
  const refused: string[] = [];
  for (const voter of w.controlPlane.members) {
    if (voter === candidate) continue;
    if (!isMemberUp(voter) || !w.network.connected(candidate.id, voter.id)) {
      refused.push(`${voter.id} (unreachable)`);
      continue;
    }
    const free = voter.term < term || (voter.term === term && (voter.votedFor === null || voter.votedFor === candidate.id));
    if (!free) {
      refused.push(`${voter.id} (voted for ${voter.votedFor ?? 'another'} in term ${voter.term})`);
      continue;
    }
    if (!atLeastAsUpToDate(candidate.log, voter.log)) {
      refused.push(`${voter.id} (its journal is more up to date)`);
      voter.term = Math.max(voter.term, term);
      continue;
    }
    voter.term = term;
    voter.votedFor = candidate.id;
    granted.push(voter.id);
  }
  const majority = Math.floor(w.controlPlane.members.length / 2) + 1;
  if (granted.length >= majority) {
    record(w, candidate.id, 'cp.elected', `${candidate.id} is elected leader for term ${term} by ${granted.join(', ')} (a majority of ${w.controlPlane.members.length}); the epoch is ${term}, so nothing an older leader sends is accepted.`, 'info', {
      member: candidate.id,
      term,
      votes: granted,
    });
    noteStep(w, 'elected', `${candidate.id} elected for term ${term} by ${granted.join(', ')}`, candidate.id);
    sendMemberEvent(w, candidate, { type: 'election.won' });
  } else {
    record(w, candidate.id, 'cp.electionFailed', `${candidate.id} gets ${granted.length} vote(s) of the ${majority} it needs in term ${term}: ${listSome(refused)}. It waits and stands again.`, 'warn', {
      member: candidate.id,
      term,
    });
    sendMemberEvent(w, candidate, { type: 'election.lost', timeoutMs: drawTimeout(w, candidate) });
  }
}

// ------------------------------------------------------------ the journal

/** The leader's journal up to `index` reaches a member: it holds it (dropping whatever of its own disagrees). */
export function onJournalDeliver(w: World, memberIndex: number, index: number, term: number): void {
  const cp = w.controlPlane;
  const member = cp.members[memberIndex];
  const leader = leaderRow(w);
  const due = cp.deliveries.get(memberIndex);
  if (due !== undefined && due.dueMs === w.nowMs && due.term === term) {
    index = Math.max(index, due.index);
    cp.deliveries.delete(memberIndex);
  }
  if (!leader || leader.term !== term || !isMemberUp(member) || member === leader) return;
  member.term = Math.max(member.term, term);
  const upTo = Math.min(index, leader.log.length);
  let common = 0;
  while (common < Math.min(upTo, member.log.length) && member.log[common].term === leader.log[common].term) common++;
  if (member.log.length > common && member.log.length > 0 && common < member.log.length) {
    const dropped = member.log.length - common;
    if (member.log.slice(common).some((r) => r.index <= upTo))
      record(w, member.id, 'cp.journalTruncated', `${member.id} drops ${dropped} journal entr${dropped === 1 ? 'y' : 'ies'} from #${common + 1} that the leader ${leader.id} does not hold: an old leader's uncommitted suffix (ZooKeeper's TRUNC).`, 'warn', {
        member: member.id,
        from: common + 1,
      });
    member.log.length = common;
  }
  for (let i = member.log.length; i < upTo; i++) member.log.push(leader.log[i]);
  advanceCommit(w);
}

/** The highest index a majority holds (with the leader's term there, as Raft requires); each newly committed entry applies. */
export function advanceCommit(w: World): void {
  const cp = w.controlPlane;
  const leader = leaderRow(w);
  if (!leader) return;
  const held = cp.members.map((m) => (m === leader ? leader.log.length : isMemberUp(m) ? matchLength(m.log, leader.log) : 0));
  const top = majorityIndex(held, cp.members.length);
  if (top <= cp.commitIndex || leader.log[top - 1]?.term !== leader.term) return;
  const from = cp.commitIndex;
  cp.commitIndex = top;
  const every = w.params.cpSnapshotEveryEntries;
  if (every > 0) cp.snapshotIndex = Math.floor(top / every) * every;
  if (!cp.replaying) leader.appliedIndex = top;
  // A hot standby applies as entries commit; a cold one only keeps them (it replays when it leads).
  for (const m of cp.members)
    if (m !== leader && isMemberUp(m)) m.appliedIndex = cp.config.standby === 'hot' ? Math.min(top, m.log.length) : Math.min(cp.snapshotIndex, m.log.length);
  // Many shards' news at once (elections decided in one batch) is told as one summary, as without a journal.
  withNews(w, () => applyRange(w, leader, from, top));
}

function applyRange(w: World, leader: CpMemberRow, from: number, top: number): void {
  for (let i = from; i < top; ) {
    // A run of entries of one kind (a dead node's replica removals, a batch of elections) is told in one line.
    const rec = leader.log[i];
    let end = i + 1;
    while (end < top && sameRun(rec.entry, leader.log[end].entry)) end++;
    if (end - i > 1) {
      const entries = leader.log.slice(i, end).map((r) => r.entry);
      record(w, leader.id, 'cp.journalCommitted', `#${rec.index}–#${rec.index + end - i - 1} are committed (a majority holds them): ${summarizeEntries(entries)}.`, 'detail', {
        index: rec.index,
        to: rec.index + end - i - 1,
        entry: rec.entry.type,
      });
      for (let j = i; j < end; j++) applyCommitted(w, leader, leader.log[j], true);
    } else applyCommitted(w, leader, rec);
    i = end;
  }
}

function sameRun(a: MetaEntry, b: MetaEntry): boolean {
  if (a.type === 'replica.removed') return b.type === 'replica.removed' && a.node === b.node && a.reason === b.reason;
  return (a.type === 'primary.appointed' || a.type === 'voters.changed') && b.type === a.type;
}

function matchLength(log: readonly JournalRecord[], leaderLog: readonly JournalRecord[]): number {
  let n = 0;
  while (n < log.length && n < leaderLog.length && log[n].term === leaderLog[n].term && log[n].index === leaderLog[n].index) n++;
  return n;
}

/** A committed entry takes effect (applying it twice changes nothing: each effect checks it has not happened). */
export function applyCommitted(w: World, leader: CpMemberRow, rec: JournalRecord, told = false): void {
  const cp = w.controlPlane;
  const entry = rec.entry;
  if (entry.type !== 'noop' && !told)
    record(w, leader.id, 'cp.journalCommitted', `#${rec.index} is committed (a majority holds it): ${describeEntry(entry)}.`, 'detail', {
      index: rec.index,
      entry: entry.type,
    });
  switch (entry.type) {
    case 'noop':
      if (rec.term === leader.term && cp.replaying) onNoopCommitted(w, leader, rec.index);
      return;
    case 'node.declaredDead':
    case 'failover.started':
    case 'replica.removed':
      // The failover path starts once its whole batch is held by a majority: the declaration, the path's start and
      // the router's removal of each replica the node held (router-removal.ts carries them out).
      if (cp.pendingDead.get(entry.node) !== rec.index) return;
      cp.pendingDead.delete(entry.node);
      sendFailoverEvent(w, { type: 'node.declaredDead', node: entry.node });
      return;
    case 'copy.committed': {
      const job = w.migrator.jobs.get(entry.job);
      if (!job || cp.awaitingCommit.get(job.id) !== rec.index) return;
      cp.awaitingCommit.delete(job.id);
      cp.commitReady.add(job.id);
      onCaughtUp(w, job.id);
      return;
    }
    case 'txn.decided': {
      const txn = Number(entry.txn.slice(1));
      // At a takeover the new leader resolves from its whole journal once it has replayed it (replayJournal).
      if (cp.replaying || cp.pendingTxnDecisions.get(txn) !== rec.index) return;
      cp.pendingTxnDecisions.delete(txn);
      applyJournaledDecision(w, txn, entry.decision);
      return;
    }
    case 'primary.appointed':
    case 'voters.changed':
      // A takeover's no-op commits these before the new leader has replayed: they take effect once it has (restartMonitor).
      if (!cp.replaying) applyShardDecision(w, rec);
      return;
    default:
      return;
  }
}

/** A committed appointment or voter change takes effect, if it is the one the shard waits for. */
function applyShardDecision(w: World, rec: JournalRecord): void {
  const cp = w.controlPlane;
  const entry = rec.entry;
  if (entry.type === 'primary.appointed') {
    const shard = w.shards.find((s) => s.id === entry.shard)!;
    const pending = cp.pendingAppointments.get(shard.index);
    if (pending?.index !== rec.index) return;
    cp.pendingAppointments.delete(shard.index);
    commitAppointment(w, shard, pending.node, pending.term);
  } else if (entry.type === 'voters.changed') {
    const shard = w.shards.find((s) => s.id === entry.shard)!;
    const pending = cp.pendingVoters.get(shard.index);
    if (pending?.index !== rec.index) return;
    cp.pendingVoters.delete(shard.index);
    commitVoterChange(w, shard, pending.gone, pending.incoming);
    refreshShards(w, [shard.index]);
  }
}

/**
 * At a takeover: decisions committed by the new leader's no-op take effect now; those the old leader appended and no
 * majority held are gone with it, and decided again (an election held again, a vote filled again).
 */
function settleShardDecisions(w: World, leader: CpMemberRow): void {
  const cp = w.controlPlane;
  const held = (index: number, type: MetaEntry['type'], shard: string) => {
    const e = leader.log[index - 1]?.entry;
    return e !== undefined && e.type === type && 'shard' in e && e.shard === shard;
  };
  const lost: string[] = [];
  const again: number[] = [];
  for (const [s, p] of [...cp.pendingAppointments]) {
    const shard = w.shards[s];
    if (!held(p.index, 'primary.appointed', shard.id)) {
      cp.pendingAppointments.delete(s);
      lost.push(`${w.nodes[p.node].id} to lead ${shard.id}`);
      again.push(s);
    } else if (p.index <= cp.commitIndex) applyShardDecision(w, leader.log[p.index - 1]);
  }
  for (const [s, p] of [...cp.pendingVoters]) {
    const shard = w.shards[s];
    if (!held(p.index, 'voters.changed', shard.id)) {
      cp.pendingVoters.delete(s);
      lost.push(`${w.nodes[p.incoming].id} to vote on ${shard.id}`);
    } else if (p.index <= cp.commitIndex) applyShardDecision(w, leader.log[p.index - 1]);
  }
  if (lost.length > 0)
    record(
      w,
      leader.id,
      'cp.decisionsLost',
      `${lost.length} decision(s) the old leader appended reached no majority and are gone with it (${listSome(lost)}): nothing acted on them, so ${leader.id} decides again on today's facts.`,
      'info',
      { member: leader.id, decisions: lost.length },
    );
  for (const s of again) reholdElection(w, w.shards[s]);
}

// ------------------------------------------------------------ takeover (§8.3 steps 4–7)

function onNoopCommitted(w: World, leader: CpMemberRow, index: number): void {
  const cp = w.controlPlane;
  const entries = Math.max(0, cp.commitIndex - cp.snapshotIndex);
  const replayMs = cp.config.standby === 'hot' ? 0 : entries * w.params.cpApplyMsPerEntry;
  record(w, leader.id, 'cp.noopCommitted', `${leader.id}'s empty entry #${index} of term ${leader.term} is committed: it now knows the commit index is ${cp.commitIndex}.`, 'info', {
    member: leader.id,
    commitIndex: cp.commitIndex,
  });
  noteStep(w, 'noopCommitted', `no-op #${index} committed; commit index ${cp.commitIndex}`);
  schedule(w, w.nowMs + replayMs, { type: 'cp.takeoverStep', member: leader.index, term: leader.term, step: 'replay' });
}

export function onTakeoverStep(w: World, memberIndex: number, term: number, step: 'noop' | 'replay' | 'validate'): void {
  const cp = w.controlPlane;
  const leader = cp.members[memberIndex];
  if (cp.leader !== memberIndex || leader.term !== term) return;
  if (step === 'replay') replayJournal(w, leader);
  else if (step === 'validate') validateState(w, leader);
}

function replayJournal(w: World, leader: CpMemberRow): void {
  const cp = w.controlPlane;
  const entries = Math.max(0, cp.commitIndex - cp.snapshotIndex);
  const hot = cp.config.standby === 'hot';
  const text = !cp.config.journal
    ? `${leader.id} has no metadata journal to replay: it starts from the last snapshot of placement it was sent, and knows nothing of copies planned since.`
    : hot
      ? `${leader.id} was a hot standby: it had applied every committed entry as it arrived (0 ms).`
      : `${leader.id} was a cold standby: it replays ${entries} entr${entries === 1 ? 'y' : 'ies'} since the journal snapshot at #${cp.snapshotIndex} ` +
        `(${entries} × ${w.params.cpApplyMsPerEntry} ms = ${fmtMs(entries * w.params.cpApplyMsPerEntry)}).`;
  leader.appliedIndex = cp.commitIndex;
  cp.replaying = false;
  if (cp.unavailableSinceMs !== null) {
    cp.unavailableMs += w.nowMs - cp.unavailableSinceMs;
    cp.unavailableSinceMs = null;
  }
  record(w, leader.id, 'cp.journalReplayed', text, 'info', { member: leader.id, entries: hot || !cp.config.journal ? 0 : entries, standby: cp.config.standby });
  noteStep(w, 'journalReplayed', text);
  // Two-phase decisions (§9.3): resolved from the journal where it holds them committed; presumed abort where not.
  const journaled = new Map<string, { decision: 'commit' | 'abort'; index: number }>();
  for (const r of leader.log.slice(0, cp.commitIndex)) if (r.entry.type === 'txn.decided') journaled.set(r.entry.txn, { decision: r.entry.decision, index: r.index });
  cp.pendingTxnDecisions.clear();
  resolveFromJournal(w, leader.id, journaled);
  // Asking every node for its inventory takes a round trip.
  schedule(w, w.nowMs + 2 * w.params.linkLatencyMs, { type: 'cp.takeoverStep', member: leader.index, term: leader.term, step: 'validate' });
}

/**
 * ValidateClusterState (§8.3 step 6): every copy under way is compared with the journal. A committed plan goes on;
 * a replica no committed plan lists is an orphan, removed (replica.gc) — or kept (copy.resumed) with resumeCopies
 * when it is complete; the shard is planned again. Without a journal nothing can be compared: every copy the old
 * leader ran is forgotten, and the shards it was repairing wait for nobody.
 */
function validateState(w: World, leader: CpMemberRow): void {
  const cp = w.controlPlane;
  const items: string[] = [];
  const jobs = [...w.migrator.jobs.values()].filter((j) => !j.catchUp);
  if (!cp.config.journal) {
    for (const job of jobs) {
      const shard = w.shards[job.shard];
      items.push(`${shard.id} → ${w.nodes[job.target].id}`);
      // The path these copies served ends with the shard still short: not "every copy it planned has landed".
      if (job.failoverIndex !== NO_FAILOVER)
        w.failoverPath.shardsUnplaced.set(job.failoverIndex, (w.failoverPath.shardsUnplaced.get(job.failoverIndex) ?? 0) + 1);
      cancelJob(w, job);
    }
    // Its last snapshot of placement predates the losses: every shard short of replicas looks whole to it, so nobody
    // re-plans them — no plan, no reason (the invariants name each one).
    const short: string[] = [];
    for (const shard of w.affected.values())
      if (shard.replicas.length > 0 && shard.replicas.length < w.replicationFactor) {
        cp.believedWhole.add(shard.index);
        shard.waiting = null;
        short.push(shard.id);
      }
    const text =
      `no journal to compare with: ${jobs.length} copy job(s) of the old leader are lost${jobs.length > 0 ? ` (${listSome(items)})` : ''}, their targets keep what they received, listed nowhere; ` +
      `${short.length} shard(s) short of replicas look whole in its snapshot of placement, so nobody repairs them${short.length > 0 ? ` (${listSome(short)})` : ''}`;
    record(w, leader.id, 'cp.stateValidated', `${leader.id} asks every node for its replica inventory: ${text}.`, jobs.length > 0 ? 'alert' : 'info', {
      member: leader.id,
      lost: jobs.length,
    });
    noteStep(w, 'stateValidated', text);
    restartMonitor(w, leader, false);
    return;
  }
  let kept = 0;
  let orphans = 0;
  let forgotten = 0;
  // Shards whose copy is stopped here are planned again for the same failover path, which stays open meanwhile.
  const replanFor = new Map<number, number>();
  const stop = (job: (typeof jobs)[number]) => {
    if (job.failoverIndex !== NO_FAILOVER) {
      if (!replanFor.has(job.shard)) holdFailover(w, job.failoverIndex);
      replanFor.set(job.shard, job.failoverIndex);
    }
    cancelJob(w, job);
  };
  for (const job of jobs) {
    const shard = w.shards[job.shard];
    const target = w.nodes[job.target];
    const plan = cp.planOf.get(job.id);
    const entry = plan !== undefined && plan <= cp.commitIndex ? leader.log[plan - 1]?.entry : undefined;
    const committed = entry?.type === 'copy.planned' && entry.job === job.id && entry.target === target.id;
    if (committed) {
      kept++;
      items.push(`${shard.id} → ${target.id} committed, continues`);
      continue;
    }
    if (job.phase === 'queued') {
      // Never started under its plan: only the old leader's queue knew it; the shard is planned again below.
      forgotten++;
      cp.planOf.delete(job.id);
      stop(job);
      continue;
    }
    const complete = cp.awaitingCommit.has(job.id);
    if (w.params.resumeCopies && complete) {
      kept++;
      items.push(`${shard.id} on ${target.id} unlisted but complete: resumed`);
      record(w, leader.id, 'copy.resumed', `${target.id} holds a complete copy of ${shard.id} that no committed plan lists; resumeCopies keeps it: ${leader.id} plans and commits it now.`, 'info', {
        shard: shard.id,
        target: target.id,
      });
      cp.awaitingCommit.delete(job.id);
      cp.planOf.set(job.id, appendEntry(w, { type: 'copy.planned', job: job.id, shard: shard.id, target: target.id, failover: job.failoverIndex }));
      continue;
    }
    orphans++;
    cp.orphanCopies++;
    items.push(`${target.id}'s ${shard.id} is an orphan`);
    record(
      w,
      leader.id,
      'replica.gc',
      `${target.id} reports a replica of ${shard.id} that no committed plan lists (the old leader appended its plan and went down before a majority held it): ` +
        (complete
          ? `complete, but with resumeCopies off the orphan is deleted. ${shard.id} is planned again.`
          : `the copy is stopped and what it received is deleted. ${shard.id} is planned again.`),
      'warn',
      { shard: shard.id, node: target.id },
    );
    cp.planOf.delete(job.id);
    cp.awaitingCommit.delete(job.id);
    stop(job);
  }
  const text =
    `${kept} copy job(s) the journal lists go on, ${orphans} orphan replica(s) removed` + (forgotten > 0 ? `, ${forgotten} queued copy(ies) only the old leader knew are planned again` : '');
  record(w, leader.id, 'cp.stateValidated', `${leader.id} compares every node's replica inventory with the journal: ${text}${items.length > 0 ? ` (${listSome(items)})` : ''}.`, 'info', {
    member: leader.id,
    kept,
    orphans,
    forgotten,
  });
  noteStep(w, 'stateValidated', text);
  restartMonitor(w, leader, true, replanFor);
}

/** §8.3 step 7: no node is declared DEAD before a full deadAfterMs of silence under the new leader. */
function restartMonitor(w: World, leader: CpMemberRow, journal: boolean, replanFor: ReadonlyMap<number, number> = new Map()): void {
  const cp = w.controlPlane;
  let restarted = 0;
  for (const node of w.nodes) {
    if (healthOf(node) === 'DEAD') continue;
    restarted++;
    node.lastHeartbeatAtMs = w.nowMs;
    if (healthOf(node) === 'SUSPECT') sendMonitorEvent(w, node, { type: 'heartbeat.received' });
    armMonitor(w, node);
  }
  const text = `${restarted} node(s) not DEAD in the ${journal ? 'journal' : 'placement snapshot'} start as ACTIVE with their last heartbeat now: none is declared DEAD before ${fmtMs(w.params.deadAfterMs)} of silence under ${leader.id}.`;
  record(w, leader.id, 'monitor.restarted', text, 'info', { member: leader.id, nodes: restarted });
  noteStep(w, 'monitorRestarted', text);
  if (cp.failover) cp.failover.done = true;
  if (journal) {
    // Copies that caught up while nobody could commit them (or whose commit entry died with the old leader): commit them now.
    for (const [jobId, index] of [...cp.awaitingCommit]) {
      const job = w.migrator.jobs.get(jobId);
      const held = index > 0 ? leader.log[index - 1]?.entry : undefined;
      if (!job) cp.awaitingCommit.delete(jobId);
      else if (held?.type !== 'copy.committed' || held.job !== jobId) appendCopyCommitted(w, job);
    }
    // A DEAD declaration the old leader appended and lost: the monitor still believes it, so the new leader writes it again.
    for (const [node, index] of [...cp.pendingDead]) {
      const held = leader.log[index - 1]?.entry;
      if (held === undefined || !('node' in held) || held.node !== node) {
        cp.pendingDead.delete(node);
        appendDeath(w, node);
      }
    }
    settleShardDecisions(w, leader);
  }
  // Shard elections that stalled for want of a leader are held now.
  refreshAllShards(w);
  replanWaitingShards(w, `the new control-plane leader ${leader.id} has validated the cluster state`, replanFor);
  // Each held path now counts its new copies; one left with none (no target) is finished by its own count.
  for (const failover of replanFor.values()) releaseFailover(w, failover);
  pumpCopies(w);
}

// ------------------------------------------------------------ the machine's effects

function noteStep(w: World, step: CpFailoverStep, text: string, to?: string): void {
  const f = w.controlPlane.failover;
  if (!f) return;
  if (to !== undefined) f.to = to;
  f.steps.push({ step, atMs: w.nowMs, text });
}

const memberHandlers: EffectHandlers<CpMemberEffect, { w: World; member: CpMemberRow }> = {
  startElection: ({ w, member }) => {
    member.term++;
    member.votedFor = member.id;
    const others = w.controlPlane.members.filter((m) => m !== member);
    record(w, member.id, 'cp.electionStarted', `${member.id} has heard no leader for its election timeout: it stands for term ${member.term} and asks ${others.map((m) => m.id).join(' and ')} for their votes.`, 'info', {
      member: member.id,
      term: member.term,
    });
    if (w.controlPlane.failover && !w.controlPlane.failover.done) {
      w.controlPlane.failover.term = member.term;
      noteStep(w, 'electionStarted', `${member.id} stands for term ${member.term}`);
    }
    const rtt = 2 * Math.max(...others.map((m) => w.network.latencyMs(member.id, m.id)));
    schedule(w, w.nowMs + rtt, { type: 'cp.votesCounted', member: member.index, term: member.term });
  },
  takeOver: ({ w, member }) => {
    const cp = w.controlPlane;
    const clash = cp.leaderOfTerm.get(member.term);
    if (clash !== undefined && clash !== member.id) cp.termClashes.push(`term ${member.term}: ${clash} and ${member.id}`);
    cp.leaderOfTerm.set(member.term, member.id);
    cp.leader = member.index;
    w.network.cpLeader = member.id;
    cp.leaderChanges++;
    if (cp.leaderlessSinceMs !== null) {
      cp.leaderlessMs += w.nowMs - cp.leaderlessSinceMs;
      cp.leaderlessSinceMs = null;
    }
    cp.replaying = true;
    // The others hear the new leader (a member that voted for it, or an old leader that steps down).
    reviewMembers(w);
    // §8.3 step 4: the new term's empty entry; once a majority holds it, everything before it is committed.
    appendEntry(w, { type: 'noop' });
  },
  loseLead: ({ w, member }) => {
    const cp = w.controlPlane;
    if (cp.leader !== member.index) return;
    cp.leader = null;
    w.network.cpLeader = null;
    cp.leaderlessSinceMs = w.nowMs;
    cp.unavailableSinceMs ??= w.nowMs;
    cp.replaying = false;
    const followers = cp.members.filter((m) => m !== member && isMemberUp(m));
    cp.failover = { from: member.id, to: null, term: member.term, steps: [], done: false };
    // The followers stop hearing it; each stands after its own timeout.
    const timeouts: string[] = [];
    for (const m of followers) {
      const timeoutMs = drawTimeout(w, m);
      timeouts.push(`${m.id} after ${fmtMs(timeoutMs)}`);
      sendMemberEvent(w, m, { type: 'leader.silent', timeoutMs });
    }
    const text =
      `${member.id}, the control-plane leader of term ${member.term}, is gone. ` +
      (followers.length > 0 ? `Its followers hear nothing and stand for election after their timeouts (${timeouts.join(', ')}). ` : 'No member is up to stand for election. ') +
      'Meanwhile re-homing plans, copy commits and DEAD declarations wait; clients keep using their cached routes.';
    record(w, member.id, 'cp.leaderLost', text, 'alert', { member: member.id, term: member.term });
    noteStep(w, 'leaderLost', text);
  },
  rejoin: ({ w, member }) => {
    const leader = leaderRow(w);
    record(w, member.id, 'cp.memberRestarted', `${member.id} starts again as a follower with the journal it held (${member.log.length} entr${member.log.length === 1 ? 'y' : 'ies'})` + (leader ? `; ${leader.id} sends it the rest, and any entry of its own the leader does not hold is dropped.` : '; there is no leader yet.'), 'info', {
      member: member.id,
    });
    if (leader && w.network.connected(leader.id, member.id)) {
      member.term = Math.max(member.term, leader.term);
      sendJournal(w, leader, leader.log.length);
    } else sendMemberEvent(w, member, { type: 'leader.silent', timeoutMs: drawTimeout(w, member) });
  },
};

/** Journal entries in all (the leader's, or the longest any member holds while there is none). */
export function journalLength(w: World): number {
  const leader = leaderRow(w);
  if (leader) return leader.log.length;
  return Math.max(0, ...w.controlPlane.members.map((m) => m.log.length));
}

