import { CONTROL_PLANE, type WorkloadSpec } from '../types';
import { readFailsChecksum, retryReadElsewhere } from './corruption';
import { knownCorruptionAt } from './corruption-state';
import { holders, quorumOf } from './quorum';
import { leaderlessRead, leaderlessWrite } from './leaderless';
import { appendPut } from './wal-append';
import { runsTransaction } from './transactions/workload';
import { archiveWrite } from './restore/archive';
import { restoreRunning } from './restore/state';
import { isUp, leaderOf, record, schedule, scheduleAgain, unschedule, type SimEvent, type World } from './world';

/**
 * Client traffic (DESIGN.md §2, "Writes and the log"). Writes arrive at a
 * steady rate, each to one shard picked by the seeded `workload` stream, and
 * go to the shard's primary. A write is acknowledged only when a majority of
 * the shard's voters holds it; otherwise it fails and the trace says why.
 * Reads go to the primary; when it cannot answer up to date they are served,
 * outdated, by the freshest replica the router reaches, and count as stale.
 */

export function startWorkload(w: World, spec: WorkloadSpec): void {
  w.workload.spec = { ...spec };
  // A cluster restore holds client traffic until it finishes; it starts the new rate then (restore/restore.ts).
  if (restoreRunning(w.backups)) return;
  // A new rate replaces the running loops: their next arrivals are taken off the clock.
  unschedule(w, w.workload.timers.write);
  unschedule(w, w.workload.timers.read);
  w.workload.timers.write = spec.writesPerSec > 0 ? schedule(w, w.nowMs + 1000 / spec.writesPerSec, { type: 'workload.write' }) : null;
  w.workload.timers.read = spec.readsPerSec > 0 ? schedule(w, w.nowMs + 1000 / spec.readsPerSec, { type: 'workload.read' }) : null;
}

/** The next write's arrival: one frozen event for all of them (it carries nothing; bench case b schedules ~340k). */
const WRITE_ARRIVAL: SimEvent = Object.freeze({ type: 'workload.write' });

export function onWrite(w: World): boolean {
  // The arrival that just fired, re-armed: one object for the whole loop (scheduleAgain).
  w.workload.timers.write = scheduleAgain(w, w.workload.timers.write, w.nowMs + 1000 / w.workload.spec.writesPerSec, WRITE_ARRIVAL);
  const shard = w.shards[w.random.get('workload:writes').int(w.shards.length)];
  // Leaderless: a coordinator writes to every replica; no primary is asked (leaderless/writes.ts).
  if (w.params.replication === 'leaderless') {
    leaderlessWrite(w, shard);
    return true;
  }
  const quorum = quorumOf(w, shard);
  // workload.txn: some arrivals run a transaction instead (drawn from workload:txn only when its fraction > 0).
  if (quorum.state === 'writable' && runsTransaction(w, shard)) return true;
  if (quorum.state === 'writable') {
    const primary = w.nodes[leaderOf(shard)];
    const lsn = shard.lsn + 1;
    // Every replica that is caught up and hears the primary applies it; laggards backfill later.
    for (const r of holders(w, shard)) {
      const node = w.nodes[r];
      if (node.disk.get(shard.index) !== shard.lsn || shard.divergent?.has(r)) continue;
      if (r === shard.primary || (isUp(node) && w.network.connected(primary.id, node.id))) {
        node.disk.set(shard.index, lsn);
        appendPut(w, node, shard.index, lsn);
      }
    }
    shard.lsn = lsn;
    w.workload.writesAcked++;
    archiveWrite(w, shard.index, lsn);
    const recovered = shard.lastWriteOutcome !== null && shard.lastWriteOutcome !== 'ok';
    shard.lastWriteOutcome = 'ok';
    shard.failingSinceMs = null;
    record(
      w,
      shard.id,
      'write.acked',
      recovered
        ? `${shard.id} takes writes again: write ${lsn} is acknowledged by ${primary.id} and a majority of voters.`
        : `Write ${lsn} to ${shard.id} is acknowledged: ${primary.id} and a majority of voters hold it.`,
      recovered ? 'info' : 'detail',
      { shard: shard.id, lsn, primary: primary.id },
    );
    return true;
  }
  w.workload.writesFailed++;
  shard.failingSinceMs ??= w.nowMs;
  const first = shard.lastWriteOutcome !== quorum.state;
  shard.lastWriteOutcome = quorum.state;
  record(
    w,
    shard.id,
    'write.failed',
    `A write to ${shard.id} fails: ${quorum.reason}.` + (first ? '' : ' (still)'),
    first ? 'warn' : 'detail',
    { shard: shard.id, reason: quorum.state },
  );
  return true;
}

