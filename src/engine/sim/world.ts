import type { ShardStepper } from '../machines/shard-stepper';
import type {
  FailoverConfig,
  MonitorBelief,
  NodeLifecycle,
  Scenario,
  SimParams,
  TimedCommand,
  TraceLevel,
} from '../types';
import type { CatchUpRecord } from './catch-up-state';
import type { ControlPlaneRecord } from './control-plane/state';
import type { CorruptionRecord } from './corruption-state';
import type { DivergenceRecord } from './divergence-state';
import type { HintRecord } from './hint-state';
import type { LeaderlessRecord } from './leaderless-state';
import type { DurabilityRecord } from './durability-state';
import type { EventQueue, Scheduled } from './event-queue';
import type { FailoverPathRecord } from './failover/state';
import type { HeartbeatRecord } from './heartbeat-state';
import type { MachineRecords } from './machine-records';
import type { MachineTimers } from './machine-timers';
import type { MigratorRecord } from './migrator/state';
import type { Network } from './network';
import type { QuorumRecord } from './quorum/state';
import type { RepairRecord } from './repair-state';
import type { TransactionRecord } from './transactions/state';
import type { BackupRecord } from './restore/state';
import type { RandomStreams } from './random';
import type { PackedKind, SpelledKind, Trace } from './trace';
import type { WorkloadRecord } from './workload-state';
import {
  PERIODIC_EVENTS,
  type CopyJob,
  type NodeRow,
  type ShardRow,
  type SimEvent,
} from './rows';

/**
 * All state of one run, as plain rows indexed by integers. Functions in the
 * sibling modules take the world and change it; nothing here knows about
 * React, the DOM or wall-clock time.
 */

export {
  KEY_NOT_MADE,
  PERIODIC_EVENTS,
  setReplicas,
  setVoters,
  setWaiting,
  type CopyJob,
  type FailoverSnapshot,
  type HeartbeatMessage,
  type MonitorSnapshot,
  type NodeRow,
  type NodeSnapshot,
  type QuorumNews,
  type RestoreEpisode,
  type ShardRow,
  type ShardWaiting,
  type SimEvent,
  type WaitingKind,
} from './rows';

export interface World {
  scenario: Scenario;
  seed: number;
  params: SimParams;
  failover: FailoverConfig;
  replicationFactor: number;
  shardSizeBytes: number;
  nowMs: number;
  eventCount: number;
  queue: EventQueue<SimEvent>;
  nonPeriodicPending: number;
  trace: Trace;
  random: RandomStreams;
  network: Network;
  racks: string[];
  nodes: NodeRow[];
  nodeIndexById: Map<string, number>;
  shards: ShardRow[];
  /** Shards that currently have a machine (not healthy in the router's view). */
  affected: Map<number, ShardRow>;
  shardStepper: ShardStepper;
  /** Heartbeats in flight to cp (heartbeat-state.ts). */
  heartbeats: HeartbeatRecord;
  commandLog: TimedCommand[];
  pendingTimeline: number;
  /** Fewest copies, restore episodes, shards lost in truth (durability-state.ts). */
  durability: DurabilityRecord;
  /** Bumped whenever node truth, belief or placement on a down node changes (healthy-check cache). */
  nodesVersion: number;
  /** Client traffic and its outcomes (workload-state.ts). */
  workload: WorkloadRecord;
  /** Returning copies backfilling before the router lists them again (rejoin.ts): shard → nodes, node → how many. */
  rejoining: { byShard: Map<number, Set<number>>; byNode: Map<number, number> };
  /** How returning replicas catch up, which are amnesiac (catch-up-state.ts). */
  catchUp: CatchUpRecord;
  /** The failover path: its machine, plan and events (failover/state.ts). */
  failoverPath: FailoverPathRecord;
  /** Copy jobs and their totals (migrator/state.ts). */
  migrator: MigratorRecord;
  /** Corrupt replicas (truth), what cp knows of them, and each node's scrub (corruption-state.ts). */
  corruption: CorruptionRecord;
  /** Keys replicas hold differently, per diverging shard (divergence-state.ts; leaderless replication). */
  divergence: DivergenceRecord;
  /** Hints coordinators keep for replicas that missed writes, and those replicas' outages (hint-state.ts). */
  hints: HintRecord;
  /** Stale keys the cluster has learnt of and not seen repaired (leaderless-state.ts): staleKeysKnown. */
  leaderless: LeaderlessRecord;
  /** Anti-entropy sessions, coordinators' queues, repaired watermarks (repair-state.ts). */
  repair: RepairRecord;
  /** Primaries, elections and roles (quorum/state.ts). */
  quorum: QuorumRecord;
  /** Transactions, what each node's log holds of them, each node's restart rules (transactions/state.ts). */
  transactions: TransactionRecord;
  /** The control plane's members, leader, journal and failovers (control-plane/state.ts); inert with one member. */
  controlPlane: ControlPlaneRecord;
  /** Backups taken, the WAL archive, the restore under way or last (restore/state.ts). */
  backups: BackupRecord;
  /** Each machine instance's latest transition (the statechart panel's "last"). */
  machines: MachineRecords;
  /** Machines' own delayed transitions, on the queue (machine-timers.ts). */
  timers: MachineTimers<Scheduled<SimEvent>>;
  /** Calls up the layers (wiring.ts): a lower module tells a higher one without importing it. */
  hooks: EngineHooks;
}

/**
 * Imports in sim/ go one way (heartbeats → rejoin → failover → migrator → shard-events → quorum → world); these
 * are the few calls that go the other way, installed by wiring.ts when a simulation is built.
 */
