import type { MerkleExchange } from './recovery-types';

/**
 * Public views of replica divergence and repair (design recovery-repair.md §7, §11.5, §12): what the Repair panel
 * draws for one shard and what the CLI report lists per shard. Read through `sim.getRepairView(shard)` and
 * `state().shards[].divergence`.
 */

/** A shard's divergence, in the state view and the CLI report (`shards[].divergence`); null while it has none. */
export interface ShardDivergenceView {
  /** Truth: replicas holding at least one key differently. */
  staleReplicas: number;
  /** Truth: Σ over its replicas of keys held differently (stale or corrupt). */
  staleKeys: number;
  /** Ids of the replicas that hold keys differently (truth), for the placement overlay. */
  divergentReplicas: string[];
  /** Incremental repair's watermark: writes up to this writeId were marked repaired; null before any. */
  repairedAt: number | null;
  /** An incremental session stopped mid-stream left data pending repair (cleared by the next session). */
  pendingRepair: boolean;
  inconsistent: boolean;
}

/** One drawn node of a Merkle tree: level 0 is the root; `index` counts from the left within its level. */
export interface MerkleNodeView {
  level: number;
  index: number;
  /** The first 4 hex digits of its hash (the panel's label). */
  hash: string;
  /** Its hash differs from the same node in the other replica's tree. */
  differs: boolean;
}

/** One replica's tree as drawn: the top levels in full, deeper levels only along differing paths (design §12). */
export interface MerkleTreeView {
  replica: string;
  /** The root's hash, 8 hex digits. */
  root: string;
  /** levels[ℓ] = the nodes drawn at level ℓ, left to right. */
  levels: MerkleNodeView[][];
}

export type RepairSessionPhase = 'requested' | 'validating' | 'comparing' | 'streaming' | 'finished' | 'failed';

/** An anti-entropy session (`repair.run`), running or the latest one for the shard. */
export interface RepairSessionView {
  id: string;
  shard: string;
  mode: 'full' | 'incremental';
  exchange: MerkleExchange;
  phase: RepairSessionPhase;
  /** The tree level being compared (level by level), or null outside `comparing`. */
  level: number | null;
  participants: string[];
  /** Hashes sent so far by every participant, and what sending every tree whole would cost ("hashes exchanged / whole tree"). */
  hashesExchanged: number;
  wholeTreeHashes: number;
  /** Keys streamed so far, and the stale keys those ranges held ("keys streamed / stale keys"). */
  keysStreamed: number;
  staleKeys: number;
  /** Leaves whose hashes differed, ascending. */
  differingLeaves: number[];
  startedAtMs: number;
  endedAtMs: number | null;
  /** Why it failed (a participant went down), else null. */
  failedReason: string | null;
}

/** A key some replica holds differently: the version each replica holds (a writeId, 'older' or 'corrupt'). */
export interface StaleKeyView {
  key: number;
  /** The leaf (key range) it falls in. */
  leaf: number;
  hot: boolean;
  latest: number;
  versions: { replica: string; version: number | 'older' | 'corrupt' }[];
}

/** Everything the Repair panel shows for one shard (`sim.getRepairView(shard, pair?)`). */
export interface RepairView {
  shard: string;
  /** Tree depth D (levels below the root), its leaves (2^D) and keys per leaf. */
  depth: number;
  leaves: number;
  keysPerLeaf: number;
  replicas: string[];
  /** The two replicas drawn side by side (by default the session's, else the most divergent pair). */
  pair: [string, string];
  trees: [MerkleTreeView, MerkleTreeView];
  session: RepairSessionView | null;
  /** Stale keys, most recently written first, capped at `staleKeysShown`; `staleKeysTotal` counts them all. */
  staleKeys: StaleKeyView[];
  staleKeysTotal: number;
  staleKeysShown: number;
  repairedAt: number | null;
  pendingRepair: boolean;
  /** Hints held for this shard's replicas, not yet delivered. */
  hintsPending: number;
}
