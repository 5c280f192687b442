import type { CheckpointImage } from './checkpoint-image';
import type { DiskMap } from './disk-map';
import type { failoverManagerMachine } from '../machines/failover-manager.machine';
import type { healthMonitorMachine } from '../machines/health-monitor.machine';
import type { nodeMachine } from '../machines/node.machine';
import type { SnapshotFrom } from '../machines/machine-step';
import type { ShardMachineState } from '../machines/shard-stepper';
import type { CopyJobMachineState } from '../machines/copy-job-stepper';
import type { ShardPrimaryState } from '../machines/shard-primary-stepper';
import type { ReplicaRole, TraceLevel } from '../types';
import type { Scheduled } from './event-queue';
import type { MachineTimerEvent } from './machine-timers';
import type { MachineLast } from './machine-records';
import type { NodeWal } from './wal-log';
import type { NodeRecoveryRecord } from './recovery-state';

/**
 * The rows a run is made of (nodes, shards, copy jobs) and the events on its
 * clock. `world.ts` gathers them into a World and re-exports them; the
 * per-subsystem records (such as `migrator/state.ts`) build on them without importing the world.
 */
export type NodeSnapshot = SnapshotFrom<typeof nodeMachine>;
export type MonitorSnapshot = SnapshotFrom<typeof healthMonitorMachine>;
export type FailoverSnapshot = SnapshotFrom<typeof failoverManagerMachine>;

export interface NodeRow {
  index: number;
  id: string;
  rack: string;
  rackIndex: number;
  bandwidthBytesPerSec: number;
  life: NodeSnapshot;
  monitor: MonitorSnapshot;
  /** Bumped on every crash and restart: a copy stream opened before it is lost (migrator/streams.ts). */
  incarnation: number;
  /** The next heartbeat, while the process runs. */
  heartbeatTimer: Scheduled<SimEvent> | null;
  heartbeatPhaseMs: number;
  /** When cp last heard from the node. */
  lastHeartbeatAtMs: number;
  /** The monitor's next silence deadline (armMonitor), or null while the node is DEAD. */
  monitorTimer: Scheduled<SimEvent> | null;
  crashedAtMs: number | null;
  declaredDeadAtMs: number | null;
  registered: boolean;
  /** Shards whose router placement lists this node (belief). */
  placed: Set<number>;
  /** Shards whose data sits on this node's disk, with their applied LSN (truth). */
  disk: DiskMap;
  /** Copies queued or running towards this node: part of its load for target choice. */
  incoming: number;
  activeIn: number;
  activeOut: number;
  /** Of those, copies whose stream makes no progress (an end died or the link is cut): they hold a slot, not bandwidth. */
  stalledIn: number;
  stalledOut: number;
  /** Resync steps queued for a REJOINING node (rejoin.ts). */
  resyncTimers: Scheduled<SimEvent>[];
  // ---- local recovery (wal-log.ts, wal-append.ts, power-loss.ts). `disk` above is the data pages' LSN per shard.
  /** Its write-ahead log: the records since the last checkpoint, typed arrays. */
  wal: NodeWal;
  /**
   * Shard → LSN its data pages hold durably: copied from `disk` at each checkpoint (or snapshot, memory stores),
   * or the LSN a copy or catch-up installed. Missing = 0 (the initial data set). A crash falls back to it.
   */
  ckpt: CheckpointImage;
  /** Shard → LSN it had applied when it last crashed (what it had acknowledged), or null before any crash. */
  heldAtCrash: Map<number, number> | null;
  /** Its last crash, its replay (running or last) and replay totals (recovery-state.ts, local-recovery.ts). */
  recovery: NodeRecoveryRecord;
  /** Its periodic fsync and checkpoint ticks (wal-timers.ts). */
  walTimers: { sync: Scheduled<SimEvent> | null; checkpoint: Scheduled<SimEvent> | null };
  /** Its checkpoint phase, drawn once from `node:<id>:checkpoint`; null until checkpoints are first scheduled. */
  checkpointPhaseMs: number | null;
  /** Records appended since its last snapshot (memory stores). */
  recordsSinceSnapshot: number;
}

