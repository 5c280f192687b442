import type {
  ClusterState,
  Command,
  InvariantViolation,
  Metrics,
  RepairMode,
  RepairPreview,
  RunResult,
  RunTarget,
  Scenario,
  TargetChoice,
  TimedCommand,
  TraceEntry,
  TraceWindow,
  SkippedTimelineCommand,
  WhatIfReport,
} from './types';
import type { MachineInstanceView, MachineRef } from './machines/machine-graph';
import type { RecoveryModePreview, WalView } from './recovery-types';
import type { RepairView } from './repair-types';
import type { TransactionView } from './transaction-types';
import type { RestoreView } from './restore-types';
import type { ControlPlaneView } from './control-plane-types';

export interface CreateSimulationOptions {
  /** A validated scenario (see `parseScenario` in src/scenarios). */
  scenario: Scenario;
  /** Overrides `scenario.seed`. */
  seed?: number;
  /** How many of the newest trace entries to keep (default 50,000); older ones are counted, not kept. */
  traceWindowEntries?: number;
}

export interface StateOptions {
  /** 0-based shard indices to list; every shard when absent. */
  shards?: readonly number[];
}

export interface RunOptions {
  /** Stop once simulated time would pass this many ms from the start of the run (absolute time). */
  maxMs?: number;
}

/** What a fork is for: a run to go on with (the default), or a snapshot only ever forked again. */
export type ForkUse = 'run' | 'snapshot';

/**
 * A running simulation. The whole run is a pure function of
 * (scenario, seed, the commands dispatched and when).
 */
