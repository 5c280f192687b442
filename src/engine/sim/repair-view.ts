import { CORRUPT, OLDER_AGREED, latestVersion, versionOf } from '../model/divergence';
import { differingNodes, hex, keysPerLeaf, leafOf, merkleDepth, nodeHash, treeDelta, type TreeDelta } from '../model/merkle';
import type { MerkleNodeView, MerkleTreeView, RepairSessionView, RepairView, ShardDivergenceView, StaleKeyView } from '../repair-types';
import { isHotKey } from './leaderless';
import { holders } from './quorum';
import type { RepairSession } from './repair-state';
import type { ShardRow, World } from './world';

/**
 * The public views of divergence and repair (repair-types.ts): a shard's divergence for the state view and the CLI
 * report, and the Repair panel's view of one shard. Computed on request only, for the shards asked about.
 */

/** Levels drawn in full; deeper levels show only the nodes on differing paths (design §12). */
export const DRAWN_FULL_LEVELS = 5;
/** Nodes drawn at most on one deeper level. */
const MAX_DEEP_NODES = 32;
/** Rows of the stale-key table. */
export const STALE_KEYS_SHOWN = 50;

/**
 * The indices (scenario order, ascending) of the shards where some replica holds keys differently (truth): what a
 * view of 100,000 shards marks without a ShardDivergenceView per shard. A shard whose record has converged is not
 * among them; neither is one with only a repaired watermark.
 */
export function divergentShardIndices(w: World): Uint32Array {
  const out: number[] = [];
  for (const [shard, div] of w.divergence.byShard) if (div.stale.size > 0) out.push(shard);
  return Uint32Array.from(out).sort();
}

/** A shard's divergence (truth) and repair marks, or null while it has neither. */
export function shardDivergenceView(w: World, shard: number): ShardDivergenceView | null {
  const div = w.divergence.byShard.get(shard);
  const repairedAt = w.repair.repairedAt.get(shard) ?? null;
  const pendingRepair = w.repair.pendingRepair.has(shard);
  if (div === undefined && repairedAt === null && !pendingRepair) return null;
  let staleKeys = 0;
  const divergent: number[] = [];
  for (const [replica, keys] of div?.stale ?? []) {
    staleKeys += keys.size;
    divergent.push(replica);
  }
  return {
    staleReplicas: divergent.length,
    staleKeys,
    divergentReplicas: divergent.sort((a, b) => a - b).map((r) => w.nodes[r].id),
    repairedAt,
    pendingRepair,
    inconsistent: w.corruption.inconsistent.has(shard),
  };
}

export function sessionView(w: World, s: RepairSession): RepairSessionView {
  return {
    id: s.id,
    shard: w.shards[s.shard].id,
    mode: s.mode,
    exchange: s.exchange,
    phase: s.machine.value,
    level: s.machine.value === 'comparing' ? s.level : null,
    participants: s.participants.map((r) => w.nodes[r].id),
    hashesExchanged: s.hashesExchanged,
    wholeTreeHashes: s.wholeTreeHashes || s.participants.length * (2 ** (s.depth + 1) - 1),
    keysStreamed: s.keysStreamed,
    staleKeys: s.staleKeys,
    differingLeaves: [...s.differingLeaves],
    startedAtMs: s.startedAtMs,
    endedAtMs: s.endedAtMs,
    failedReason: s.failedReason,
  };
}

/** The Repair panel's view of one shard, or null in primary replication. `pair`: the two replica ids to draw. */
export function buildRepairView(w: World, shard: ShardRow, pair?: [string, string]): RepairView | null {
  if (w.params.replication !== 'leaderless') return null;
  const depth = merkleDepth(w.params.keysPerShard, w.params.merkleMaxDepth);
  // Only replicas with data: a listed node whose disk is gone (destroyed, wiped) holds no version of any key.
  const replicas = holders(w, shard).filter((r) => w.nodes[r].disk.has(shard.index));
  const session = w.repair.sessions.get(shard.index) ?? null;
  const div = w.divergence.byShard.get(shard.index);
  // A running incremental session's trees cover only writes after its watermark; otherwise every key.
  const running = session !== null && session.machine.value !== 'finished' && session.machine.value !== 'failed';
  const after = running ? session.scopeAfter : null;
  const inScope = after === null || div === undefined ? undefined : (key: number) => latestVersion(div, key) > after;
  const scope = after === null ? '' : `>${after}`;
  const deltas = new Map<number, TreeDelta>(replicas.map((r) => [r, treeDelta(div, r, shard.id, depth, inScope)]));
  const [a, b] = choosePair(w, replicas, deltas, session, pair);
  const da = deltas.get(a) ?? treeDelta(undefined, a, shard.id, depth);
  const db = deltas.get(b) ?? treeDelta(undefined, b, shard.id, depth);
  const differing = differingNodes(da, db);
  const tree = (r: number, delta: TreeDelta): MerkleTreeView => ({
    replica: w.nodes[r].id,
    root: hex(nodeHash(shard.id, delta, 0, 0, scope)),
    levels: drawnLevels(shard.id, delta, differing, depth, scope),
  });
  const staleKeys = staleKeyRows(w, shard, depth, replicas);
  return {
    shard: shard.id,
    depth,
    leaves: 2 ** depth,
    keysPerLeaf: keysPerLeaf(w.params.keysPerShard, depth),
    replicas: replicas.map((r) => w.nodes[r].id),
    pair: [w.nodes[a].id, w.nodes[b].id],
    trees: [tree(a, da), tree(b, db)],
    session: session ? sessionView(w, session) : null,
    staleKeys: staleKeys.rows,
    staleKeysTotal: staleKeys.total,
    staleKeysShown: staleKeys.rows.length,
    repairedAt: w.repair.repairedAt.get(shard.index) ?? null,
    pendingRepair: w.repair.pendingRepair.has(shard.index),
    hintsPending: hintsPendingFor(w, shard.index),
  };
}