export interface ShardRow {
  index: number;
  id: string;
  /** Router placement; the first is the primary. A new list each time, never changed in place: setReplicas. */
  readonly replicas: number[];
  lsn: number;
  /** Present only while the shard is affected (not healthy). */
  machine: ShardMachineState | null;
  /** Copy jobs (queued or running) for this shard. */
  jobs: number[];
  /** Why an under-replicated shard has no copy queued: a kind the engine acts on, and words for the learner. */
  waiting: ShardWaiting | null;
  // ---- quorum and primaries (DESIGN.md §2, seed 003). `lsn` above is the highest acknowledged write.
  /** The node the router sends writes to; null while there is none. */
  primary: number | null;
  /** The primary the shard's configuration names; it takes the role back when it returns and catches up. */
  configuredPrimary: number;
  term: number;
  /**
   * Voting members: a write or an election needs more than half of them. May list nodes the router dropped. A new
   * list each time, never changed in place: setVoters.
   */
  readonly voters: number[];
  /** Replicas configured not to vote (scenario `voters`, or demoted by an emergency repair); never promoted. */
  nonVoting: Set<number> | null;
  /** Voters' latest promised term, where it differs from `term` (Raft: a voter refuses writes from older terms). */
  promised: Map<number, number> | null;
  /** Former primaries that have not heard they were replaced: node → the term they think they lead. */
  staleLeaders: Map<number, number> | null;
  /** Roles that differ from the calm default (primary leads, everyone else a caught-up secondary). */
  roles: Map<number, ReplicaRole> | null;
  /** Its leadership machine (shard-primary.machine.ts) while it is not led by its configured primary; null = leading. */
  primaryMachine: ShardPrimaryState | null;
  /** Why the shard has no primary, while it has none. */
  noPrimaryReason: string | null;
  noPrimarySinceMs: number | null;
  /**
   * Replicas backfilling from the primary: node → its pending log-tail catch-up (a cancel handle), or null while a
   * snapshot catch-up runs as a copy job (catch-up.ts, design §5.3).
   */
  catchUps: Map<number, Scheduled<SimEvent> | null> | null;
  /**
   * Leaderless: the last writeId handed out (0 before any). A writeId stands for a timestamp, so it never repeats even
   * when a loss lowers `lsn` (a power loss's LostWrites).
   */
  lastWriteId: number;
  /**
   * Leaderless: the replicas as one small number (leaderless/replica-key.ts), a cache a write reads instead of the
   * lists; KEY_NOT_MADE until the first write, and again whenever setReplicas or setVoters gives the row a new list.
   */
  replicaKey: number;
  /** Last write outcome, so a run of identical failures is told once, not twenty times a second. */
  lastWriteOutcome: string | null;
  /** When client writes to it began to fail, while they do. */
  failingSinceMs: number | null;
  /**
   * Copies holding writes an emergency repair rolled back, each with its split point: the LSN up to which its
   * history is the shard's acknowledged one (it still holds those writes); it drops the rest when it catches up.
   */
  divergent: Map<number, number> | null;
}

/**
 * - failoverPath: the failover path has not computed targets yet.
 * - fallback: failover fell back to callback-only; nothing will copy it.
 * - noTarget: no eligible node; re-planned when one becomes eligible.
 * - needsPlan: missing a replica outside any failover (e.g. recovered from disk); planned when possible.
 * - lost: no replica left in the placement.
 */
export type WaitingKind = 'failoverPath' | 'fallback' | 'noTarget' | 'needsPlan' | 'lost';

export interface ShardWaiting {
  kind: WaitingKind;
  text: string;
}

/** A row's replica key before it is made from its lists (leaderless/replica-key.ts), or after they changed. */
export const KEY_NOT_MADE = -2;

/**
 * Gives the shard a new replica list: the one way a row's replicas change (the field is readonly, so the compiler
 * holds every other write out). Its replica key is made again from the new list when next read.
 */
export function setReplicas(shard: ShardRow, replicas: number[]): void {
  (shard as { replicas: number[] }).replicas = replicas;
  shard.replicaKey = KEY_NOT_MADE;
}

/** Gives the shard a new voter list, as setReplicas gives it replicas. */
export function setVoters(shard: ShardRow, voters: number[]): void {
  (shard as { voters: number[] }).voters = voters;
  shard.replicaKey = KEY_NOT_MADE;
}

export function setWaiting(shard: ShardRow, kind: WaitingKind, text: string): void {
  shard.waiting = { kind, text };
}

export interface CopyJob {
  id: number;
  shard: number;
  target: number;
  /** The node it copies from while it runs; null while queued. */
  source: number | null;
  phase: 'queued' | 'snapshot' | 'catchingUp';
  bytesDone: number;
  rateBytesPerSec: number;
  lastUpdateMs: number;
  /** The pending end of its snapshot or log tail (physics: rate and latency), or null. */
  transferTimer: Scheduled<SimEvent> | null;
  /** The copy-job machine's state (copy-job.machine.ts); `phase` is read from it. */
  machine: CopyJobMachineState;
  /** The machine's latest transition (the statechart panel's "last"). */
  machineLast: MachineLast | null;
  failoverIndex: number;
  avoidSources: number[];
  avoidTargets: number[];
  /** Truth: when the stream stopped making progress; the migrator notices after `copyStreamTimeoutMs`. */
  stalledSinceMs: number | null;
  /** Incarnations of the ends when the stream opened: a restarted process has lost the stream. */
  sourceIncarnation: number;
  targetIncarnation: number;
  /** Risk rank the copy queue last saw this job at (0 = one copy left), or null before its first look. */
  queueRank: number | null;
  /**
   * A snapshot catch-up (catch-up.ts, design §5.3): the target already holds an older copy the primary's log no
   * longer reaches, so the copy replaces its data and adds no replica. Never listed in `shard.jobs`; its target is
   * fixed (never re-planned), and it is dropped if the target goes away.
   */
  catchUp: boolean;
}