export interface Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Current simulated time. */
  readonly timeMs: number;
  /** Applies a command now. Throws `CommandError` naming the problem; nothing changes then. */
  dispatch(command: Command): void;
  /** Processes the next event. Returns the trace entries it produced, or null when nothing is queued. */
  step(): TraceEntry[] | null;
  /** Processes every event up to and including `timeMs + ms`, then sets the clock there. */
  advanceBy(ms: number): void;
  /** Runs until the target holds or `maxMs` (default 10 simulated minutes) is reached. */
  runUntil(target: RunTarget, options?: RunOptions): RunResult;
  /** Whether `'healthy'`, `'idle'` or a predicate holds right now; moves nothing. */
  holds(target: RunTarget): boolean;
  /**
   * The whole cluster as plain data. With `shards`, `shards` lists only the shards at those indices (scenario order,
   * as in getShardStateCodes()): the console's projection of a large cluster, which builds no other ShardView.
   */
  getState(options?: StateOptions): ClusterState;
  /** Just the metrics: much cheaper than getState() on a large cluster. */
  getMetrics(): Metrics;
  /**
   * The metrics without `shardsNotWritable`, the one that reads every shard's write quorum: what the console's
   * half-second trend samples take (at 100,000 shards, re-simulating for a seek samples hundreds of times).
   */
  getMetrics(options: { shardsNotWritable: false }): Omit<Metrics, 'shardsNotWritable'>;
  /**
   * Every shard's state as one code (model/shard-codes.ts), index i = the i-th shard in scenario order: what the
   * placement view needs at 100,000 shards, without building a ShardView. Agrees with getState().shards.
   */
  getShardStateCodes(): Uint8Array;
  /**
   * The indices (as in getShardStateCodes(), ascending) of the shards where some replica holds keys differently:
   * the truth of leaderless divergence (design recovery-repair.md §7.2), agreeing with `getState().shards[i]
   * .divergence.staleReplicas > 0`. Empty in primary replication. Cheap: it costs the diverging shards only.
   */
  getDivergentShards(): Uint32Array;
  /** When the next queued event fires, or null when nothing is queued. */
  nextEventAtMs(): number | null;
  /** The kept trace entries with `seq >= sinceSeq` (the trace keeps a bounded window of the newest; see getTraceWindow). */
  getTrace(sinceSeq?: number): TraceEntry[];
  /** What the trace window holds and the counts of what fell out of it. */
  getTraceWindow(): TraceWindow;
  /** Timeline commands that came due and could not apply, each with why (kept whatever the trace window). */
  getSkippedCommands(): SkippedTimelineCommand[];
  /** A short hash of every trace entry so far (not just the kept window): equal runs give equal digests. */
  digest(): string;
  /** Every command that changed the run: the scenario timeline's fired ones and dispatched ones, with times. */
  getCommandLog(): TimedCommand[];
  /** Why the most recent replica of this shard went where it did, or null. */
  explainShard(shard: string): TargetChoice | null;
  /**
   * DESIGN.md §6 invariants checked against the current state; empty when all hold. Throws for a simulation made
   * by `createConsoleSimulation`, which is built without the checker.
   */
  checkInvariants(): InvariantViolation[];
  /**
   * What a restart of this node would do with its log as it is now under each recovery mode (where it stops,
   * what it applies, whether it starts), changing nothing: the Log view's preview (design recovery-repair.md §12).
   * Throws `CommandError` for an unknown node.
   */
  previewRecovery(node: string): RecoveryModePreview[];
  /**
   * The node's write-ahead log since its last checkpoint, as the Log view draws it (design recovery-repair.md §12):
   * each record with its fields and fate, older records as segment summaries, the fsync line, the checkpoint, and
   * the replay cursor and stop point. Built on demand, changing nothing. Throws `CommandError` for an unknown node.
   */
  getWal(node: string): WalView;
  /**
   * The Repair panel's view of one shard (design recovery-repair.md §7.3, §7.4, §12): two replicas' Merkle trees
   * (the top five levels in full, deeper levels along differing paths), the latest anti-entropy session, the stale
   * keys and the repaired watermark. `pair` names the two replicas drawn (default: the session's coordinator and the
   * replica differing most from it, else the most divergent pair). Null in primary replication. Built on demand for
   * this one shard, changing nothing. Throws `CommandError` for an unknown shard, RangeError for a bad pair.
   */
  getRepairView(shard: string, pair?: [string, string]): RepairView | null;
  /**
   * Every transaction of the run, oldest first (design recovery-repair.md §9): its shards, writes, how it was asked
   * to end, its state, whether the client was told, and a two-phase one's decision. A node's last restart, rule by
   * rule, is `NodeView.transactions`.
   */
  getTransactions(): TransactionView[];
  /**
   * The restore panel's view (design recovery-repair.md §10): every backup taken (id, time, shards, bytes, writes held)
   * and the cluster restore under way or last (backup, target time, phase, bytes loaded of all, RPO writes, RTO with
   * its formula filled in). Built on demand, changing nothing.
   */
  getRestoreView(): RestoreView;
  /**
   * The control plane (design recovery-repair.md §8): its members with role, term and journal index, the leader,
   * the commit index, the newest journal entries (committed or not, who holds each) and the latest leader failover
   * step by step. With one member: a single member "cp" that leads term 1, no journal. Built on demand.
   */
  getControlPlaneView(): ControlPlaneView;
  /** What `shard.emergencyRepair` would do now, and what it would lose, without doing it. */
  previewRepair(shard: string, mode: RepairMode): RepairPreview;
  /**
   * What a fault would do if it ran now, changing nothing: the shards that would lose a copy the router
   * reaches (of them, those left with one copy and those left with none), and those that would stop taking writes.
   */
  whatIf(command: Command): WhatIfReport;
  /** Shards whose writes a command would stop if it ran now: `whatIf(command).stopWrites`, kept for compatibility. */
  shardsHitBy(command: Command): string[];
  /**
   * The machine instances that exist now, in a stable order: the failover manager, each node's process and health
   * monitor, the shards whose machine is away from healthy (a healthy shard is a plain row), then each copy job
   * (id `s001→n4`: its shard and current target, so a retargeted copy changes id).
   */
  listMachines(): MachineRef[];
  /** One machine's graph (from its own definition), active state and last transition; null for an unknown ref. */
  getMachine(ref: MachineRef): MachineInstanceView | null;
  /** Events processed so far. */
  readonly eventCount: number;
  /**
   * An exact, independent copy of the whole run (world, queue, clock, random streams, trace window, logs): running
   * it on gives what running this one on would, and neither ever changes the other. The console's seek keeps
   * forks as snapshots and re-simulates only from the nearest one (sim/world-copy.ts).
   * `reuse`: a simulation that will never run again (a kept snapshot, or the one this copy replaces); its parts
   * equal to this run's are taken over instead of copied, which keeps snapshots and restores cheap at scale.
   * `use`: 'snapshot' for a copy that is only ever forked again, never run (the console's kept moments): it keeps
   * its shard codes compactly and hands them to the runs forked from it. Run anyway, it is still exact; its first
   * shard codes then take a full pass.
   */
  fork(reuse?: Simulation, use?: ForkUse): Simulation;
}
