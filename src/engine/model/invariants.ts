import type { InvariantViolation } from '../types';
import { acceptingVoters, historyHeld, isolationOf, isolationWords, majorityOf, quorumOf } from '../sim/quorum';
import { corruptionAt, isQuarantined, knownCorruptionAt } from '../sim/corruption-state';
import type { World } from '../sim/world';
import { checkRecoveryInvariants } from './recovery-invariants';
import { checkLeaderlessInvariants } from '../sim/leaderless-invariants';
import { checkRepairInvariants } from './repair-invariants';
import { checkControlPlaneInvariants } from './cp-invariants';
import { checkTransactionInvariants } from './transaction-invariants';

/**
 * DESIGN.md §6, checked against the engine's own rows so a test can call it
 * after every step. Each check names the shard or node that breaks it.
 */
export function checkInvariants(w: World): InvariantViolation[] {
  const problems: InvariantViolation[] = [];
  const add = (invariant: string, detail: string) => problems.push({ invariant, detail });

  for (const shard of w.shards) {
    if (new Set(shard.replicas).size !== shard.replicas.length)
      add('no shard has two replicas on one node', `${shard.id} lists ${shard.replicas.map((r) => w.nodes[r].id).join(', ')}`);
    if (shard.replicas.length > w.replicationFactor)
      add('no shard exceeds its replication factor', `${shard.id} has ${shard.replicas.length} replicas`);
    const state = shard.machine ? shard.machine.value : 'healthy';
    if ((state === 'lost') !== (shard.replicas.length === 0))
      add('a shard is lost exactly when its last replica is gone', `${shard.id} is ${state} with ${shard.replicas.length} replica(s)`);
    if (state === 'healthy' && shard.replicas.length < w.replicationFactor)
      add('a shard below RF is not reported healthy', `${shard.id} has ${shard.replicas.length} replicas`);
    if (state !== 'healthy' && state !== 'lost' && shard.replicas.length < w.replicationFactor) {
      const explained = shard.jobs.length > 0 || shard.waiting !== null;
      if (!explained)
        add('every under-replicated shard is queued, copying or explained', `${shard.id} has no copy and no reason`);
    }
    for (const r of shard.replicas) {
      if (!w.nodes[r].placed.has(shard.index))
        add('placement index matches placement', `${w.nodes[r].id} does not index ${shard.id}`);
      if (w.nodes[r].life.value !== 'destroyed' && !w.nodes[r].disk.has(shard.index))
        add('a listed replica has its data on disk', `${w.nodes[r].id} lists ${shard.id} but its disk lacks it`);
    }
    for (const id of shard.jobs) {
      const job = w.migrator.jobs.get(id);
      if (!job) add('every job a shard lists exists', `${shard.id} lists missing job ${id}`);
      else if (shard.replicas.includes(job.target))
        add('no copy targets a node that already holds the shard', `${shard.id} → ${w.nodes[job.target].id}`);
    }
  }
  for (const shard of w.shards) checkQuorum(w, shard.index, add);
  checkIsolation(w, add);
  checkLossesRecorded(w, add);
  checkCorruption(w, add);
  checkRecoveryInvariants(w, add);
  checkLeaderlessInvariants(w, add);
  checkRepairInvariants(w, add);
  checkControlPlaneInvariants(w, add);
  checkTransactionInvariants(w, add);
  for (const node of w.nodes) {
    if (node.activeIn < 0 || node.activeOut < 0 || node.incoming < 0)
      add('copy slot counters never go negative', `${node.id}: in ${node.activeIn}, out ${node.activeOut}, incoming ${node.incoming}`);
    if (node.activeIn > w.params.maxConcurrentCopiesPerNode || node.activeOut > w.params.maxConcurrentCopiesPerNode)
      add('copies per node stay under the cap', `${node.id}: in ${node.activeIn}, out ${node.activeOut}`);
  }
  return problems;
}

