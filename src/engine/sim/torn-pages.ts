import { WalFlag } from '../model/wal';
import type { CrashKind } from '../recovery-types';
import { forEachPutSinceCheckpoint, recordIsIntact, setWalFlag } from './wal-log';
import { listSome, record, type NodeRow, type World } from './world';

/**
 * Full-page writes and torn data pages (design recovery-repair.md §3.3–§3.4), for page stores.
 *
 * - An 8 KiB page write is not atomic: a power loss in the middle leaves half old, half new. PostgreSQL's answer
 *   (`full_page_writes = on`): "The first WAL record affecting a given page after a checkpoint is made to contain a
 *   copy of the entire page", so redo writes the whole page back before applying later records. With
 *   `fullPageWrites` the first PUT per shard after a checkpoint carries that image: PAGE_IMAGE_BYTES more log to
 *   write and to scan at replay.
 * - At a power loss, each shard whose page was written since the checkpoint is torn with `tornPageProbability`,
 *   drawn from `node:<id>:crash` after the log's own draws (so a seed keeps the tail it had). 🅂 Only shards with a
 *   surviving record since the checkpoint: a page is written out only after its log record is flushed (the WAL rule).
 * - Settled when replay ends: restored from the image if replay read past it; otherwise the replica is corrupt
 *   (corruption truth, kind 'tornPage'), which the restart's verify finds. Without full-page writes it is corrupt at once.
 *   Memory stores have no pages to tear.
 */

/**
 * Truth only, as corruption.ts's `corruptReplica(…, 'tornPage')` writes it (🅂 written here through the record so the
 * log modules do not import corruption.ts, which sits above them): the node is down, so no copy reads from it now.
 */
function markTornPage(w: World, node: NodeRow, shard: number): void {
  let onNode = w.corruption.truth.get(node.index);
  if (!onNode) w.corruption.truth.set(node.index, (onNode = new Map()));
  const before = onNode.get(shard);
  onNode.set(shard, { keys: Math.max(1, before?.keys ?? 0), kind: 'tornPage', atMs: before?.atMs ?? w.nowMs });
}

/** PostgreSQL's BLCKSZ: the size of a data page and of its image in the log. */
export const PAGE_IMAGE_BYTES = 8192;

/** Extra bytes the PUT about to be appended carries: a page image when it is the shard's first since the checkpoint. */
export function pageImageBytes(w: World, node: NodeRow, shard: number): number {
  return imageBytesUnless(w, node.disk.hasImage(shard));
}

/** pageImageBytes, told whether the shard's log already has its image (read with the shard's disk row, wal-append.ts). */
export function imageBytesUnless(w: World, hasImage: boolean): number {
  if (!w.params.fullPageWrites || w.params.stateStore !== 'pages' || hasImage) return 0;
  return PAGE_IMAGE_BYTES;
}

/** The PUT just appended as record `no` carried a page image (`pageImageBytes` > 0). */
export function notePageImage(node: NodeRow, shard: number, no: number): void {
  node.disk.setImage(shard, no);
  setWalFlag(node.wal, no, WalFlag.FullPage);
}

/** At a crash, after the log's draws: which pages the power loss tore (shard indices, ascending). */
export function tearPages(w: World, node: NodeRow, kind: CrashKind, wasUp: boolean): number[] {
  const wal = node.wal;
  // Images on records the crash cut off no longer exist.
  node.disk.forEachImage((shard, no) => {
    if (no > wal.lastNo || recordIsIntact(wal, no) !== 'ok') node.disk.deleteImage(shard);
  });
  const p = w.params;
  if (kind !== 'power' || !wasUp || p.stateStore !== 'pages' || p.tornPageProbability <= 0) return [];
  const written = new Set<number>(wal.folded.keys());
  forEachPutSinceCheckpoint(wal, (shard, _lsn, no) => {
    if (recordIsIntact(wal, no) === 'ok') written.add(shard);
  });
  const torn: number[] = [];
  const stream = w.random.get(`node:${node.id}:crash`);
  for (const shard of [...written].filter((s) => node.disk.has(s)).sort((a, b) => a - b)) {
    if (stream.next() >= p.tornPageProbability) continue;
    torn.push(shard);
    const image = p.fullPageWrites ? (node.disk.image(shard) ?? 0) : 0;
    if (image > 0) wal.tornPages.set(shard, image);
    else markTornPage(w, node, shard);
  }
  return torn;
}

/** The crash entry's words for the pages it tore. */
export function describeTornPages(w: World, node: NodeRow, torn: readonly number[]): string {
  if (torn.length === 0) return '';
  const ids = listSome(torn.map((s) => w.shards[s].id));
  return w.params.fullPageWrites && torn.every((s) => node.wal.tornPages.has(s))
    ? ` The power cut also left torn data page(s) of ${ids} (an 8 KiB page write is not atomic); the log holds a full-page image of each, so replay can write them back.`
    : ` The power cut also left torn data page(s) of ${ids} (an 8 KiB page write is not atomic), and without full-page writes the log cannot repair them: those replicas are corrupt.`;
}

/**
 * Replay ended (finished or stopped): pages whose image it read are whole again; those whose image lay past its stop
 * point stay torn, corrupt, for the verify to find.
 */
export function settleTornPages(w: World, node: NodeRow, stopNo: number | null): void {
  const wal = node.wal;
  if (wal.tornPages.size === 0) return;
  const restored: number[] = [];
  for (const [shard, image] of [...wal.tornPages].sort((a, b) => a[0] - b[0])) {
    if (!node.disk.has(shard)) continue;
    if (stopNo === null || image < stopNo) restored.push(shard);
    else markTornPage(w, node, shard);
  }
  wal.tornPages.clear();
  if (restored.length === 0) return;
  const ids = restored.map((s) => w.shards[s].id);
  record(
    w,
    node.id,
    'wal.pageRestored',
    `${node.id}'s data page(s) of ${listSome(ids)} were torn by the power loss. Replay wrote each whole page back from the ` +
      `full-page image its first log record after the checkpoint carries (PostgreSQL full_page_writes = on), then redid ` +
      `the records after it: nothing is damaged.`,
    'info',
    { node: node.id, shards: ids },
  );
}
