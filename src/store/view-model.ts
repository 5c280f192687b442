import type {
  ClusterState,
  MachineInstanceView,
  MachineRef,
  NodeId,
  RepairMode,
  RepairPreview,
  RestoreView,
  ShardId,
  TargetChoice,
  TraceEntry,
  WhatIfReport,
} from '../engine/index';
import type { PlaybackNotice } from './auto-pause';
import type { ControlPlanePanelView } from './control-plane-panel';
import type { RecoveryLogView } from './recovery-log';
import type { RepairPanelView } from './repair-panel';

/**
 * What the console's views read. A plain projection of the engine, published
 * at most once per animation frame; views never touch the engine directly.
 */

export interface PlaybackView {
  playing: boolean;
  /** Simulated ms per wall-clock ms. */
  speed: number;
  timeMs: number;
  eventCount: number;
  /** The furthest time this run has reached (the scrubber's end). */
  horizonMs: number;
  /** The latest time anything but routine detail happened or a scheduled command is due (furthest reached; the charts fit their axis to it). */
  storyEndMs: number;
  /** The last frame could not simulate all the time it owed (the console shows "catching up"). */
  catchingUp: boolean;
  /** Why playback paused by itself (or "next significant event" found nothing ahead); cleared by the next move. */
  notice: PlaybackNotice | null;
}

/** One point of the metric charts, sampled every `SAMPLE_EVERY_MS` of simulated time. */
export interface MetricsSample {
  timeMs: number;
  underReplicated: number;
  underReplicatedTruth: number;
  lost: number;
  rebuildBytesRemaining: number;
  copiesInFlight: number;
  /** Cumulative rebuild bytes received per node (rates come from differences between samples). */
  bytesInByNode: Record<NodeId, number>;
  /** Cumulative client writes acknowledged and failed (rates come from differences). */
  writesAcked: number;
  writesFailed: number;
  /** Divergence (leaderless replication; 0 otherwise): stale keys in truth and as known, hints not yet delivered. */
  staleKeysTruth: number;
  staleKeysKnown: number;
  hintsPending: number;
}

/** The what-if preview: a fault the learner is about to inject, and what it would do (`sim.whatIf`). */
export interface WhatIf {
  label: string;
  /** The shards that would lose a copy the router reaches (`effect.loseCopy`). */
  shards: readonly ShardId[];
  /** Both effects: copies lost (down to one, or none) and shards that would stop taking writes. */
  effect: WhatIfReport;
}

export type Selection = { kind: 'node'; id: NodeId } | { kind: 'shard'; id: ShardId } | null;

export interface ConsoleAlert {
  id: number;
  /** The problem in plain words, naming what was wrong. */
  message: string;
  source: 'url' | 'scenario' | 'command';
}

export interface ScenarioSummary {
  id: string;
  title: string;
  description: string;
  /** The scenario's own words as loaded (a file carries them; the console's built-ins arrive without, fetched on demand). */
  prose: { description?: string; watch?: readonly string[] };
}

/**
 * What the inspector shows about the selected shard beyond its ShardView: why its newest replica went where it did,
 * and, while it refuses writes, what each emergency repair would do. Read in the engine for this shard only.
 */
export interface SelectedShardView {
  id: ShardId;
  choice: TargetChoice | null;
  repair: Readonly<Record<RepairMode, RepairPreview>> | null;
}

/** Above this many shards `cluster.shards` lists only those needing attention; `shardCodes` holds every one. */
export const FULL_SHARD_LIST_MAX = 2_000;

/**
 * The statechart panels: each open place (`inspector`, `failover`) with the machines it shows, and the live view
 * of each of those machines keyed `kind:id` (null when the run has no such machine). Empty while no panel is open,
 * so a closed panel costs nothing per frame.
 */
export interface MachinesView {
  open: Readonly<Record<string, readonly MachineRef[]>>;
  views: Readonly<Record<string, MachineInstanceView | null>>;
}

export interface ConsoleViewState {
  scenario: ScenarioSummary;
  seed: number;
  /**
   * The cluster. `cluster.shards` is every shard up to FULL_SHARD_LIST_MAX shards; above, only the shards whose code
   * is not healthy plus the selected one (`shardsComplete` false). Views that need every shard read `shardCodes`.
   */
  cluster: ClusterState;
  shardsComplete: boolean;
  /** Every shard's state code (engine model/shard-codes.ts), index i = the i-th shard in scenario order. */
  shardCodes: Uint8Array;
  /**
   * The shards (indices as in `shardCodes`, ascending) where some replica holds keys differently (truth, leaderless
   * runs): at scale `cluster.shards` lists only shards whose code is not healthy, and a shard can diverge while its
   * code is healthy, so the placement view marks and counts divergence from this list.
   */
  divergentShards: Uint32Array;
  /** The selected shard's explanation and repair previews (null unless a shard is selected). */
  selectedShard: SelectedShardView | null;
  /** The trace entries the engine keeps: a window of the newest (heartbeats included; views filter). */
  trace: readonly TraceEntry[];
  /** Entries older than the window are counted, not kept; seeking there re-simulates them. */
  traceEvicted: { entries: number; untilMs: number | null };
  history: readonly MetricsSample[];
  playback: PlaybackView;
  selection: Selection;
  alerts: readonly ConsoleAlert[];
  whatIf: WhatIf | null;
  machines: MachinesView;
  /** The Log view (node inspector): open or closed, and while open the selected node's log and mode previews. */
  log: { open: boolean; view: RecoveryLogView | null };
  /**
   * The Repair panel (shard inspector): open or closed and the replica pair the learner picked (null: the engine's
   * choice), and while open the selected shard's Merkle trees, session and stale keys.
   */
  repairPanel: { open: boolean; pair: readonly [string, string] | null; view: RepairPanelView | null };
  /**
   * The control plane group (3 members; view null with one): members, leader, failover steps on every publish, and
   * the journal's newest entries while the journal view is open (`journalOpen`, owned by the page).
   */
  controlPlane: { journalOpen: boolean; view: ControlPlanePanelView | null };
  /** Backups taken and the cluster restore under way or last (store/restore-panel.ts); null until a backup exists. */
  restore: RestoreView | null;
  /** Increments on every publish; cheap "something changed" signal for imperative views. */
  frame: number;
}

export const SAMPLE_EVERY_MS = 500;
