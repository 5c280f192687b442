import { listSome, record, type CopyJob, type ShardRow, type World } from '../world';

/**
 * The order in which queued copies start: most endangered shards first (one
 * copy left, then below a majority, then merely under-replicated), like HDFS's
 * low-redundancy queues and Ceph's degraded-first backfill. When the router
 * drops another node, shards already waiting in the queue can become more
 * urgent and overtake others; the migrator says so once per batch.
 */

/** 0: one copy left; 1: below a majority; 2: under-replicated but a majority holds it. */
export function riskRank(w: World, shard: ShardRow): number {
  const copies = shard.replicas.length;
  const majority = Math.floor(w.replicationFactor / 2) + 1;
  return copies <= 1 ? 0 : copies < majority ? 1 : 2;
}

/** Sorts the queued jobs into start order, and tells when some of them jumped ahead since the last look. */
export function orderCopyQueue(w: World, queued: CopyJob[]): CopyJob[] {
  if (queued.length === 0) return queued;
  const rank = new Map(queued.map((j) => [j.id, riskRank(w, w.shards[j.shard])]));
  queued.sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || a.shard - b.shard || a.id - b.id);
  announceJumps(w, queued, rank);
  for (const job of queued) job.queueRank = rank.get(job.id)!;
  return queued;
}

/**
 * A copy jumps when the queue saw it before at a lower urgency and it now goes
 * ahead of copies it used to queue with. New copies are merely placed by rank:
 * only a change of order is news.
 */
function announceJumps(w: World, queued: readonly CopyJob[], rank: ReadonlyMap<number, number>): void {
  const jumpedShards = new Map<number, number>();
  for (const job of queued) {
    const now = rank.get(job.id)!;
    if (job.queueRank !== null && now < job.queueRank) jumpedShards.set(job.shard, Math.min(now, jumpedShards.get(job.shard) ?? now));
  }
  if (jumpedShards.size === 0) return;
  // A loop, not a spread: a rack failure can make ~100,000 shards jump at once (call-stack limit).
  let mostUrgentJump = -Infinity;
  for (const jump of jumpedShards.values()) mostUrgentJump = Math.max(mostUrgentJump, jump);
  let overtaken = 0;
  for (const job of queued) if (!jumpedShards.has(job.shard) && job.queueRank !== null && rank.get(job.id)! > mostUrgentJump) overtaken++;
  if (overtaken === 0) return;
  const oneCopy = [...jumpedShards].filter(([, r]) => r === 0).map(([s]) => w.shards[s].id);
  const belowMajority = [...jumpedShards].filter(([, r]) => r === 1).map(([s]) => w.shards[s].id);
  const why = [
    oneCopy.length > 0 ? `${oneCopy.length} shard(s) are down to one copy (${listSome(oneCopy, 3)})` : '',
    belowMajority.length > 0
      ? `${belowMajority.length}${oneCopy.length > 0 ? '' : ' shard(s) are'} below a majority of copies (${listSome(belowMajority, 3)})`
      : '',
  ]
    .filter(Boolean)
    .join(' and ');
  record(
    w,
    'migrator',
    'copy.queueReordered',
    `${why}: their copies move to the front of the copy queue, ahead of ${overtaken} ${overtaken === 1 ? 'copy' : 'copies'} ` +
      'for shards with more copies left.',
    'warn',
    { jumped: jumpedShards.size, oneCopy: oneCopy.length, belowMajority: belowMajority.length, overtaken },
  );
}
