import type { NodeScrub } from './corruption-state';
import { corruptionAt, knownCorruptionAt } from './corruption-state';
import { detectCorruption } from './corruption';
import { holders } from './quorum';
import { fmtMs, formatBytes, isUp, record, schedule, unschedule, type NodeRow, type ShardRow, type World } from './world';

/**
 * Scrub (design recovery-repair.md §6.2): each node scrubs its own replicas on one clock, never one timer per shard.
 * A light scrub (every scrubIntervalMs) compares sizes and object counts: it finds torn pages, not bit rot. A deep
 * scrub reads the node's replicas in shard order at scrubBytesPerSec and checks data checksums; the next one starts
 * deepScrubIntervalMs after it ends, so a replica is read once every interval + node bytes / rate, and silent
 * corruption appearing at a random moment is found, on average, after deepScrubIntervalMs / 2 + nodeBytes /
 * scrubBytesPerSec / 2 (§6.3). Phases come from each node's `node:<id>:scrub` stream (no per-interval jitter, so the
 * figure can be checked by hand).
 */

const OFF = Number.POSITIVE_INFINITY;

function replicaMs(w: World): number {
  return (w.shardSizeBytes / w.params.scrubBytesPerSec) * 1000;
}

/** Starts (or re-times, after a config.set) every node's scrub clock. Nothing is drawn while both intervals are 0. */
export function startScrubs(w: World): void {
  const { scrubIntervalMs: light, deepScrubIntervalMs: deep } = w.params;
  for (const node of w.nodes) {
    let s = w.corruption.scrubs.get(node.index);
    if (!s) {
      if (light <= 0 && deep <= 0) continue;
      // Two draws, once per node: where in each interval its light and deep scrubs fall (whole ms, like heartbeat phases).
      const stream = w.random.get(`node:${node.id}:scrub`);
      const lightPhase = stream.next();
      const deepPhase = stream.next();
      s = { lightPhase, deepPhase, lightDueMs: OFF, deepDueMs: OFF, pass: null, timer: null };
      w.corruption.scrubs.set(node.index, s);
    }
    if (light <= 0) s.lightDueMs = OFF;
    else if (s.lightDueMs === OFF || s.lightDueMs > w.nowMs + light) s.lightDueMs = w.nowMs + Math.floor(s.lightPhase * light);
    if (deep <= 0) {
      s.deepDueMs = OFF;
      s.pass = null;
    } else if (s.pass === null && (s.deepDueMs === OFF || s.deepDueMs > w.nowMs + deep)) s.deepDueMs = w.nowMs + Math.floor(s.deepPhase * deep);
    arm(w, node.index, s);
  }
}

function arm(w: World, node: number, s: NodeScrub): void {
  unschedule(w, s.timer);
  const due = Math.min(s.lightDueMs, s.pass ? s.pass.stepDueMs : s.deepDueMs);
  s.timer = due === OFF ? null : schedule(w, due, { type: 'scrub.tick', node });
}

/** The node's scrub clock ticked: read the next replica of a deep pass, run a light scrub, or start a deep pass. */
export function onScrubTick(w: World, nodeIndex: number): boolean {
  const s = w.corruption.scrubs.get(nodeIndex);
  if (!s) return false;
  s.timer = null;
  const node = w.nodes[nodeIndex];
  const up = isUp(node);
  if (s.pass && s.pass.stepDueMs <= w.nowMs) {
    if (up) readNextReplica(w, node, s);
    else {
      // A stopped process scrubs nothing; the pass is abandoned and the next starts an interval later.
      s.pass = null;
      s.deepDueMs = w.nowMs + w.params.deepScrubIntervalMs;
    }
  }
  if (s.lightDueMs <= w.nowMs) {
    if (up) lightScrub(w, node);
    s.lightDueMs = w.params.scrubIntervalMs > 0 ? s.lightDueMs + w.params.scrubIntervalMs : OFF;
  }
  if (!s.pass && s.deepDueMs <= w.nowMs) {
    if (up) startDeepPass(w, node, s);
    else s.deepDueMs = w.params.deepScrubIntervalMs > 0 ? w.nowMs + w.params.deepScrubIntervalMs : OFF;
  }
  arm(w, nodeIndex, s);
  return true;
}

/** Sizes and object counts of every replica on the node: a torn page shows, bit rot does not. */
function lightScrub(w: World, node: NodeRow): void {
  const shards = [...node.disk.keys()].sort((a, b) => a - b);
  let found = 0;
  for (const s of shards) if (corruptionAt(w.corruption, node.index, s)?.kind === 'tornPage' && detectCorruption(w, node.index, s, 'lightScrub')) found++;
  record(
    w,
    node.id,
    'scrub.finished',
    `${node.id}'s light scrub compared the sizes and object counts of its ${shards.length} replica(s): ` +
      (found === 0 ? 'all match (bit rot inside the data passes a light scrub).' : `${found} did not match.`),
    found === 0 ? 'detail' : 'info',
    { node: node.id, deep: false, replicas: shards.length, found },
  );
}