export interface EngineHooks {
  /** migrator → failover: a failover's last copy ended. */
  migrationFinished(failoverIndex: number): void;
  /** migrator/job-machine → migrator/failures: a copy job's stream timeout fired; give up on the stream and re-plan. */
  copyStreamTimedOut(job: CopyJob): void;
  /** quorum → rejoin: list again (or drop) the returning copies of a shard being brought in line. */
  settleRejoiningCopies(shard: ShardRow): void;
  /** shard-events → migrator: the shard is lost; its queued copies have nothing to copy from. */
  dropCopiesOf(shard: ShardRow): void;
  /** rejoin → heartbeats: every copy the node kept is settled; the monitor may call it ACTIVE. */
  resyncCompleted(node: NodeRow): void;
  /**
   * local-recovery → corruption: the verifying phase of a restart ends; verifyOnRestart reads the node's replicas and
   * answers what it found (corruption.ts acts on it). Returns one sentence for the trace.
   */
  verifyReplicasOnRestart(node: NodeRow): string;
  /**
   * quorum → catch-up: a lagging replica can hear its source; catch it up the cheapest way the source's log allows
   * (truncate, log tail, or a snapshot through the migrator). Returns the pending log-tail completion, or null when
   * a snapshot copy job carries it (or nothing was left to fetch).
   */
  startCatchUp(shard: ShardRow, node: NodeRow, source: NodeRow): Scheduled<SimEvent> | null;
  /** quorum → catch-up: an operator rewrote the shard; a snapshot catch-up's copy job for it is cancelled. */
  cancelSnapshotCatchUp(shard: ShardRow, node: number): void;
}

// ------------------------------------------------------------ small helpers

/** Puts an event on the clock; the returned handle cancels it (`unschedule`). */
export function schedule(w: World, atMs: number, event: SimEvent): Scheduled<SimEvent> {
  if (!PERIODIC_EVENTS.has(event.type)) w.nonPeriodicPending++;
  return w.queue.push(Math.max(atMs, w.nowMs), event);
}

/**
 * Schedules a periodic event again on the handle it just fired from (EventQueue.rearm), or on a new one when that
 * handle is not a fired one. The caller must hold the only reference to the handle, and replace it with the result.
 */
export function scheduleAgain(w: World, handle: Scheduled<SimEvent> | null, atMs: number, event: SimEvent): Scheduled<SimEvent> {
  if (handle !== null && handle.event === event && PERIODIC_EVENTS.has(event.type) && w.queue.rearm(handle, Math.max(atMs, w.nowMs))) return handle;
  return schedule(w, atMs, event);
}

/** Takes a scheduled event off the clock (a timer no longer wanted); nothing happens if it already fired. */
export function unschedule(w: World, handle: Scheduled<SimEvent> | null | undefined): void {
  if (handle && w.queue.cancel(handle) && !PERIODIC_EVENTS.has(handle.event.type)) w.nonPeriodicPending--;
}

export function record(
  w: World,
  actor: string,
  kind: string,
  text: string,
  level: TraceLevel = 'info',
  data: Record<string, unknown> = {},
): void {
  w.trace.record(w.eventCount, w.nowMs, actor, kind, text, level, data);
}

/**
 * An entry of a kind recorded in bulk, made only when it is read (trace.ts recordSpelled): most of them leave the
 * window unread. Its text and the digest are what `record` would give for it.
 */
export function recordSpelled<D extends Record<string, unknown>, A>(w: World, spelled: SpelledKind<D, A>, data: D, args: A): void {
  w.trace.recordSpelled(w.eventCount, w.nowMs, spelled, data, args);
}

/** An entry of a kind recorded in bulk as a subject (with its index) and three numbers, made only when it is read (trace.ts recordPacked). */
export function recordPacked<A>(
  w: World,
  packed: PackedKind<A>,
  subject: string,
  subjectIndex: number,
  a: number,
  b: number,
  c: number,
  args: A,
): void {
  w.trace.recordPacked(w.eventCount, w.nowMs, packed, subject, subjectIndex, a, b, c, args);
}

/** The shard's primary, where the caller has made sure it has one (a bug otherwise). */
export function leaderOf(shard: ShardRow): number {
  if (shard.primary === null) throw new Error(`${shard.id} has no primary here`);
  return shard.primary;
}

/** A running copy's source (a bug to ask of a queued one). */
export function sourceOf(job: CopyJob): number {
  if (job.source === null) throw new Error(`copy job ${job.id} has no source while queued`);
  return job.source;
}

export function isUp(node: NodeRow): boolean {
  return node.life.value === 'up';
}

/** The node machine's top-level state: up, crashed, restarting (whatever its recovery phase) or destroyed. */
export function lifecycleOf(node: NodeRow): NodeLifecycle {
  const value = node.life.value;
  return (typeof value === 'string' ? value : Object.keys(value)[0]) as NodeLifecycle;
}

/** While restarting: loadingSnapshot, replaying, verifying or refused; else null. */
export function restartPhaseOf(node: NodeRow): 'loadingSnapshot' | 'replaying' | 'verifying' | 'refused' | null {
  const value = node.life.value;
  return typeof value === 'string' ? null : value.restarting;
}

/** What cp believes about the node: the health monitor machine's state. */
export function healthOf(node: NodeRow): MonitorBelief {
  return node.monitor.value as MonitorBelief;
}

export function nodeIds(w: World, indices: Iterable<number>): string[] {
  return [...indices].map((i) => w.nodes[i].id);
}

/** A short list for trace text: "s001, s004, s007 and 197 more". */
export function listSome(ids: readonly string[], max = 5): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** A duration for trace text: "750 ms", "12.5 s". */
export function fmtMs(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
