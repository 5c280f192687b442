import { type WalRecordView, type WalView } from '../../engine/index';

/**
 * A hand-made log for unit tests of the Log view: n3 after a power loss, checkpoint #1,204, records #1,205… with
 * the fsync line after `syncedUpTo`, the record after it torn. Numbers follow design §3.5's example.
 */
export function fixtureWal(opts: { count?: number; syncedUpTo?: number; cursorNo?: number | null; stopNo?: number | null; older?: number } = {}): WalView {
  const count = opts.count ?? 37;
  const first = 1205;
  const last = first + count - 1;
  const syncedUpTo = opts.syncedUpTo ?? last - 1;
  const records: WalRecordView[] = [];
  let offset = 0x12d000 + 24;
  for (let no = first; no <= last; no++) {
    const bytes = 1048;
    const torn = no === last && syncedUpTo < last;
    const crc = (no * 2654435761) >>> 0;
    records.push({
      no,
      offset,
      prev: offset - bytes,
      shard: `s${String((no % 40) + 1).padStart(3, '0')}`,
      shardLsn: 50 + (no - first),
      txn: 0,
      type: no % 11 === 0 ? 'STATE' : 'PUT',
      bytes,
      crc,
      crcComputed: no === first + 5 ? (crc ^ 1) >>> 0 : crc,
      synced: no <= syncedUpTo,
      torn,
      fate: 'pending',
    });
    offset += bytes;
  }
  return {
    node: 'n3',
    records,
    olderSegments: opts.older ? [{ firstNo: first - opts.older, lastNo: first - 1, records: opts.older, bytes: opts.older * 1048 }] : [],
    syncedUpToNo: syncedUpTo,
    checkpoint: { recordNo: first - 1 - (opts.older ?? 0), offset: 0x12d000, atMs: 30_000 },
    lastNo: last,
    cursorNo: opts.cursorNo ?? null,
    stopNo: opts.stopNo ?? null,
    mode: 'pointInTime',
    syncMode: 'perCommit',
    stateStore: 'pages',
  };
}
