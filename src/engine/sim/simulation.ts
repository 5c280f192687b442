import { buildControlPlaneView } from './control-plane/view';
import type { ControlPlaneView } from '../control-plane-types';
import { onJournalDeliver, onTakeoverStep, onVotesCounted } from './control-plane/group';
import type { CreateSimulationOptions, ForkUse, RunOptions, Simulation, StateOptions } from '../simulation-api';
import type {
  ClusterState,
  Command,
  RepairMode,
  RepairPreview,
  RunResult,
  RunTarget,
  TargetChoice,
  TimedCommand,
  TraceEntry,
  TraceWindow,
  SkippedTimelineCommand,
  WhatIfReport,
  InvariantViolation,
  Metrics,
} from '../types';
import { applyCommand, CommandError, commandProblem } from './apply-command';
import { armMonitor, onHeartbeatArrive, onHeartbeatTick, onMonitorCheck, startHeartbeats } from './heartbeats';
import { previewRepair } from './emergency-repair';
import { onReplicaCaughtUp, refreshShards } from './quorum';
import { onResyncDone } from './rejoin';
import { shardsHitBy, whatIf } from './what-if';
import { onRead, onWrite, startWorkload } from './workload';
import { onHintsDeliver } from './hints';
import { onCopyRead, onStopNode } from './corruption';
import { onScrubTick, onShardScrubDone, startScrubs } from './scrub';
import { onAntiEntropyTick, onRepairRetry, onRepairStep, startAntiEntropy } from './anti-entropy';
import { onTransactionStep } from './transactions/run';
import { onCheckpointTick, onWalSyncTick, startWalTimers } from './wal-timers';
import { onBackupTick, startBackups } from './restore/backups';
import { onCaughtUp, onSnapshotDone } from './migrator';
import { buildMetrics, buildState } from './state-view';
import { shardStateCodes } from './shard-codes-view';
import { getMachine, listMachines } from './machine-view';
import { onMachineTimer } from './machine-timer-dispatch';
import { onReplayStep } from './node-lifecycle';
import { previewRecovery } from './recovery-view';
import { buildWalView } from './wal-view';
import type { RecoveryModePreview, WalView } from '../recovery-types';
import type { RepairView } from '../repair-types';
import type { TransactionView } from '../transaction-types';
import { buildRepairView, divergentShardIndices } from './repair-view';
import { transactionsView } from './transactions/view';
import type { RestoreView } from '../restore-types';
import { buildRestoreView } from './restore/view';
import { createWorld } from './wiring';
import { copyRun, sharedBytes, type ForkBytes, type RunParts } from './world-copy';
import { RunTargets } from './run-targets';
import type { MachineInstanceView, MachineRef } from '../machines/machine-graph';
import { Trace } from './trace';
import { PERIODIC_EVENTS, record, restartPhaseOf, type SimEvent, type World } from './world';

const DEFAULT_MAX_MS = 600_000;

/**
 * DESIGN.md §6's checker, handed in when a simulation is created rather than imported here: the console never
 * checks invariants, so its build (createConsoleSimulation) leaves the checker out of the start-up bundle.
 */
export type InvariantChecker = (w: World) => InvariantViolation[];

/**
 * One run: a world, an event queue and the commands that shaped it. Time
 * only moves when an event is processed, so the same scenario, seed and
 * commands always give the same trace.
 */
export class ClusterSimulation implements Simulation {
  private w: World;
  private targets = new RunTargets();
  /** Timeline commands that could not apply: few (the timeline is bounded) and kept whatever the trace window. */
  private skipped: SkippedTimelineCommand[] = [];

  /** Null in the console's simulations: checkInvariants then says why it cannot answer. */
  private readonly invariantChecker: InvariantChecker | null;