export interface HeartbeatMessage {
  id: number;
  from: number;
  sentAtMs: number;
  arriveAtMs: number;
}

export type SimEvent =
  | { type: 'timeline'; index: number }
  | { type: 'heartbeat.tick'; node: number }
  | { type: 'heartbeat.arrive'; message: number }
  | { type: 'monitor.check'; node: number }
  | { type: 'resync.done'; node: number }
  | MachineTimerEvent
  | { type: 'copy.snapshotDone'; job: number }
  | { type: 'copy.caughtUp'; job: number }
  | { type: 'replica.caughtUp'; shard: number; node: number }
  | { type: 'shard.refresh'; shard: number }
  /** One node's scrub clock: a light scrub, a deep scrub starting, or the next replica of one read (scrub.ts). */
  | { type: 'scrub.tick'; node: number }
  /** An operator's `scrub.run` of one shard has read every replica (scrub.ts). */
  | { type: 'scrub.shardDone'; shard: number; deep: boolean }
  /** A copy stream reading a corrupt source fails its checksums (corruption.ts). */
  | { type: 'corruption.copyRead'; node: number; shard: number }
  /** fatal: the node holding a corrupt copy found while it was restarting stops once it has started (corruption.ts). */
  | { type: 'corruption.stopNode'; node: number; shard: number }
  | { type: 'workload.write' }
  | { type: 'workload.read' }
  /** A batch of hints from one coordinator reaches its target (hints.ts): one event per pair, never per hint. */
  | { type: 'hints.deliver'; coordinator: number; target: number }
  /** A replay step: reads the next chunk of the node's log (local-recovery.ts); `incarnation` ties it to one restart. */
  | { type: 'wal.replayStep'; node: number; incarnation: number; cursor: number }
  | { type: 'wal.synced'; node: number }
  | { type: 'wal.checkpointed'; node: number }
  /** An anti-entropy session's next step: its trees built, a level compared, its stream done (anti-entropy.ts). */
  | { type: 'repair.step'; shard: number; seq: number }
  /** A transaction's reply reaches its client, or its live rollback finishes (transactions/run.ts). */
  | { type: 'txn.step'; txn: number }
  /** A failed `repair.run` session is tried again (anti-entropy.ts). */
  | { type: 'repair.retry'; shard: number; seq: number }
  /** One node's periodic anti-entropy: it starts sessions for the shards it coordinates (anti-entropy.ts). */
  | { type: 'antiEntropy.tick'; node: number }
  /** The control-plane leader's journal up to `index` reaches a member, one link latency after it was sent (control-plane/). */
  | { type: 'cp.journalDeliver'; member: number; index: number; term: number }
  /** A candidate's vote requests have had their round trip: count the votes (control-plane/). */
  | { type: 'cp.votesCounted'; member: number; term: number }
  /** The next step of a new leader's takeover (§8.3 steps 4–7, control-plane/). */
  | { type: 'cp.takeoverStep'; member: number; term: number; step: 'noop' | 'replay' | 'validate' }
  /** The backup schedule (params.backupIntervalMs): one event per interval for the whole cluster (restore/backups.ts). */
  | { type: 'backup.tick' };

/** Events that recur forever while the cluster is calm; `idle` ignores them. */
export const PERIODIC_EVENTS: ReadonlySet<SimEvent['type']> = new Set([
  'heartbeat.tick',
  'heartbeat.arrive',
  'monitor.check',
  // Client traffic never stops on its own either.
  'workload.write',
  'workload.read',
  // Each node scrubs its replicas for ever (scrub.ts).
  'scrub.tick',
  // A node's log flushes and checkpoints recur while it lives (wal-timers.ts).
  'wal.synced',
  'wal.checkpointed',
  // Each node's anti-entropy clock ticks for ever while antiEntropyIntervalMs > 0 (anti-entropy.ts).
  'antiEntropy.tick',
  // Scheduled backups recur for ever while backupIntervalMs > 0 (restore/backups.ts).
  'backup.tick',
]);

/** A trace entry about one shard's primary, held back while a batch runs (quorum/news.ts `withNews`). */
export interface QuorumNews {
  actor: string;
  kind: string;
  shard: string;
  text: string;
  level: TraceLevel;
  data: Record<string, unknown>;
}

export interface RestoreEpisode {
  firstCrashAtMs: number;
  firstDeadAtMs: number | null;
}
