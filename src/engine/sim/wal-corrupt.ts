import { WalFlag, formatChecksum, formatRecordNo } from '../model/wal';
import { recomputeLogHeld } from './power-loss';
import { forEachPutSinceCheckpoint, setWalFlag, walComputedChecksum, walFlags, walHasDetail, walRecordAt } from './wal-log';
import { historyHeld } from './quorum';
import { loseWritesAbove } from './lost-writes';
import { isUp, listSome, record, type NodeRow, type World } from './world';

/**
 * `wal.corrupt {node, at}` (design recovery-repair.md §3.4, §6.1): a bit flips in one record of the node's log
 * since its checkpoint, so its stored checksum no longer matches. Deterministic, so an exercise can aim at it:
 * `tail` hits the newest record that is not already torn, `middle` the one halfway between the checkpoint and
 * the end. Nothing notices until a replay (or a reader) recomputes the checksum.
 */

export type WalPosition = 'tail' | 'middle';

/** The record `wal.corrupt` would hit, or null when the log since the checkpoint has no record to hit. */
export function corruptTarget(node: NodeRow, at: WalPosition): number | null {
  const wal = node.wal;
  const first = Math.max(wal.firstNo, wal.checkpointNo + 1);
  let last = wal.lastNo;
  while (last >= first && (walFlags(wal, last) & WalFlag.Torn) !== 0) last--;
  if (last < first) return null;
  return at === 'tail' ? last : first + Math.floor((last - first) / 2);
}

/** Why `wal.corrupt` cannot apply now, or null. */
export function walCorruptProblem(node: NodeRow, at: WalPosition): string | null {
  if (String(node.life.value) === 'destroyed') return `wal.corrupt: ${node.id} was destroyed; it has no log`;
  if (corruptTarget(node, at) !== null) return null;
  const since = node.wal.checkpointNo === 0 ? 'since it started' : `since its last checkpoint ${formatRecordNo(node.wal.checkpointNo)}`;
  return `wal.corrupt: ${node.id}'s log has no record ${since} to corrupt (nothing was written there yet)`;
}

export function corruptWal(w: World, node: NodeRow, at: WalPosition): void {
  const no = corruptTarget(node, at)!;
  const wal = node.wal;
  setWalFlag(wal, no, WalFlag.BitFlipped);
  const r = walRecordAt(wal, no)!;
  // The durable truth shrinks if the node is down (replay stops at the first bad record by default).
  const cut: number[] = [];
  if (!isUp(node) && walHasDetail(wal, no)) {
    const shards = new Set<number>();
    forEachPutSinceCheckpoint(wal, (shard) => shards.add(shard));
    const before = new Map([...shards].map((s) => [s, node.disk.held(s) ?? 0]));
    recomputeLogHeld(node, shards);
    for (const [s, lsn] of before) if ((node.disk.held(s) ?? 0) < lsn) cut.push(s);
  }
  const what = r.type === 'PUT' ? `PUT ${w.shards[r.shard].id} LSN ${r.shardLsn}` : r.type;
  const where = at === 'tail' ? 'the newest record of its log' : 'in the middle of its log since the checkpoint';
  record(
    w,
    node.id,
    'wal.corrupted',
    `A bit flips in ${node.id}'s log record ${formatRecordNo(no)} (${what}), ${where}: its stored checksum ${formatChecksum(r.crc)} ` +
      `no longer matches what its bytes give (${formatChecksum(walComputedChecksum(wal, no))}). Nothing notices until a replay reads it.`,
    'warn',
    { node: node.id, recordNo: no, at },
  );
  noteWritesLostToCorruption(w, node, no, cut);
}

/**
 * The flipped record may have been part of the last durable copy of acknowledged writes (a node that is down, after
 * a power loss under periodic sync took the others' copies): what no surviving replica now holds durably is lost,
 * with a LostWrites entry per shard, and the shard's history ends at what survives.
 */
function noteWritesLostToCorruption(w: World, node: NodeRow, no: number, shards: readonly number[]): void {
  const said: string[] = [];
  let total = 0;
  const replay = w.params.walRecoveryMode === 'skipAnyCorrupted' ? 'a replay skips it' : 'a replay stops before it';
  for (const s of [...shards].sort((a, b) => a - b)) {
    const shard = w.shards[s];
    let held = 0;
    for (const other of w.nodes) if (other.disk.has(s)) held = Math.max(held, historyHeld(w, shard, other.index) ?? 0);
    const cause = `the only durable copy was in ${node.id}'s log, and its record ${formatRecordNo(no)} failed its checksum (wal.corrupt): ${replay}`;
    const lost = loseWritesAbove(w, shard, held, cause);
    if (!lost) continue;
    total += lost.count;
    said.push(lost.words);
  }
  if (said.length === 0) return;
  record(
    w,
    'cluster',
    'writes.lost',
    `Acknowledged write(s) are lost: ${listSome(said)} (${total} in all). The only copy that still held them durably was ` +
      `${node.id}'s log, and the bit flip in ${formatRecordNo(no)} breaks it there: ${replay}, so they cannot be recovered.`,
    'alert',
    { shards: said.length, writes: total },
  );
}