  /** `copy`: a fork's run (world-copy.ts), taken as it is instead of building a new one. */
  constructor(options: CreateSimulationOptions, invariantChecker: InvariantChecker | null, copy?: RunParts) {
    this.invariantChecker = invariantChecker;
    if (copy) {
      ({ world: this.w, targets: this.targets, skipped: this.skipped, fired: this.fired } = copy);
      return;
    }
    const seed = options.seed ?? options.scenario.seed;
    this.w = createWorld(options.scenario, seed);
    if (options.traceWindowEntries !== undefined) this.w.trace = new Trace(options.traceWindowEntries);
    const w = this.w;
    record(
      w,
      'cp',
      'cluster.started',
      `Seed ${seed}: ${w.nodes.length} nodes in ${w.racks.length} rack(s) hold ${w.shards.length} shards at RF ${w.replicationFactor}; ` +
        `every node heartbeats to cp every ${w.params.heartbeatIntervalMs} ms.`,
      'info',
      { seed },
    );
    for (const node of w.nodes) {
      startHeartbeats(w, node, node.heartbeatPhaseMs);
      armMonitor(w, node);
    }
    startWalTimers(w);
    if (w.workload.spec.writesPerSec > 0 || w.workload.spec.readsPerSec > 0) startWorkload(w, w.workload.spec);
    startScrubs(w);
    startAntiEntropy(w);
    startBackups(w);
    w.scenario.timeline.forEach((entry, index) => {
      w.queue.push(entry.atMs, { type: 'timeline', index });
      w.nonPeriodicPending++;
    });
  }

  get scenario() {
    return this.w.scenario;
  }
  get seed() {
    return this.w.seed;
  }
  get timeMs() {
    return this.w.nowMs;
  }
  get eventCount() {
    return this.w.eventCount;
  }

  dispatch(command: Command): void {
    const problem = commandProblem(this.w, command);
    if (problem) throw new CommandError(problem);
    this.w.commandLog.push({ atMs: this.w.nowMs, command });
    applyCommand(this.w, command, 'user');
  }

  step(): TraceEntry[] | null {
    const firstSeq = this.w.trace.count;
    return this.fireNext() ? this.w.trace.since(firstSeq) : null;
  }

  /** Handles the next event; false when none is due. runUntil and advanceBy do not read the step's entries, so none are gathered. */
  private fireNext(): boolean {
    const item = this.w.queue.pop();
    if (!item) return false;
    const w = this.w;
    w.nowMs = item.timeMs;
    if (!PERIODIC_EVENTS.has(item.event.type)) w.nonPeriodicPending--;
    w.eventCount++;
    this.handle(item.event);
    return true;
  }