function startDeepPass(w: World, node: NodeRow, s: NodeScrub): void {
  const shards = [...node.disk.keys()].sort((a, b) => a - b);
  s.pass = { shards, cursor: 0, startedAtMs: w.nowMs, stepDueMs: w.nowMs + replicaMs(w), bytes: 0, found: 0 };
  record(
    w,
    node.id,
    'scrub.started',
    `${node.id} starts a deep scrub: it reads its ${shards.length} replica(s) (${formatBytes(shards.length * w.shardSizeBytes)}) in shard order at ` +
      `${formatBytes(w.params.scrubBytesPerSec)}/s and checks every data checksum (about ${fmtMs(shards.length * replicaMs(w))}).`,
    'info',
    { node: node.id, deep: true, replicas: shards.length },
  );
  if (shards.length === 0) finishDeepPass(w, node, s);
}

function readNextReplica(w: World, node: NodeRow, s: NodeScrub): void {
  const pass = s.pass!;
  const shard = pass.shards[pass.cursor++];
  // A replica that left the disk since the pass began (re-homed, removed) is skipped, not read.
  if (node.disk.has(shard)) {
    pass.bytes += w.shardSizeBytes;
    w.corruption.scrubBytes += w.shardSizeBytes;
    const found = detectCorruption(w, node.index, shard, 'deepScrub');
    if (found) pass.found++;
    else
      record(w, node.id, 'scrub.replicaVerified', `${node.id}'s deep scrub read its copy of ${w.shards[shard].id}: every checksum matches.`, 'detail', {
        node: node.id,
        shard: w.shards[shard].id,
      });
  }
  if (pass.cursor >= pass.shards.length) finishDeepPass(w, node, s);
  else pass.stepDueMs = w.nowMs + replicaMs(w);
}

function finishDeepPass(w: World, node: NodeRow, s: NodeScrub): void {
  const pass = s.pass!;
  s.pass = null;
  s.deepDueMs = w.params.deepScrubIntervalMs > 0 ? w.nowMs + w.params.deepScrubIntervalMs : OFF;
  record(
    w,
    node.id,
    'scrub.finished',
    `${node.id}'s deep scrub is done: ${formatBytes(pass.bytes)} read in ${fmtMs(w.nowMs - pass.startedAtMs)}, ` +
      (pass.found === 0 ? 'no corruption found.' : `${pass.found} corrupt replica(s) found.`) +
      (s.deepDueMs === OFF ? '' : ` The next starts in ${fmtMs(w.params.deepScrubIntervalMs)}.`),
    'info',
    { node: node.id, deep: true, bytes: pass.bytes, found: pass.found },
  );
}

// ------------------------------------------------------------ scrub.run (ceph pg scrub / deep-scrub)

/** An operator scrubs one shard on every replica at once; a deep scrub takes one replica's read time. */
export function runShardScrub(w: World, shard: ShardRow, deep: boolean): void {
  unschedule(w, w.corruption.shardScrubs.get(shard.index));
  const copies = holders(w, shard).filter((r) => isUp(w.nodes[r]) && w.nodes[r].disk.has(shard.index));
  const ms = deep ? replicaMs(w) : 0;
  record(
    w,
    shard.id,
    'scrub.started',
    deep
      ? `A deep scrub of ${shard.id} starts: its ${copies.length} replica(s) on running nodes each read ${formatBytes(w.shardSizeBytes)} and check every data checksum (about ${fmtMs(ms)}).`
      : `A light scrub of ${shard.id} starts: its ${copies.length} replica(s) compare sizes and object counts.`,
    'info',
    { shard: shard.id, deep, replicas: copies.length },
  );
  w.corruption.shardScrubs.set(shard.index, schedule(w, w.nowMs + ms, { type: 'scrub.shardDone', shard: shard.index, deep }));
}

export function onShardScrubDone(w: World, shardIndex: number, deep: boolean): boolean {
  w.corruption.shardScrubs.delete(shardIndex);
  const shard = w.shards[shardIndex];
  const copies = holders(w, shard).filter((r) => isUp(w.nodes[r]) && w.nodes[r].disk.has(shard.index));
  const found: string[] = [];
  const bad: string[] = [];
  for (const r of copies) {
    const c = corruptionAt(w.corruption, r, shardIndex);
    if (deep) w.corruption.scrubBytes += w.shardSizeBytes;
    if (c && (deep || c.kind === 'tornPage')) {
      bad.push(w.nodes[r].id);
      if (!knownCorruptionAt(w.corruption, r, shardIndex)) found.push(w.nodes[r].id);
    } else if (deep)
      record(w, w.nodes[r].id, 'scrub.replicaVerified', `${w.nodes[r].id}'s copy of ${shard.id}: every checksum matches.`, 'detail', {
        node: w.nodes[r].id,
        shard: shard.id,
      });
  }
  record(
    w,
    shard.id,
    'scrub.finished',
    `The ${deep ? 'deep' : 'light'} scrub of ${shard.id} is done: ` +
      (bad.length > 0
        ? bad.length === 1
          ? `${bad[0]}'s copy is corrupt.`
          : `the copies on ${bad.join(', ')} are corrupt.`
        : deep
          ? 'every replica matches its checksums.'
          : 'sizes and object counts match (a light scrub does not read the data, so bit rot would pass it).'),
    'info',
    { shard: shard.id, deep, found: bad },
  );
  // What it found is answered after it is told (the response may remove the copy or stop its node).
  for (const id of found) detectCorruption(w, w.nodeIndexById.get(id)!, shardIndex, deep ? 'deepScrub' : 'lightScrub');
  return true;
}