/**
 * Invariant 8 of design recovery-repair.md §11.6. A copy whose source rotted mid-stream is allowed only while its
 * checksum failure is on the clock (the detection follows at the same moment).
 */
function checkCorruption(w: World, add: (invariant: string, detail: string) => void): void {
  const rec = w.corruption;
  if (rec.truth.size === 0 && rec.known.size === 0) return;
  const name = 'a corrupt replica is never chosen as a source, and every known-corrupt replica is queued, being replaced, flagged inconsistent, or explained';
  for (const job of w.migrator.jobs.values()) {
    if (job.source === null || job.phase !== 'snapshot') continue;
    const bad =
      knownCorruptionAt(rec, job.source, job.shard) !== undefined ||
      (corruptionAt(rec, job.source, job.shard) !== undefined && !rec.copyReadsPending.has(`${job.source}:${job.shard}`));
    if (bad) add(name, `${w.nodes[job.source].id}'s corrupt copy of ${w.shards[job.shard].id} is the source of a copy to ${w.nodes[job.target].id}`);
  }
  for (const [node, known] of rec.known) {
    if (w.nodes[node].life.value === 'destroyed') continue;
    for (const [s, entry] of known) {
      const shard = w.shards[s];
      const answered = isQuarantined(rec, node, s)
        ? shard.jobs.length > 0 || shard.waiting !== null || shard.replicas.length >= w.replicationFactor || shard.replicas.length === 0
        : entry.response === 'inconsistent'
          ? rec.inconsistent.has(s)
          : entry.note !== '' || w.nodes[node].life.value !== 'up';
      if (!answered)
        add(name, `${w.nodes[node].id}'s known-corrupt copy of ${shard.id} is neither being replaced, nor flagged inconsistent, nor explained`);
    }
  }
}

/**
 * Quorum invariants (DESIGN.md §6): at most one primary per shard per term,
 * and never two that could both get a write acknowledged (split brain); no
 * acknowledged write gone while some disk still holds the shard.
 */
function checkQuorum(w: World, s: number, add: (invariant: string, detail: string) => void): void {
  const shard = w.shards[s];
  const leaders: [number, number][] = [...(shard.staleLeaders ?? [])];
  if (shard.primary !== null) leaders.push([shard.primary, shard.term]);
  const terms = new Set(leaders.map(([, term]) => term));
  if (new Set(shard.voters).size !== shard.voters.length)
    add('no node votes twice for one shard', `${shard.id} voters ${shard.voters.map((v) => w.nodes[v].id).join(', ')}`);
  // A shard that takes writes (and serves reads as fresh) must be led by a copy that holds all it acknowledged.
  // Leaderless: `shard.primary` is only bookkeeping (no leader): writes go to every replica at the consistency level.
  if (shard.primary !== null && w.params.replication !== 'leaderless' && quorumOf(w, shard).state === 'writable') {
    const held = w.nodes[shard.primary].disk.get(s);
    if (held !== shard.lsn || shard.divergent?.has(shard.primary))
      add(
        'a writable shard\'s primary holds every acknowledged write',
        `${shard.id}'s primary ${w.nodes[shard.primary].id} holds ${held === undefined ? 'no copy' : `LSN ${held}`} of ${shard.lsn}`,
      );
  }
  if (terms.size !== leaders.length)
    add('at most one primary per shard per term', `${shard.id}: ${leaders.map(([n, t]) => `${w.nodes[n].id}@${t}`).join(', ')}`);
  const able = leaders.filter(([n, term]) => acceptingVoters(w, shard, n, term) >= majorityOf(shard.voters.length));
  if (able.length > 1)
    add('no split brain: one primary at most can get a write acknowledged', `${shard.id}: ${able.map(([n, t]) => `${w.nodes[n].id}@${t}`).join(', ')}`);
  // Invariant 6 of design recovery-repair.md §11.6: what a replica holds durably is its pages, and for a node that
  // is down what its surviving log will replay too (historyHeld); a copy an emergency repair rolled back holds the
  // acknowledged history up to its split point. A destroyed disk holds nothing.
  let best = -1;
  for (const node of w.nodes) {
    const lsn = historyHeld(w, shard, node.index);
    if (lsn !== undefined && lsn > best) best = lsn;
  }
  // Leaderless: an acknowledged write may live only in hints (CL ANY, sloppy stand-ins), not in any replica's log;
  // its loss is recorded per key when the hints go (sim/hints.ts), so the LSN view says nothing here.
  if (best >= 0 && best < shard.lsn && w.params.replication !== 'leaderless')
    add(
      'no acknowledged write disappears while a replica that held it durably survives',
      `${shard.id} acknowledged up to LSN ${shard.lsn}, but the freshest copy a surviving replica holds durably ends at ${best}`,
    );
}