  advanceBy(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advanceBy: ms must be a non-negative number, got ${ms}`);
    const until = this.w.nowMs + ms;
    for (let next = this.w.queue.peek(); next && next.timeMs <= until; next = this.w.queue.peek()) this.fireNext();
    this.w.nowMs = until;
  }

  holds(target: RunTarget): boolean {
    if (target === 'healthy') return this.targets.isHealthy(this.w);
    if (target === 'idle') return this.targets.isIdle(this.w);
    if (target === 'converged') return this.targets.isConverged(this.w);
    return target({ timeMs: this.w.nowMs });
  }

  runUntil(target: RunTarget, options: RunOptions = {}): RunResult {
    const maxMs = options.maxMs ?? DEFAULT_MAX_MS;
    const holds = (): boolean => this.holds(target);
    const label = typeof target === 'string' ? target : 'the condition';
    for (;;) {
      if (holds()) return { reached: true, timeMs: this.w.nowMs, reason: `${label} at ${this.w.nowMs} ms` };
      const next = this.w.queue.peek();
      if (!next || next.timeMs > maxMs) {
        if (this.w.nowMs < maxMs) this.w.nowMs = maxMs;
        const why = target === 'converged' ? this.targets.whyNotConverged(this.w) : this.targets.whyNotHealthy(this.w);
        return { reached: false, timeMs: this.w.nowMs, reason: `not ${label} by ${maxMs} ms: ${why}` };
      }
      this.fireNext();
    }
  }

  getState(options: StateOptions = {}): ClusterState {
    return buildState(this.w, this.w.scenario.timeline.length - this.firedTimeline(), options.shards);
  }

  getMetrics(): Metrics;
  getMetrics(options: { shardsNotWritable: false }): Omit<Metrics, 'shardsNotWritable'>;
  getMetrics(options?: { shardsNotWritable: false }): Metrics | Omit<Metrics, 'shardsNotWritable'> {
    return options?.shardsNotWritable === false ? buildMetrics(this.w, false) : buildMetrics(this.w);
  }

  getShardStateCodes(): Uint8Array {
    return shardStateCodes(this.w);
  }

  getDivergentShards(): Uint32Array {
    return divergentShardIndices(this.w);
  }

  nextEventAtMs(): number | null {
    return this.w.queue.peek()?.timeMs ?? null;
  }

  getTrace(sinceSeq = 0): TraceEntry[] {
    return this.w.trace.since(sinceSeq);
  }

  getTraceWindow(): TraceWindow {
    return this.w.trace.window();
  }

  getSkippedCommands(): SkippedTimelineCommand[] {
    return this.skipped.map((s) => ({ ...s }));
  }

  digest(): string {
    return this.w.trace.digest();
  }

  getCommandLog(): TimedCommand[] {
    return this.w.commandLog.slice();
  }

  explainShard(shard: string): TargetChoice | null {
    const row = this.w.shards.find((s) => s.id === shard);
    return row ? (this.w.migrator.explanations.get(row.index) ?? null) : null;
  }

  checkInvariants() {
    if (this.invariantChecker === null)
      throw new Error(
        'checkInvariants: this simulation was made by createConsoleSimulation, which leaves the invariant checker out ' +
          "of the console's start-up bundle; create it with createSimulation to check invariants",
      );
    return this.invariantChecker(this.w);
  }

  previewRecovery(node: string): RecoveryModePreview[] {
    const index = this.w.nodeIndexById.get(node);
    if (index === undefined) throw new CommandError(`unknown node "${node}"`);
    return previewRecovery(this.w, this.w.nodes[index]);
  }

  getWal(node: string): WalView {
    const index = this.w.nodeIndexById.get(node);
    if (index === undefined) throw new CommandError(`unknown node "${node}"`);
    const row = this.w.nodes[index];
    const replay = row.recovery.replay;
    // The cursor only while the replay reads; the stop point of the running or last replay.
    const reading = replay !== null && replay.finishedAtMs === null && !replay.refused && restartPhaseOf(row) === 'replaying';
    return buildWalView(this.w, row, { cursorNo: reading ? replay.cursorNo : null, stopNo: replay?.stopNo ?? null });
  }

  getTransactions(): TransactionView[] {
    return transactionsView(this.w);
  }

  getRepairView(shard: string, pair?: [string, string]): RepairView | null {
    const row = this.w.shards.find((s) => s.id === shard);
    if (!row) throw new CommandError(`unknown shard "${shard}"`);
    return buildRepairView(this.w, row, pair);
  }

  getRestoreView(): RestoreView {
    return buildRestoreView(this.w);
  }

  getControlPlaneView(): ControlPlaneView {
    return buildControlPlaneView(this.w);
  }

  previewRepair(shard: string, mode: RepairMode): RepairPreview {
    const row = this.w.shards.find((s) => s.id === shard);
    if (!row) throw new CommandError(`unknown shard "${shard}"`);
    return previewRepair(this.w, row, mode);
  }

  whatIf(command: Command): WhatIfReport {
    return whatIf(this.w, command);
  }

  shardsHitBy(command: Command): string[] {
    return shardsHitBy(this.w, command);
  }

  listMachines(): MachineRef[] {
    return listMachines(this.w);
  }

  getMachine(ref: MachineRef): MachineInstanceView | null {
    return getMachine(this.w, ref);
  }

  fork(reuse?: Simulation, use: ForkUse = 'run'): Simulation {
    const reused = reuse instanceof ClusterSimulation ? reuse.w : undefined;
    const { run, bytes } = copyRun({ world: this.w, targets: this.targets, skipped: this.skipped, fired: this.fired }, reused, use);
    const copy = new ClusterSimulation({ scenario: this.w.scenario }, this.invariantChecker, run);
    copy.copiedBytes = bytes;
    return copy;
  }

  /** Roughly the bytes this fork takes that `other` does not share. */
  bytesBeside(other: ClusterSimulation): number {
    return Math.max(0, this.copiedBytes.full - sharedBytes(this.w, other.w));
  }

  /** For a fork: roughly the bytes it takes beyond what it shares with the run it reused, and in all (0 for a built run). */
  copiedBytes: ForkBytes = { copied: 0, full: 0 };

  // ------------------------------------------------------------ internals

  private handle(event: SimEvent): void {
    const w = this.w;
    switch (event.type) {
      case 'timeline':
        this.fireTimeline(event.index);
        return;
      case 'heartbeat.tick':
        onHeartbeatTick(w, event.node);
        return;
      case 'heartbeat.arrive':
        onHeartbeatArrive(w, event.message);
        return;
      case 'monitor.check':
        onMonitorCheck(w, event.node);
        return;
      case 'resync.done':
        onResyncDone(w, event.node);
        return;
      case 'machine.timer':
        onMachineTimer(w, event);
        return;
      case 'copy.snapshotDone':
        onSnapshotDone(w, event.job);
        return;
      case 'copy.caughtUp':
        onCaughtUp(w, event.job);
        return;
      case 'replica.caughtUp':
        onReplicaCaughtUp(w, event.shard, event.node);
        return;
      case 'shard.refresh':
        refreshShards(w, [event.shard]);
        return;
      case 'workload.write':
        onWrite(w);
        return;
      case 'workload.read':
        onRead(w);
        return;
      case 'hints.deliver':
        onHintsDeliver(w, event.coordinator, event.target);
        return;
      case 'scrub.tick':
        onScrubTick(w, event.node);
        return;
      case 'scrub.shardDone':
        onShardScrubDone(w, event.shard, event.deep);
        return;
      case 'corruption.copyRead':
        onCopyRead(w, event.node, event.shard);
        return;
      case 'corruption.stopNode':
        onStopNode(w, event.node, event.shard);
        return;
      case 'wal.replayStep':
        onReplayStep(w, event);
        return;
      case 'wal.synced':
        onWalSyncTick(w, event.node);
        return;
      case 'wal.checkpointed':
        onCheckpointTick(w, event.node);
        return;
      case 'repair.step':
        onRepairStep(w, event.shard, event.seq);
        return;
      case 'txn.step':
        onTransactionStep(w, event.txn);
        return;
      case 'repair.retry':
        onRepairRetry(w, event.shard, event.seq);
        return;
      case 'antiEntropy.tick':
        onAntiEntropyTick(w, event.node);
        return;
      case 'cp.journalDeliver':
        onJournalDeliver(w, event.member, event.index, event.term);
        return;
      case 'cp.votesCounted':
        onVotesCounted(w, event.member, event.term);
        return;
      case 'cp.takeoverStep':
        onTakeoverStep(w, event.member, event.term, event.step);
        return;
      case 'backup.tick':
        onBackupTick(w);
        return;
    }
  }

  private fired = 0;

  private firedTimeline(): number {
    return this.fired;
  }

  private fireTimeline(index: number): void {
    const w = this.w;
    this.fired++;
    w.pendingTimeline--;
    const { command } = w.scenario.timeline[index];
    const problem = commandProblem(w, command);
    if (problem) {
      // A timeline written for another moment may no longer apply; say so instead of failing the run.
      const text = `Scenario command skipped: ${problem}.`;
      record(w, 'scenario', 'command.skipped', text, 'warn', { command });
      this.skipped.push({ atMs: w.nowMs, command, text });
      return;
    }
    w.commandLog.push({ atMs: w.nowMs, command });
    applyCommand(w, command, 'scenario');
  }
}

/**
 * A simulation without the invariant checker, for the console (its `checkInvariants()` throws and says why):
 * everything else is identical to createSimulation's, trace for trace.
 */
export function createConsoleSimulation(options: CreateSimulationOptions): Simulation {
  return new ClusterSimulation(options, null);
}

/**
 * Roughly the bytes a fork takes (the console's snapshot memory bound): beyond what it shares with `relativeTo`
 * (by default the run it reused when it was made), and in all; 0 for any other simulation.
 */
export function forkedBytes(sim: Simulation, relativeTo?: Simulation): ForkBytes {
  if (!(sim instanceof ClusterSimulation)) return { copied: 0, full: 0 };
  if (!(relativeTo instanceof ClusterSimulation)) return sim.copiedBytes;
  return { copied: sim.bytesBeside(relativeTo), full: sim.copiedBytes.full };
}
