import type { AntiEntropyMachineState } from '../machines/anti-entropy-stepper';
import type { MerkleExchange } from '../recovery-types';
import type { Scheduled } from './event-queue';
import type { SimEvent } from './rows';
import type { MachineLast } from './machine-records';

/**
 * The world's anti-entropy record (design recovery-repair.md §7.4, §7.7): repair sessions (`repair.run`, periodic
 * anti-entropy), each coordinator's queue, and incremental repair's watermark per shard. Sparse: nothing exists for a
 * shard never repaired. Owned by anti-entropy.ts.
 */

export type RepairMode = 'full' | 'incremental';

/** Two participants' trees compared: the differing node indices per level (root = level 0). */
export interface ComparedPair {
  a: number;
  b: number;
  /** Never changed once made; equal trees share one frozen list (anti-entropy.ts agreedAtEveryLevel). */
  differing: readonly (readonly number[])[];
}

/** One anti-entropy session of one shard: a machine while it runs, kept afterwards as the shard's latest. */
export interface RepairSession {
  /** `r<seq>`: the run's sessions in the order they were requested. */
  id: string;
  seq: number;
  shard: number;
  mode: RepairMode;
  exchange: MerkleExchange;
  machine: AntiEntropyMachineState;
  /** The machine's last transition (what a statechart panel shows as such; none reads it yet), or null before its first. */
  machineLast: MachineLast | null;
  /** The node coordinating it (builds nothing extra; compares and orders the streams). */
  coordinator: number;
  /** Every replica in the shard's placement when it started, the coordinator first. */
  participants: number[];
  /** Each participant's process incarnation when it started: a restart in between loses the session. */
  incarnations: number[];
  depth: number;
  /** Incremental: the repaired watermark when it started; only writes after it are in its trees. Null: every key. */
  scopeAfter: number | null;
  /** The shard's write sequence when it started: what it marks repaired if it finishes. */
  watermark: number;
  /** Bytes each participant reads to build its tree. */
  validationBytesPerReplica: number;
  /** Pairs compared (every pair of participants), filled when the trees are built. */
  pairs: ComparedPair[];
  /** The level being (or last) compared; null outside comparing. */
  level: number | null;
  hashesExchanged: number;
  wholeTreeHashes: number;
  /** Leaves differing in any pair, ascending. */
  differingLeaves: number[];
  keysStreamed: number;
  /** (replica, key) entries the streamed ranges held stale or corrupt. */
  staleKeys: number;
  startedAtMs: number;
  endedAtMs: number | null;
  /** The world's event count when it finished (invariant 9 checks the event it finished in). */
  endedAtEvent: number | null;
  failedReason: string | null;
  /** 1 for the first try. */
  attempt: number;
  /** Started by the node's periodic anti-entropy (no retry: the next tick is one). */
  periodic: boolean;
  /** Its trace entries go at detail level (one of many: a summary per node says what they did). */
  quiet: boolean;
  /** Its pending step (validation, a round trip, the stream) or its retry. */
  timer: Scheduled<SimEvent> | null;
}

/** What a coordinator's sessions of one `repair.run:all` (or periodic tick) did, for its one summary entry. */
export interface NodeRepairSummary {
  sessions: number;
  differing: number;
  keysStreamed: number;
  failed: number;
  startedAtMs: number;
  /** Every session it covers was periodic (anti-entropy's own clock), none asked for by an operator. */
  periodic: boolean;
}

/** A watermark advance: incremental repair's (and full repair's) mark, kept for invariant 11. */
export interface RepairMark {
  /** The watermark before (null: none yet). */
  from: number | null;
  to: number;
  mode: RepairMode;
  atEvent: number;
}

export interface RepairRecord {
  nextSeq: number;
  /** shard → its running session, or its latest one. */
  sessions: Map<number, RepairSession>;
  /** Coordinator node → shards whose sessions wait for it (it runs one at a time). */
  queues: Map<number, number[]>;
  /** Coordinator node → the shard whose session it is running. */
  busy: Map<number, number>;
  /** Shards with a session requested or running. */
  running: Set<number>;
  /** shard → writes up to this writeId are marked repaired (incremental repair's watermark). */
  repairedAt: Map<number, number>;
  /** shard → its latest mark (invariant 11). */
  marks: Map<number, RepairMark>;
  /** Shards whose incremental session stopped mid-stream: data left pending repair until the next session. */
  pendingRepair: Set<number>;
  /** Coordinator → its summary while it works through many sessions. */
  summaries: Map<number, NodeRepairSummary>;
  /** Σ over shards of repairedAt (for repairedFraction). */
  repairedWrites: number;
  /** Any incremental session has run (repairedFraction is null before). */
  incrementalRan: boolean;
  /** Node → its periodic anti-entropy tick, while antiEntropyIntervalMs > 0. */
  ticks: Map<number, Scheduled<SimEvent>>;
}

export function newRepairRecord(): RepairRecord {
  return {
    nextSeq: 1,
    sessions: new Map(),
    queues: new Map(),
    busy: new Map(),
    running: new Set(),
    repairedAt: new Map(),
    marks: new Map(),
    pendingRepair: new Set(),
    summaries: new Map(),
    repairedWrites: 0,
    incrementalRan: false,
    ticks: new Map(),
  };
}
