import type { CreateSimulationOptions, RunOptions, Simulation } from '../simulation-api';
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
} from '../types';
import { checkInvariants } from '../model/invariants';
import { applyCommand, CommandError, commandProblem } from './apply-command';
import { armMonitor, onHeartbeatArrive, onHeartbeatTick, onMonitorCheck, startHeartbeats } from './heartbeats';
import { previewRepair } from './emergency-repair';
import { shardNotWhole } from './healthy-truth';
import { handBackPending, onReplicaCaughtUp } from './quorum';
import { onResyncDone } from './rejoin';
import { shardsHitBy, whatIf } from './what-if';
import { onRead, onWrite, startWorkload } from './workload';
import { onCaughtUp, onSnapshotDone } from './migrator';
import { buildMetrics, buildState } from './state-view';
import { getMachine, listMachines } from './machine-view';
import { onMachineTimer } from './machine-timer-dispatch';
import { createWorld } from './wiring';
import type { MachineInstanceView, MachineRef } from '../machines/machine-graph';
import { Trace } from './trace';
import { healthOf, isUp, listSome, PERIODIC_EVENTS, record, type SimEvent, type World } from './world';

const DEFAULT_MAX_MS = 600_000;

/**
 * One run: a world, an event queue and the commands that shaped it. Time
 * only moves when an event is processed, so the same scenario, seed and
 * commands always give the same trace.
 */
export class ClusterSimulation implements Simulation {
  private w: World;
  private healthyCache = { version: -1, settled: false };
  /** Timeline commands that could not apply: few (the timeline is bounded) and kept whatever the trace window. */
  private skipped: SkippedTimelineCommand[] = [];

  constructor(options: CreateSimulationOptions) {
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
    if (w.workload.spec.writesPerSec > 0 || w.workload.spec.readsPerSec > 0) startWorkload(w, w.workload.spec);
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
    const item = this.w.queue.pop();
    if (!item) return null;
    const w = this.w;
    const firstSeq = w.trace.count;
    w.nowMs = item.timeMs;
    if (!PERIODIC_EVENTS.has(item.event.type)) w.nonPeriodicPending--;
    w.eventCount++;
    this.handle(item.event);
    return w.trace.since(firstSeq);
  }

