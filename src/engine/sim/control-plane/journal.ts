import { describeEntry, makeRecord, type MetaEntry } from '../../model/cp-journal';
import { record, schedule, type CopyJob, type ShardRow, type World } from '../world';
import type { CpMemberRow } from './state';

/**
 * The one door every control-plane decision goes through (design recovery-repair.md §8.2). With one member, or
 * without a journal, a decision applies at once and nothing is written (the behaviour before the group existed).
 * With a journal the leader appends it, sends it to every member it reaches (each holds it one link latency later),
 * and it takes effect only once a majority holds it: group.ts applies it then.
 *
 * Low in sim/: the migrator and the monitor call it; it imports only the world.
 */

/** Three members (cp1…cp3) rather than one "cp". */
export function groupOn(w: World): boolean {
  return w.controlPlane.members.length > 0;
}

export function journalOn(w: World): boolean {
  return groupOn(w) && w.controlPlane.config.journal;
}

export function leaderRow(w: World): CpMemberRow | null {
  const i = w.controlPlane.leader;
  return i === null ? null : w.controlPlane.members[i];
}

/**
 * Is there a leader that has applied the journal, so it may decide? Always with one member. While there is none
 * (§8.3) re-homing plans, copy commits and DEAD declarations pause; the data path keeps serving on cached routes.
 */
export function cpActing(w: World): boolean {
  return !groupOn(w) || (w.controlPlane.leader !== null && !w.controlPlane.replaying);
}

/** Does the control plane believe the shard whole when it is not (a leader without a journal, §8.3)? Then nobody re-plans it. */
export function believedWhole(w: World, shard: number): boolean {
  return w.controlPlane.believedWhole.size > 0 && w.controlPlane.believedWhole.has(shard);
}

/** Is a leader there to hear heartbeats (elected, even while it replays)? */
export function cpListening(w: World): boolean {
  return !groupOn(w) || w.controlPlane.leader !== null;
}

/**
 * A decision of the control plane: true when the caller applies it now (one member, no journal); false when the
 * leader has appended it and group.ts applies it once a majority holds it.
 */
export function journalDecision(w: World, entry: MetaEntry): boolean {
  if (!journalOn(w)) return true;
  appendEntry(w, entry);
  return false;
}

/** The leader appends an entry and sends its journal to every member it reaches. Returns the entry's index. */
export function appendEntry(w: World, entry: MetaEntry): number {
  const leader = leaderRow(w);
  if (!leader) throw new Error(`no control-plane leader to append ${entry.type}`);
  const index = leader.log.length + 1;
  leader.log.push(makeRecord(index, leader.term, entry));
  if (entry.type !== 'noop')
    record(w, leader.id, 'cp.journalAppended', `${leader.id} appends #${index} to the journal: ${describeEntry(entry)}. It takes effect once a majority of members hold it.`, 'detail', {
      index,
      term: leader.term,
      entry: entry.type,
    });
  sendJournal(w, leader, index);
  return index;
}

/** The leader's journal up to `index` travels to each other member it can reach (a crashed one misses it). */
export function sendJournal(w: World, leader: CpMemberRow, index: number): void {
  const cp = w.controlPlane;
  for (const m of cp.members) {
    if (m === leader || !w.network.canSend(leader.id, m.id)) continue;
    const dueMs = w.nowMs + w.network.latencyMs(leader.id, m.id);
    // Entries appended in one moment travel in one message (as Raft's AppendEntries batches them): one commit for all.
    const due = cp.deliveries.get(m.index);
    if (due !== undefined && due.dueMs === dueMs && due.term === leader.term) {
      due.index = Math.max(due.index, index);
      continue;
    }
    cp.deliveries.set(m.index, { dueMs, index, term: leader.term });
    schedule(w, dueMs, { type: 'cp.journalDeliver', member: m.index, index, term: leader.term });
  }
}

/** A copy stream begins: its plan is written to the journal (the leader tells the target at once; §8.3's table). */
export function noteCopyPlanned(w: World, job: CopyJob): void {
  if (!journalOn(w) || job.catchUp) return;
  const cp = w.controlPlane;
  const planned = cp.planOf.get(job.id);
  const leader = leaderRow(w);
  const entry = planned !== undefined ? leader?.log[planned - 1]?.entry : undefined;
  // The same plan again (a copy that failed and starts over to the same target) needs no new entry.
  if (entry?.type === 'copy.planned' && entry.target === w.nodes[job.target].id) return;
  const index = appendEntry(w, {
    type: 'copy.planned',
    job: job.id,
    shard: w.shards[job.shard].id,
    target: w.nodes[job.target].id,
    failover: job.failoverIndex,
  });
  cp.planOf.set(job.id, index);
}

/**
 * A copy has caught up: may the router list its target now? With a journal, only once its `copy.committed` entry
 * is committed: the first call appends it (or, with no leader, leaves the copy waiting for the next one) and says
 * no; group.ts calls the migrator again once the entry commits, and then the answer is yes.
 */
export function copyCommitAllowed(w: World, job: CopyJob): boolean {
  if (!journalOn(w) || job.catchUp) return true;
  const cp = w.controlPlane;
  if (cp.commitReady.delete(job.id)) return true;
  if ((cp.awaitingCommit.get(job.id) ?? 0) > 0) return false;
  if (!cpActing(w)) {
    cp.awaitingCommit.set(job.id, 0);
    record(
      w,
      'migrator',
      'copy.awaitingLeader',
      `${w.nodes[job.target].id} has caught up on ${w.shards[job.shard].id}, but no control-plane leader can commit the copy: it waits, and the router keeps the old placement.`,
      'info',
      { shard: w.shards[job.shard].id, target: w.nodes[job.target].id },
    );
    return false;
  }
  appendCopyCommitted(w, job);
  return false;
}

