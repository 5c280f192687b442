import { formatLogOffset, formatRecordNo } from '../model/wal';
import { checkpointWal, recordsSinceCheckpoint, syncWal } from './wal-log';
import { CheckpointImage } from './checkpoint-image';
import { formatBytes, isUp, record, schedule, unschedule, type NodeRow, type World } from './world';

/**
 * The log's periodic work, per node, never per shard (design recovery-repair.md §3.3, §13):
 * - `wal.synced`: with `walSyncMode: 'periodic'` each node flushes its log every `walSyncPeriodMs`
 *   (Cassandra `commitlog_sync: periodic`); acknowledged writes sit unsynced until then.
 * - `wal.checkpointed`: page stores flush their data pages every `checkpointIntervalMs`
 *   (PostgreSQL `checkpoint_timeout`), each node on its own phase drawn once from `node:<id>:checkpoint`
 *   so the cluster does not checkpoint in lockstep. Replay starts at the last checkpoint.
 * - memory stores (`stateStore: 'memory'`) write a snapshot every `snapshotEveryRecords` records
 *   instead (etcd `--snapshot-count`, ZooKeeper `snapCount`), taken as a record is appended.
 *
 * The timers run whatever the node's life; a node that is not up does nothing at its tick (its process is not
 * running, so it neither flushes nor checkpoints).
 */

/** (Re)starts every node's sync and checkpoint timers from the current params: at start and after config.set. */
export function startWalTimers(w: World): void {
  for (const node of w.nodes) {
    unschedule(w, node.walTimers.sync);
    unschedule(w, node.walTimers.checkpoint);
    node.walTimers.sync = w.params.walSyncMode === 'periodic' ? schedule(w, w.nowMs + w.params.walSyncPeriodMs, { type: 'wal.synced', node: node.index }) : null;
    node.walTimers.checkpoint = null;
    const interval = w.params.checkpointIntervalMs;
    if (interval > 0 && w.params.stateStore === 'pages') {
      node.checkpointPhaseMs ??= Math.floor(w.random.get(`node:${node.id}:checkpoint`).next() * interval);
      const phase = node.checkpointPhaseMs % interval;
      // The next tick on this node's phase after now.
      const next = w.nowMs - (w.nowMs % interval) + phase;
      node.walTimers.checkpoint = schedule(w, next > w.nowMs ? next : next + interval, { type: 'wal.checkpointed', node: node.index });
    }
  }
}

export function onWalSyncTick(w: World, nodeIndex: number): void {
  const node = w.nodes[nodeIndex];
  node.walTimers.sync = schedule(w, w.nowMs + w.params.walSyncPeriodMs, { type: 'wal.synced', node: nodeIndex });
  if (!isUp(node)) return;
  const wal = node.wal;
  if (wal.syncedUpToNo >= wal.lastNo) return;
  const from = wal.syncedUpToNo + 1;
  syncWal(wal);
  const range = from === wal.lastNo ? formatRecordNo(from) : `${formatRecordNo(from)}–${formatRecordNo(wal.lastNo)}`;
  record(
    w,
    node.id,
    'wal.synced',
    `${node.id} flushes its log to disk (fsync): record(s) ${range} now survive a power loss.`,
    'detail',
    { node: node.id, fromNo: from, toNo: wal.lastNo },
  );
}

export function onCheckpointTick(w: World, nodeIndex: number): void {
  const node = w.nodes[nodeIndex];
  node.walTimers.checkpoint = schedule(w, w.nowMs + w.params.checkpointIntervalMs, { type: 'wal.checkpointed', node: nodeIndex });
  if (!isUp(node)) return;
  takeCheckpoint(w, node, 'timer');
}

/**
 * Flushes the node's data pages (`disk` → `ckpt`) and writes a CHECKPOINT record: replay will start after it.
 * A memory store writes a snapshot of its state instead (the same mechanism: `ckpt` is the snapshot's LSNs).
 */
export function takeCheckpoint(w: World, node: NodeRow, why: 'timer' | 'command' | 'records'): void {
  const wal = node.wal;
  const since = recordsSinceCheckpoint(wal);
  const memory = w.params.stateStore === 'memory';
  if (why === 'timer' && since === 0) return;
  node.ckpt = CheckpointImage.of(node.disk);
  const no = checkpointWal(wal, w.params.walRecordHeaderBytes, w.params.walSegmentBytes, w.nowMs);
  // No PUT since the checkpoint carried a page image yet (torn-pages.ts).
  node.disk.clearImages();
  node.recordsSinceSnapshot = 0;
  const replicas = node.disk.size;
  if (memory) {
    record(
      w,
      node.id,
      'wal.snapshotTaken',
      `${node.id} writes a snapshot of its in-memory state (${replicas} replica(s), ${formatBytes(replicas * w.shardSizeBytes)}) at record ` +
        `${formatRecordNo(no)}, ${since} record(s) after the last one. A restart loads it and replays only the log after it ` +
        `(etcd: a snapshot every --snapshot-count entries).`,
      'info',
      { node: node.id, recordNo: no, records: since },
    );
    return;
  }
  record(
    w,
    node.id,
    'wal.checkpointed',
    `${node.id} takes a checkpoint${why === 'command' ? ' (asked for)' : ''}: the data pages of its ${replicas} replica(s) are flushed to disk ` +
      `and the log is marked at ${formatRecordNo(no)} (${formatLogOffset(wal.checkpointOffset)}). A restart replays from here ` +
      `(PostgreSQL: "redo starts at"); the ${since} record(s) before it are no longer needed.`,
    'info',
    { node: node.id, recordNo: no, records: since },
  );
}

/** After a record is appended: a memory store snapshots once `snapshotEveryRecords` records have piled up. */
export function afterAppend(w: World, node: NodeRow): void {
  if (w.params.stateStore !== 'memory' || w.params.snapshotEveryRecords <= 0) return;
  node.recordsSinceSnapshot++;
  if (node.recordsSinceSnapshot >= w.params.snapshotEveryRecords) takeCheckpoint(w, node, 'records');
}
