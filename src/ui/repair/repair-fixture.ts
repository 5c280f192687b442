import type { MerkleNodeView, MerkleTreeView, RepairSessionView, RepairView, StaleKeyView } from '../../engine/index';

/**
 * A Repair view for tests and previews: the design's worked example (recovery-repair.md §7.4). Shard s001, depth 4
 * (16 leaves of 64 keys), replicas n2 and n4 differ in leaves 5 and 12, a level-by-level session comparing level 2.
 */

/** A stable 4-hex label per (replica, level, index): equal in both trees where the subtree agrees. */
function hashOf(seed: string, level: number, index: number): string {
  let h = 2166136261;
  for (const ch of `${seed}:${level}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) & 0xffff).toString(16).padStart(4, '0');
}

/** Every node to `depth`, differing where a differing leaf lies beneath it. */
export function fixtureTree(replica: string, depth: number, differingLeaves: readonly number[], same = 'agreed'): MerkleTreeView {
  const levels: MerkleNodeView[][] = [];
  for (let level = 0; level <= depth; level++) {
    const row: MerkleNodeView[] = [];
    const span = 2 ** (depth - level);
    for (let index = 0; index < 2 ** level; index++) {
      const differs = differingLeaves.some((leaf) => Math.floor(leaf / span) === index);
      row.push({ level, index, hash: hashOf(differs ? replica : same, level, index), differs });
    }
    levels.push(row);
  }
  return { replica, root: `${levels[0][0].hash}${hashOf(replica, 99, 0)}`, levels };
}

export function fixtureSession(over: Partial<RepairSessionView> = {}): RepairSessionView {
  return {
    id: 'repair-1',
    shard: 's001',
    mode: 'full',
    exchange: 'levelByLevel',
    phase: 'comparing',
    level: 2,
    participants: ['n2', 'n4'],
    hashesExchanged: 6,
    wholeTreeHashes: 62,
    keysStreamed: 0,
    staleKeys: 3,
    differingLeaves: [5, 12],
    startedAtMs: 30_000,
    endedAtMs: null,
    failedReason: null,
    ...over,
  };
}

const STALE: StaleKeyView[] = [
  { key: 790, leaf: 12, hot: false, latest: 131, versions: [ { replica: 'n2', version: 131 }, { replica: 'n3', version: 131 }, { replica: 'n4', version: 'older' } ] },
  { key: 350, leaf: 5, hot: true, latest: 120, versions: [ { replica: 'n2', version: 88 }, { replica: 'n3', version: 120 }, { replica: 'n4', version: 120 } ] },
  { key: 331, leaf: 5, hot: false, latest: 97, versions: [ { replica: 'n2', version: 97 }, { replica: 'n3', version: 97 }, { replica: 'n4', version: 'corrupt' } ] },
];

export function fixtureRepairView(over: Partial<RepairView> = {}): RepairView {
  const differing = [5, 12];
  return {
    shard: 's001',
    depth: 4,
    leaves: 16,
    keysPerLeaf: 64,
    replicas: ['n2', 'n3', 'n4'],
    pair: ['n2', 'n4'],
    trees: [fixtureTree('n2', 4, differing), fixtureTree('n4', 4, differing)],
    session: fixtureSession(),
    staleKeys: STALE,
    staleKeysTotal: 3,
    staleKeysShown: 3,
    repairedAt: null,
    pendingRepair: false,
    hintsPending: 0,
    ...over,
  };
}