export function appendCopyCommitted(w: World, job: CopyJob): void {
  const shard = w.shards[job.shard];
  const source = job.source === null ? null : w.nodes[job.source];
  const index = appendEntry(w, {
    type: 'copy.committed',
    job: job.id,
    shard: shard.id,
    target: w.nodes[job.target].id,
    lsn: source?.disk.get(shard.index) ?? shard.lsn,
  });
  w.controlPlane.awaitingCommit.set(job.id, index);
}

/**
 * The monitor declares a node DEAD: with a journal the failover path starts only once the declaration is
 * committed, together with the path's start and the router's removal of each replica the node holds — one batch,
 * so it costs no more than one round trip. True when the caller starts it now.
 */
export function deathMayAct(w: World, node: string): boolean {
  if (!journalOn(w)) return true;
  appendDeath(w, node);
  return false;
}

/** Appends a DEAD declaration's batch; the failover path starts when its last entry commits (group.ts). */
export function appendDeath(w: World, node: string): void {
  const cp = w.controlPlane;
  const row = w.nodes[w.nodeIndexById.get(node)!];
  const failover = w.failoverPath.events.length + cp.pendingDead.size;
  appendEntry(w, { type: 'node.declaredDead', node });
  let last = appendEntry(w, { type: 'failover.started', failover, node });
  const shards = [...row.placed].sort((a, b) => a - b);
  if (shards.length > 0) last = appendQuietly(w, shards.map((s) => ({ type: 'replica.removed', shard: w.shards[s].id, node, reason: 'dead' }) as const));
  cp.pendingDead.set(node, last);
}

/**
 * Several entries of one kind at once (a dead node's replicas): one trace line for all of them, and one delivery.
 * Returns the last one's index.
 */
function appendQuietly(w: World, entries: readonly MetaEntry[]): number {
  const leader = leaderRow(w);
  if (!leader) throw new Error('no control-plane leader to append entries');
  const first = leader.log.length + 1;
  for (const entry of entries) leader.log.push(makeRecord(leader.log.length + 1, leader.term, entry));
  const last = leader.log.length;
  record(w, leader.id, 'cp.journalAppended', `${leader.id} appends #${first}–#${last} to the journal: ${summarizeEntries(entries)}. They take effect once a majority of members hold them.`, 'detail', {
    index: first,
    to: last,
    term: leader.term,
    entry: entries[0].type,
  });
  sendJournal(w, leader, last);
  return last;
}

/** Words for a run of entries of one kind. */
export function summarizeEntries(entries: readonly MetaEntry[]): string {
  const first = entries[0];
  if (entries.length <= 2) return entries.map(describeEntry).join('; ');
  const shards = `${entries
    .slice(0, 5)
    .map((e) => ('shard' in e ? e.shard : ''))
    .join(', ')}${entries.length > 5 ? ', …' : ''}`;
  if (first.type === 'replica.removed') return `${entries.length} replicas on ${first.node} are removed (${first.reason}): ${shards}`;
  if (first.type === 'primary.appointed') return `${entries.length} shards' new primaries (${shards})`;
  if (first.type === 'voters.changed') return `${entries.length} shards' new voters (${shards})`;
  return entries.map(describeEntry).join('; ');
}

/**
 * A shard's election is decided: with a journal the winner leads only once `primary.appointed` commits (group.ts
 * appoints it then). True when the caller appoints it now; false when it waits for the entry.
 */
export function appointmentMayAct(w: World, shard: ShardRow, node: number): boolean {
  if (!journalOn(w)) return true;
  const cp = w.controlPlane;
  if (cp.pendingAppointments.has(shard.index)) return false;
  const term = shard.term + 1;
  const index = appendEntry(w, { type: 'primary.appointed', shard: shard.id, node: w.nodes[node].id, term });
  cp.pendingAppointments.set(shard.index, { index, node, term });
  return false;
}

/**
 * A vote changes hands (a re-homed copy takes a dropped node's vote, or fills a vacant one): with a journal only
 * once `voters.changed` commits. True when the caller changes it now.
 */
export function voterChangeMayAct(w: World, shard: ShardRow, gone: number | null, incoming: number): boolean {
  if (!journalOn(w)) return true;
  const cp = w.controlPlane;
  // One change at a time per shard; with no leader it waits (the new leader refreshes every shard).
  if (cp.pendingVoters.has(shard.index) || !cpActing(w)) return false;
  const voters = gone === null ? [...shard.voters, incoming] : shard.voters.map((v) => (v === gone ? incoming : v));
  const index = appendEntry(w, { type: 'voters.changed', shard: shard.id, voters: voters.map((v) => w.nodes[v].id) });
  cp.pendingVoters.set(shard.index, { index, gone, incoming });
  return false;
}

/**
 * The coordinator (the cp leader) decides a prepared two-phase transaction (§9.3): with a journal the decision
 * exists only once `txn.decided` is committed — participants log it then (group.ts). With no leader there is no
 * coordinator to decide: the transaction stays prepared, and a new leader finding nothing in its journal presumes
 * abort. True when the caller decides now (no journal).
 */
export function txnDecisionMayAct(w: World, txn: { no: number; id: string }, decision: 'commit' | 'abort'): boolean {
  if (!journalOn(w)) return true;
  if (!cpActing(w)) {
    record(w, 'coordinator', 'txn.undecided', `${txn.id} is prepared, but there is no control-plane leader to coordinate it: no decision is made, and it stays prepared until a new leader looks in its journal.`, 'warn', {
      txn: txn.id,
    });
    return false;
  }
  w.controlPlane.pendingTxnDecisions.set(txn.no, appendEntry(w, { type: 'txn.decided', txn: txn.id, decision }));
  return false;
}
