import fc from 'fast-check';
import { expect } from 'vitest';
import { CommandError, createSimulation, type Command, type Simulation } from '../engine/index';
import { runChecked, type Fault } from './checked-run';
import { landingFaults, networkAndNodeFaults, recoveryFaults, type LandingFault } from './fault-arbitraries';
import { scenario } from './load-scenario';

/**
 * Test support for the local-recovery property sweep (src/engine/sim/recovery.property.test.ts): a 6-node cluster
 * with clients, its recovery settings drawn, a schedule of recovery faults (some aimed at a replay, a catch-up or a
 * scrub), played with the invariants checked after every step, and the heal that undoes them.
 */
export const NODES = 6;
const SHARDS = 12;
const RACKS = 3;
const PERIODIC_CAUSE = 'acknowledged before fsync on every replica (walSyncMode periodic)';

export type Step = { fault: Fault } | { landing: LandingFault };

export const settings = fc.record({
  walRecoveryMode: fc.constantFrom('pointInTime', 'tolerateCorruptedTail', 'absoluteConsistency', 'skipAnyCorrupted'),
  walSyncMode: fc.constantFrom('perCommit', 'periodic'),
  checkpointIntervalMs: fc.constantFrom(0, 4_000),
  walReplayChunkRecords: fc.constantFrom(1, 16),
  verifyOnRestart: fc.constantFrom('none', 'metadata', 'full'),
  corruptionResponse: fc.constantFrom('reReplicate', 'markInconsistent'),
  logRetainEntries: fc.constantFrom(0, 20),
});
export type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

const faultArb: fc.Arbitrary<Fault> = fc.record({
  // Half the faults follow the one before closely, so they land during a replay or a catch-up it started.
  afterMs: fc.oneof(fc.integer({ min: 0, max: 1_500 }), fc.integer({ min: 0, max: 12_000 })),
  command: fc.oneof(...recoveryFaults(NODES, SHARDS, RACKS), ...networkAndNodeFaults(NODES, ['n1', 'n2', 'n3', 'n4', 'n5', 'n6']).slice(2)),
});
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: faultArb.map((fault) => ({ fault })) },
  { weight: 1, arbitrary: landingFaults(NODES).map((landing) => ({ landing })) },
);

export function makeSim(seed: number, s: Settings): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'recovery-property',
      seed,
      nodes: NODES,
      racks: RACKS,
      shards: SHARDS,
      shardSizeBytes: 4 * 1024 * 1024,
      workload: { writesPerSec: 20, readsPerSec: 5 },
      params: { ...s, walSyncPeriodMs: 1_000, tornWriteProbability: 0.5, scrubIntervalMs: 3_000, deepScrubIntervalMs: 6_000 },
    }),
  });
}

export function violationsOf(sim: Simulation, when: string): void {
  const v = sim.checkInvariants();
  if (v.length > 0) throw new Error(`${when} at ${sim.timeMs} ms: ${JSON.stringify(v)}`);
}

function tryDispatch(sim: Simulation, command: Command): void {
  try {
    sim.dispatch(command);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
  }
  violationsOf(sim, `after ${JSON.stringify(command)}`);
}

/** Is the node where the landing fault aims? Read from what a learner sees: its recovery phase, the scrub entries. */
function inPhase(sim: Simulation, l: LandingFault, scrubSeq: number): boolean {
  const node = sim.getState().nodes.find((n) => n.id === l.node);
  if (!node) return false;
  if (l.phase === 'scrubbing') return sim.getTrace(scrubSeq).some((e) => e.kind === 'scrub.started' && e.actor === l.node);
  return node.recovery.phase === l.phase;
}

/** Runs, checked after every step, until the node is in the aimed phase (or the window closes); then crash and restart it. */
function playLanding(sim: Simulation, l: LandingFault): void {
  const from = sim.getTrace().at(-1)?.seq ?? 0;
  const deadline = sim.timeMs + l.withinMs;
  sim.runUntil(
    () => {
      violationsOf(sim, 'during a landing fault');
      return inPhase(sim, l, from + 1);
    },
    { maxMs: deadline },
  );
  tryDispatch(sim, { type: 'node.crash', node: l.node, kind: l.kind });
  runChecked(sim, sim.timeMs + l.restartAfterMs);
  tryDispatch(sim, { type: 'node.restart', node: l.node });
}

export function play(sim: Simulation, steps: readonly Step[]): void {
  for (const step of steps) {
    if ('landing' in step) playLanding(sim, step.landing);
    else {
      runChecked(sim, sim.timeMs + step.fault.afterMs);
      tryDispatch(sim, step.fault.command);
    }
  }
}

/**
 * Undo every fault: heal the network, restart crashed nodes; a node whose replay refused is rebuilt when each
 * shard it holds has a copy on a running node, else started under pointInTime (the design's other way out);
 * inconsistent shards are repaired. Repeated, as a restart may refuse or a scrub may flag a shard later.
 */
export function healEverything(sim: Simulation): boolean {
  tryDispatch(sim, { type: 'network.heal' });
  for (let round = 0; round < 8; round++) {
    const state = sim.getState();
    const running = new Set(state.nodes.filter((n) => n.lifecycle === 'up' || n.recovery.phase === 'replaying' || n.recovery.phase === 'verifying').map((n) => n.id));
    for (const node of state.nodes) {
      if (node.lifecycle === 'crashed') tryDispatch(sim, { type: 'node.restart', node: node.id });
      else if (node.recovery.phase === 'refused') {
        const alone = state.shards.some((s) => s.replicaRoles.some((r) => r.node === node.id) && !s.replicaRoles.some((r) => r.node !== node.id && running.has(r.node)));
        if (alone) {
          tryDispatch(sim, { type: 'config.set', path: 'params.walRecoveryMode', value: 'pointInTime' });
          tryDispatch(sim, { type: 'node.restart', node: node.id });
        } else tryDispatch(sim, { type: 'node.rebuild', node: node.id });
      }
    }
    for (const shard of state.shards) if (shard.inconsistent) tryDispatch(sim, { type: 'shard.repair', shard: shard.id });
    const reached = sim.runUntil(
      () => {
        violationsOf(sim, 'while healing');
        return sim.holds('healthy');
      },
      { maxMs: sim.timeMs + 120_000 },
    ).reached;
    const after = sim.getState();
    const pending = after.nodes.some((n) => n.lifecycle === 'crashed' || n.recovery.phase === 'refused') || after.shards.some((s) => s.inconsistent);
    if (reached && !pending) return true;
  }
  return false;
}

/** Every acknowledged write lost is listed, and under perCommit sync nothing is lost to a power cut. */
export function expectLossesExplained(sim: Simulation, s: Settings): void {
  const state = sim.getState();
  expect(state.lostWrites.reduce((sum, l) => sum + l.count, 0)).toBe(state.metrics.writesLost);
  for (const loss of state.lostWrites) {
    expect(loss.cause.trim()).not.toBe('');
    if (loss.cause === PERIODIC_CAUSE) expect(s.walSyncMode).toBe('periodic');
  }
}

