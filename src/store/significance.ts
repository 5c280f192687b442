import type { TraceEntry } from '../engine/index';

/**
 * Trace kinds that are routine progress: they come once per copy, per shard
 * or per client request, hundreds at a time, and each only moves a counter
 * the panels already show (copies in flight, under-replicated shards, shards
 * taking writes, writes acknowledged). "Next significant event" walks past
 * them so a learner lands on what changes the story: a command, a crash, a
 * suspicion, a DEAD, a failover step, an election, a lost shard, a quorum
 * summary, a copy that failed, the rebuild finishing. They stay in the log,
 * and "Step" (→) still stops on each one.
 *
 * Any kind not listed counts as significant, so new news from the engine is
 * never skipped by accident; an `alert` always counts and `detail`
 * (heartbeats, the rest of a run of failed writes) never does.
 */
export const ROUTINE_KINDS: ReadonlySet<string> = new Set([
  // One per copy: the migrator working through its queue.
  'copy.started',
  'copy.snapshotCopied',
  'copy.committed',
  // One per copy whose planned target went away; the failure that caused it has its own entry.
  'copy.retargeted',
  // One per copy a returning node backfills and gets listed again; the node's return is `node.rejoined`.
  'replica.caughtUp',
  'replica.reinstated',
  // One per shard as its last copy lands ("s042 is whole again"); the rebuild finishing is `migration.finished`.
  'shard.healthy',
  // One per shard as its primary loses or regains a majority (mostly as copies land); a fault's effect on
  // quorum is told with the fault itself and in `quorum.summary` / `primary.*`.
  'replica.role',
  // One per client request that succeeds. (The first failed write of a run is news; the engine writes the rest as detail.)
  'write.acked',
  'read.fresh',
  'read.stale',
  // Log upkeep every node does on a timer (a checkpoint every 30 s per node): the story is the crash and the
  // replay, which stop at each phase (wal.replayStarted, a torn record, the finish, node.verified, …).
  'wal.checkpointed',
  'wal.snapshotTaken',
  // One per replay chunk in big clusters (records are detail); the phases around it are news.
  'wal.replayProgress',
]);

/** Whether a learner stepping to the "next significant event" should stop at this entry. */
export function isSignificant(entry: TraceEntry): boolean {
  if (entry.level === 'detail') return false;
  if (entry.level === 'alert') return true;
  return !ROUTINE_KINDS.has(entry.kind);
}