export function onRead(w: World): boolean {
  w.workload.timers.read = schedule(w, w.nowMs + 1000 / w.workload.spec.readsPerSec, { type: 'workload.read' });
  const shard = w.shards[w.random.get('workload:reads').int(w.shards.length)];
  if (w.params.replication === 'leaderless') {
    leaderlessRead(w, shard);
    return true;
  }
  const primary = shard.primary !== null ? w.nodes[shard.primary] : null;
  // A read checks what it reads (checksumOnRead): a corrupt copy fails, cp learns of it, and the read is retried elsewhere.
  if (primary && isUp(primary) && w.network.connected(CONTROL_PLANE, primary.id) && readFailsChecksum(w, primary, shard)) return retryReadElsewhere(w, shard, primary, true);
  // Up to date only if the primary truly holds every acknowledged write; otherwise the freshest copy answers below.
  if (primary && isUp(primary) && w.network.connected(CONTROL_PLANE, primary.id) && primary.disk.get(shard.index) === shard.lsn && !shard.divergent?.has(primary.index)) {
    w.workload.readsFresh++;
    record(w, shard.id, 'read.fresh', `A read of ${shard.id} is served by its primary ${primary.id}: up to date.`, 'detail', {
      shard: shard.id,
      node: primary.id,
    });
    return true;
  }
  // Outdated read: the freshest replica the router can reach answers.
  let best: { id: string; lsn: number } | null = null;
  for (const r of holders(w, shard)) {
    const node = w.nodes[r];
    const lsn = node.disk.get(shard.index);
    // A copy whose history an emergency repair rolled back holds writes that no longer exist: it answers nothing.
    if (lsn === undefined || !isUp(node) || !w.network.connected(CONTROL_PLANE, node.id) || shard.divergent?.has(r)) continue;
    // The router sends no read to a copy cp knows is corrupt.
    if (knownCorruptionAt(w.corruption, r, shard.index)) continue;
    if (!best || lsn > best.lsn) best = { id: node.id, lsn };
  }
  if (!best) {
    w.workload.readsFailed++;
    record(w, shard.id, 'read.failed', `A read of ${shard.id} fails: no replica the router reaches holds it.`, 'detail', {
      shard: shard.id,
    });
    return true;
  }
  const answering = w.nodes[w.nodeIndexById.get(best.id)!];
  if (readFailsChecksum(w, answering, shard)) return retryReadElsewhere(w, shard, answering, false);
  w.workload.readsStale++;
  const behind = Math.max(0, shard.lsn - best.lsn);
  // Why the primary did not answer, as the state shows it: there may be one the router cannot reach.
  const why = !primary
    ? 'has no primary to ask'
    : !isUp(primary) || !w.network.connected(CONTROL_PLANE, primary.id)
      ? `cannot reach its primary ${primary.id}`
      : `finds its primary ${primary.id} without every acknowledged write`;
  record(
    w,
    shard.id,
    'read.stale',
    `A read of ${shard.id} ${why}; ${best.id} answers with possibly outdated data ` +
      `(${behind} acknowledged write(s) behind).`,
    'detail',
    { shard: shard.id, node: best.id, behind },
  );
  return true;
}