/** The asked pair, else the session's coordinator and the participant differing most from it, else the most divergent pair. */
function choosePair(
  w: World,
  replicas: number[],
  deltas: Map<number, TreeDelta>,
  session: RepairSession | null,
  pair?: [string, string],
): [number, number] {
  if (pair) {
    const [a, b] = pair.map((id) => {
      const i = w.nodeIndexById.get(id);
      if (i === undefined || !replicas.includes(i)) throw new RangeError(`getRepairView: ${id} holds no replica of this shard (replicas: ${replicas.map((r) => w.nodes[r].id).join(', ')})`);
      return i;
    });
    if (a === b) throw new RangeError(`getRepairView: the pair names ${pair[0]} twice; give two different replicas`);
    return [a, b];
  }
  if (replicas.length < 2) return [replicas[0] ?? 0, replicas[0] ?? 0];
  const leafDiff = (x: number, y: number) => {
    const d = differingNodes(deltas.get(x)!, deltas.get(y)!);
    return d[d.length - 1].length;
  };
  const candidates: [number, number][] = [];
  if (session && replicas.includes(session.coordinator)) for (const r of replicas) if (r !== session.coordinator) candidates.push([session.coordinator, r]);
  if (candidates.length === 0) for (let i = 0; i < replicas.length; i++) for (let j = i + 1; j < replicas.length; j++) candidates.push([replicas[i], replicas[j]]);
  let best = candidates[0];
  let most = -1;
  for (const c of candidates) {
    const n = leafDiff(c[0], c[1]);
    if (n > most) [best, most] = [c, n];
  }
  return best;
}

function drawnLevels(shardId: string, delta: TreeDelta, differing: number[][], depth: number, scope: string): MerkleNodeView[][] {
  const levels: MerkleNodeView[][] = [];
  for (let level = 0; level <= depth; level++) {
    const diff = new Set(differing[level]);
    const indices = level <= DRAWN_FULL_LEVELS ? Array.from({ length: 2 ** level }, (_, i) => i) : differing[level].slice(0, MAX_DEEP_NODES);
    levels.push(indices.map((index) => ({ level, index, hash: hex(nodeHash(shardId, delta, level, index, scope), 4), differs: diff.has(index) })));
  }
  return levels;
}

function staleKeyRows(w: World, shard: ShardRow, depth: number, replicas: number[]): { rows: StaleKeyView[]; total: number } {
  const div = w.divergence.byShard.get(shard.index);
  if (!div) return { rows: [], total: 0 };
  const keys = [...div.latest.keys()].filter((k) => [...div.stale.values()].some((m) => m.has(k)));
  keys.sort((x, y) => latestVersion(div, y) - latestVersion(div, x) || x - y);
  const rows = keys.slice(0, STALE_KEYS_SHOWN).map((key) => ({
    key,
    leaf: leafOf(shard.id, key, depth),
    hot: isHotKey(key, w.params),
    latest: latestVersion(div, key),
    versions: replicas.map((r) => {
      const v = versionOf(div, r, key);
      // A replica holding the newest version shows it as `latest` does (0 when the newest is an agreed older write, as
      // for a key only bit rot made differ); 'older' is an agreed older version held where a newer write exists.
      const shown = v === CORRUPT ? ('corrupt' as const) : v === OLDER_AGREED && latestVersion(div, key) !== OLDER_AGREED ? ('older' as const) : v;
      return { replica: w.nodes[r].id, version: shown };
    }),
  }));
  return { rows, total: keys.length };
}

/** Hints held anywhere for this shard's replicas and not yet delivered (a scan of the hint queues, on request only). */
function hintsPendingFor(w: World, shard: number): number {
  let n = 0;
  for (const targets of w.hints.byCoordinator.values()) for (const queue of targets.values()) for (const e of queue.entries) if (e.shard === shard) n++;
  return n;
}
