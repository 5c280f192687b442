import { createSimulation, type ClusterState, type Scenario } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { Oracle, type Violation } from './checker';
import type { Schedule } from './schedule';

export interface ScheduleResult {
  violations: Violation[];
  steps: number;
  acks: number;
  elections: number;
  repairs: number;
  emergencyRepairs: number;
  /** Whether the cluster was expected to heal after the heal phase, and whether it did in time. */
  healExpected: boolean;
  healedAtMs: number | null;
  boundMs: number;
}

/**
 * How long after the heal phase the cluster may take to be healthy again. Each term is one stage of
 * recovery a node or shard may still have to go through once every fault is gone:
 * - detection: a node cut off until now is still SUSPECT/DEAD, a restarted one replays its WAL
 *   (replayBoundMs) and must be heard again; a node that died just before the heal is declared DEAD
 *   deadAfterMs after its last heartbeat, then waits rehomeGraceMs before re-homing;
 * - a stalled copy stream is abandoned only after copyStreamTimeoutMs and re-planned;
 * - an election takes electionTimeoutMs, the failover path a handful of controlPlaneStepMs steps
 *   (router, coordinator, planning, callback), twice over (fail over, then hand back);
 * - the data: in the worst case every replica of every shard is copied again through one node,
 *   at its rebuild bandwidth — shards × RF × shardSizeBytes / rebuildBytesPerSecPerNode;
 * - a margin of 30 s for heartbeats, queueing behind maxConcurrentCopiesPerNode and rounding.
 */
export function healBoundMs(state: ClusterState, acks = 0): number {
  const p = state.params;
  const detection = p.deadAfterMs + p.rehomeGraceMs + replayBoundMs(state, acks) + p.heartbeatIntervalMs;
  const election = 2 * (p.electionTimeoutMs + 10 * p.controlPlaneStepMs);
  const data = ((state.shards.length * state.replicationFactor * state.shardSizeBytes) / p.rebuildBytesPerSecPerNode) * 1000;
  return Math.ceil(detection + p.copyStreamTimeoutMs + election + data + 30_000);
}

/**
 * The longest a restart can take before the node serves, by design recovery-repair.md §3.6 and §5.1: the fixed
 * start-up, a memory store's snapshot load, reading and applying its whole log since the checkpoint, a full verify,
 * and fetching what it missed from a peer's log. A node's log since its checkpoint holds at most one record per
 * acknowledged write (`acks`, from the trace), and a node holds at most every shard.
 */
export function replayBoundMs(state: ClusterState, acks: number): number {
  const p = state.params;
  const recordBytes = p.walRecordHeaderBytes + p.walWriteBytes;
  const nodeBytes = state.shards.length * state.shardSizeBytes;
  const snapshotMs = p.stateStore === 'memory' ? (nodeBytes * 1000) / p.snapshotLoadBytesPerSec : 0;
  const logMs = acks * ((recordBytes * 1000) / p.walScanBytesPerSec + p.walApplyMsPerRecord);
  const verifyMs = p.verifyOnRestart === 'full' ? (nodeBytes * 1000) / p.scrubBytesPerSec : 0;
  const catchUpMs = (acks * recordBytes * 1000) / p.catchUpBytesPerSec;
  return p.walReplayMs + snapshotMs + logMs + verifyMs + catchUpMs;
}

export function parseSchedule(schedule: Schedule): Scenario {
  const parsed = parseScenario({ ...schedule.scenario, timeline: [...schedule.faults, ...schedule.heal] });
  if (!parsed.ok) throw new Error(`sweep schedule ${schedule.seed} is invalid: ${parsed.problems.join('; ')}`);
  return parsed.scenario;
}

/** Runs one schedule, checking after every step; stops at the first violation of each class. */
export function runSchedule(schedule: Schedule): ScheduleResult {
  const sim = createSimulation({ scenario: parseSchedule(schedule), seed: schedule.seed });
  const oracle = new Oracle();
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const add = (found: Violation[]): void => {
    for (const v of found) {
      if (seen.has(v.cls)) continue;
      seen.add(v.cls);
      violations.push(v);
    }
  };
  let nextSeq = 0;
  let steps = 0;
  const observe = (): ClusterState => {
    const entries = sim.getTrace(nextSeq);
    if (entries.length) nextSeq = entries[entries.length - 1].seq + 1;
    const state = sim.getState();
    add(oracle.observe(state, entries));
    return state;
  };
  // Faults, then the heal phase itself (its events at healAtMs included).
  while ((sim.nextEventAtMs() ?? Infinity) <= schedule.healAtMs) {
    sim.step();
    steps++;
    observe();
  }
  let state = observe();
  const healExpected = oracle.canHeal(state);
  const boundMs = healBoundMs(state, oracle.acks);
  const deadline = schedule.healAtMs + boundMs;
  let healedAtMs: number | null = null;
  for (;;) {
    if (sim.holds('healthy')) {
      healedAtMs = sim.timeMs;
      add(oracle.checkHealthyTruth(sim.getState()));
      break;
    }
    const next = sim.nextEventAtMs();
    if (next === null || next > deadline) break;
    sim.step();
    steps++;
    state = observe();
  }
  // Leaderless: every acknowledged write, key by key, is held by a replica or a hint, or reported lost.
  if (sim.getState().params.replication === 'leaderless') add(oracle.checkLeaderlessAcks(sim.getState(), (shard) => sim.getRepairView(shard)));
  if (healExpected && healedAtMs === null)
    add([{ cls: 'no-heal-within-bound', atMs: sim.timeMs, detail: `not healthy ${boundMs} ms after the heal phase at ${schedule.healAtMs} ms` }]);
  return {
    violations,
    steps,
    acks: oracle.acks,
    elections: oracle.elections,
    repairs: oracle.repairs,
    emergencyRepairs: oracle.emergencyRepairs,
    healExpected,
    healedAtMs,
    boundMs,
  };
}