  advanceBy(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advanceBy: ms must be a non-negative number, got ${ms}`);
    const until = this.w.nowMs + ms;
    for (let next = this.w.queue.peek(); next && next.timeMs <= until; next = this.w.queue.peek()) this.step();
    this.w.nowMs = until;
  }

  holds(target: RunTarget): boolean {
    return target === 'healthy' ? this.isHealthy() : target === 'idle' ? this.isIdle() : target({ timeMs: this.w.nowMs });
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
        return { reached: false, timeMs: this.w.nowMs, reason: `not ${label} by ${maxMs} ms: ${this.whyNotHealthy()}` };
      }
      this.step();
    }
  }

  getState(): ClusterState {
    return buildState(this.w, this.w.scenario.timeline.length - this.firedTimeline());
  }

  getMetrics() {
    return buildMetrics(this.w);
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
    return checkInvariants(this.w);
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
      case 'workload.write':
        onWrite(w);
        return;
      case 'workload.read':
        onRead(w);
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

  /**
   * Every timeline command fired, every shard at RF with nothing in flight and a primary, every live node
   * ACTIVE, and every shard whose configured primary can lead it again (a listed voter that answers cp and
   * reaches a majority) led by it: the hand-back is part of recovering.
   */
  private isHealthy(): boolean {
    const w = this.w;
    if (w.pendingTimeline > 0 || w.affected.size > 0 || w.migrator.jobs.size > 0 || w.quorum.primaryless.size > 0) return false;
    if (!this.nodesSettled()) return false;
    // Checked last: only near the end of a recovery do the cheaper conditions all hold.
    return this.everyShardSettled();
  }

  /**
   * Each shard's truth (healthy-truth.ts) and its hand-back, scanned in a circle from the last shard
   * found wanting: runUntil asks before every event, so a long wait on one shard (a voter
   * backfilling) costs one shard per event, not a pass over 100,000.
   */
  private wantingAt = 0;
  private everyShardSettled(): boolean {
    const { shards } = this.w;
    for (let k = 0; k < shards.length; k++) {
      const i = (this.wantingAt + k) % shards.length;
      if (handBackPending(this.w, shards[i]) || shardNotWhole(this.w, shards[i]) !== null) {
        this.wantingAt = i;
        return false;
      }
    }
    return true;
  }

  private nodesSettled(): boolean {
    const w = this.w;
    if (this.healthyCache.version !== w.nodesVersion) {
      this.healthyCache = {
        version: w.nodesVersion,
        settled: w.nodes.every((n) =>
          isUp(n) ? healthOf(n) === 'ACTIVE' : n.placed.size === 0 && (healthOf(n) === 'DEAD' || n.life.value === 'destroyed'),
        ),
      };
    }
    return this.healthyCache.settled;
  }

  /**
   * Nothing queued but heartbeats (and client traffic), and the monitor has drawn every conclusion it will
   * draw: a node cp hears is ACTIVE, or REJOINING with a backfill nothing queued can bring (its copies wait
   * for a source to become reachable); a node it does not hear is DEAD.
   */
  private isIdle(): boolean {
    const w = this.w;
    if (w.nonPeriodicPending > 0) return false;
    return w.nodes.every((n) => {
      const reachable = isUp(n) && w.network.canSend(n.id, 'cp');
      return reachable ? healthOf(n) === 'ACTIVE' || healthOf(n) === 'REJOINING' : healthOf(n) === 'DEAD';
    });
  }

  private whyNotHealthy(): string {
    const w = this.w;
    const reasons: string[] = [];
    if (w.pendingTimeline > 0) reasons.push(`${w.pendingTimeline} scenario command(s) not yet fired`);
    const lost = [...w.affected.values()].filter((s) => s.machine?.value === 'lost').length;
    if (lost > 0) reasons.push(`${lost} shard(s) lost`);
    const under = w.affected.size - lost;
    if (under > 0) reasons.push(`${under} shard(s) under-replicated`);
    if (w.migrator.jobs.size > 0) reasons.push(`${w.migrator.jobs.size} copy job(s) pending`);
    if (w.quorum.primaryless.size > 0) reasons.push(`${w.quorum.primaryless.size} shard(s) without a primary`);
    const unsettled = w.nodes.filter((n) => (isUp(n) ? healthOf(n) !== 'ACTIVE' : n.placed.size > 0));
    if (unsettled.length > 0)
      reasons.push(
        `node(s) not settled: ${unsettled
          .map((n) => {
            const backfilling = w.rejoining.byNode.get(n.index) ?? 0;
            return `${n.id} ${healthOf(n)}${backfilling > 0 ? ` (${backfilling} copy(ies) still to backfill)` : ''}`;
          })
          .join(', ')}`,
      );
    const handBacks = w.shards.filter((s) => handBackPending(w, s));
    if (handBacks.length > 0)
      reasons.push(
        `${handBacks.length} shard(s) not yet led by their configured primary again ` +
          `(${listSome(handBacks.map((s) => `${s.id} → ${w.nodes[s.configuredPrimary].id}`))})`,
      );
    if (reasons.length === 0) {
      const notWhole = w.shards.map((s) => shardNotWhole(w, s)).filter((why) => why !== null);
      if (notWhole.length > 0) reasons.push(`${notWhole.length} shard(s) not whole (${listSome(notWhole)})`);
    }
    return reasons.length > 0 ? reasons.join('; ') : 'the condition never held';
  }
}

export function createSimulation(options: CreateSimulationOptions): Simulation {
  return new ClusterSimulation(options);
}