/**
 * Invariant 5 of design recovery-repair.md §11.6 (isolation): a recovering, catching-up, amnesiac, corrupt or
 * divergent replica neither votes, nor serves a fresh read, nor acts as a copy or repair source. Votes and write
 * quorums count such a replica out by construction (quorum/isolation.ts); what can still break it is a primary
 * that leads while isolated (it would answer reads as fresh) and a copy streaming from one. A corrupt source is
 * invariant 8's (checkCorruption), which allows the moment its rot is being detected.
 */
function checkIsolation(w: World, add: (invariant: string, detail: string) => void): void {
  const name =
    'a recovering, catching-up, amnesiac, corrupt or divergent replica neither votes, nor serves a fresh read, nor acts as a copy or repair source';
  for (const shard of w.shards) {
    // Leaderless: nothing leads (`shard.primary` is bookkeeping); isolation there is the read path's (leaderless/reads.ts).
    if (shard.primary === null || w.params.replication === 'leaderless') continue;
    const reason = isolationOf(w, shard, shard.primary);
    if (reason !== null && quorumOf(w, shard).state === 'writable')
      add(name, `${w.nodes[shard.primary].id}'s copy of ${shard.id} is ${isolationWords(reason)}, yet it leads the shard while it takes writes`);
  }
  for (const job of w.migrator.jobs.values()) {
    if (job.source === null || job.phase !== 'snapshot' || job.stalledSinceMs !== null) continue;
    const reason = isolationOf(w, w.shards[job.shard], job.source);
    if (reason !== null && reason !== 'corrupt' && reason !== 'recovering')
      add(
        name,
        `${w.nodes[job.source].id}'s copy of ${w.shards[job.shard].id} is ${isolationWords(reason)}, yet it is the source of a copy to ${w.nodes[job.target].id}`,
      );
  }
}

/** The highest LSN each shard has acknowledged so far, per world (this check remembers between calls). */
const highestAcked = new WeakMap<World, number[]>();

/**
 * Invariant 6's second half: acknowledged writes may vanish (every disk that held them destroyed, a power loss
 * on every replica under periodic sync, an unsafe repair), but never silently — each must be in a LostWrites entry.
 */
function checkLossesRecorded(w: World, add: (invariant: string, detail: string) => void): void {
  let seen = highestAcked.get(w);
  if (!seen) highestAcked.set(w, (seen = w.shards.map((s) => s.lsn)));
  for (const shard of w.shards) {
    const top = seen[shard.index];
    if (shard.lsn >= top) {
      seen[shard.index] = shard.lsn;
      continue;
    }
    let recorded = 0;
    for (const loss of w.workload.lostWrites) {
      if (loss.shard !== shard.id) continue;
      recorded += Math.max(0, Math.min(loss.lastLsn, top) - Math.max(loss.firstLsn, shard.lsn + 1) + 1);
    }
    const gone = top - shard.lsn;
    if (recorded < gone)
      add(
        'acknowledged writes that disappear come with a LostWrites entry',
        `${shard.id} had acknowledged up to LSN ${top} and now ${shard.lsn}: LostWrites records ${recorded} of those ${gone} write(s)`,
      );
  }
}
