import { WalFlag } from '../model/wal';
import type { WalRecordFate, WalRecordView, WalView } from '../recovery-types';
import { walComputedChecksum, walFlags, walRecordAt } from './wal-log';
import { segmentsForView } from './wal-history';
import type { NodeRow, World } from './world';

/**
 * `sim.getWal(node)`: the node's log since its last checkpoint, as the Log view draws it (design §12). Built on
 * demand for one node; nothing here is kept.
 */

/** Where a replay is and where it stopped (from the node's replay record), or nulls when none ran. */
export interface ReplayPosition {
  cursorNo: number | null;
  stopNo: number | null;
}

/** A record's fate from its flags: what it physically is first (torn, checksum, prev-link), then what replay did. */
export function fateOf(flags: number): WalRecordFate {
  if (flags & WalFlag.Torn) return 'torn';
  if (flags & WalFlag.BitFlipped) return 'crcMismatch';
  if (flags & WalFlag.BadPrev) return 'badPrevLink';
  if (flags & WalFlag.Applied) return 'applied';
  if (flags & WalFlag.Skipped) return 'skipped';
  if (flags & WalFlag.Discarded) return 'discarded';
  return 'pending';
}

export function buildWalView(w: World, node: NodeRow, position: ReplayPosition): WalView {
  const wal = node.wal;
  const records: WalRecordView[] = [];
  for (let no = Math.max(wal.firstNo, wal.checkpointNo + 1); no <= wal.lastNo; no++) {
    const r = walRecordAt(wal, no)!;
    const flags = walFlags(wal, no);
    records.push({
      no,
      offset: r.offset,
      prev: r.prev,
      shard: r.shard >= 0 ? w.shards[r.shard].id : null,
      shardLsn: r.shardLsn,
      txn: r.txn,
      type: r.type,
      bytes: r.bytes,
      crc: r.crc,
      crcComputed: walComputedChecksum(wal, no),
      synced: (flags & WalFlag.Synced) !== 0,
      torn: (flags & WalFlag.Torn) !== 0,
      fate: fateOf(flags),
    });
  }
  return {
    node: node.id,
    records,
    olderSegments: segmentsForView(wal.olderSegments),
    syncedUpToNo: wal.syncedUpToNo > wal.checkpointNo ? wal.syncedUpToNo : 0,
    checkpoint: wal.checkpointNo === 0 ? null : { recordNo: wal.checkpointNo, offset: wal.checkpointOffset, atMs: wal.checkpointAtMs },
    lastNo: wal.lastNo,
    cursorNo: position.cursorNo,
    stopNo: position.stopNo,
    mode: w.params.walRecoveryMode,
    syncMode: w.params.walSyncMode,
    stateStore: w.params.stateStore,
  };
}
