import type {
  Simulation,
  ClusterState,
  Command,
  FailoverEvent,
  RunResult,
  RunTarget,
  Scenario,
  ShardView,
  TraceEntry,
} from '../engine/index';
import { getBuiltInScenario } from '../scenarios/registry';

/**
 * Test helper: a hand-made Simulation for the CLI's unit tests, so report
 * and flow tests do not depend on the real engine. It records what the CLI
 * asked of it and answers with a fixed state.
 */

export function fakeFailoverEvent(overrides: Partial<FailoverEvent> = {}): FailoverEvent {
  return {
    failedNode: 'n3',
    crashedAtMs: 5000,
    declaredDeadAtMs: 15000,
    detectionDelayMs: 10000,
    targetsComputedAtMs: 15300,
    callbackFiredAtMs: 15300,
    completedAtMs: 56000,
    affectedShards: 200,
    targets: 200,
    reReplicationAttempted: true,
    reReplicationSucceeded: true,
    fallbackReason: null,
    ...overrides,
  };
}

export function fakeState(scenario: Scenario, overrides: Partial<ClusterState> = {}): ClusterState {
  const down = new Set(['n3']);
  return {
    scenarioId: scenario.id,
    seed: scenario.seed,
    timeMs: 56000,
    replicationFactor: scenario.replicationFactor,
    shardSizeBytes: scenario.shardSizeBytes,
    params: scenario.params,
    failover: scenario.failover,
    racks: [...new Set(scenario.nodes.map((n) => n.rack))],
    nodes: scenario.nodes.map((n) => ({
      id: n.id,
      rack: n.rack,
      up: !down.has(n.id),
      lifecycle: down.has(n.id) ? 'crashed' : 'up',
      health: down.has(n.id) ? 'DEAD' : 'ACTIVE',
      lastHeartbeatAtMs: 4000,
      deadAtMs: null,
      replicaCount: 240,
      copiesIn: 0,
      copiesOut: 0,
      registered: true,
      recovery: {
        phase: down.has(n.id) ? 'crashed' : 'serving',
        crashKind: down.has(n.id) ? 'process' : null,
        checkpointRecord: null,
        replay: null,
        amnesiac: false,
        corruptKnown: 0,
        catchUp: null,
      },
    })),
    shards: [fakeShard('s001', ['n1', 'n4', 'n6']), fakeShard('s002', ['n2', 'n5', 'n1'])],
    copies: [],
    messages: [],
    cuts: [],
    failoverManager: { step: 'idle', currentNode: null, queuedNodes: [] },
    failoverEvents: [fakeFailoverEvent()],
    metrics: {
      underReplicatedShards: 0,
      underReplicatedShardsTruth: 0,
      lostShards: 0,
      lostShardsTruth: 0,
      minCopies: 2,
      bytesMoved: 13421772800,
      rebuildBytesRemaining: 0,
      rebuildTargetsByNode: { n1: 40, n2: 40, n4: 40, n5: 40, n6: 40 },
      rebuildBytesInByNode: { n1: 2684354560 },
      rebuildBytesOutByNode: { n2: 2684354560 },
      copiesInFlight: 0,
      copiesQueued: 0,
      detectionDelayMs: 10000,
      timeToRestoreRfMs: 41000,
      durabilityWindowMs: 51000,
      writesAcked: 120,
      writesFailed: 4,
      writesLost: 0,
      readsFresh: 0,
      readsStale: 0,
      readsFailed: 0,
      shardsWithoutPrimary: 0,
      shardsNotWritable: 0,
      corruptReplicasTruth: 0,
      corruptReplicasKnown: 0,
      corruptionDetectionDelayMs: null,
      scrubBytes: 0,
      catchUpLogEntries: 0,
      catchUpSnapshotBytes: 0,
      walRecordsReplayed: 0,
      walRecordsSkipped: 0,
      walRecordsDiscarded: 0,
      walTornRecords: 0,
      walCorruptRecords: 0,
      recordsAppliedTwice: 0,
      lastReplayMs: null,
      replayBytes: 0,
      snapshotBytesLoaded: 0,
      nodesRecovering: 0,
      nodesRefused: 0,
      divergentReplicasTruth: 0,
      staleKeysTruth: 0,
      staleKeysKnown: 0,
      readRepairs: 0,
      readsBlockedMs: 0,
      staleReadsServed: 0,
      hintsStored: 0,
      hintsDelivered: 0,
      hintsExpired: 0,
      hintsLost: 0,
      hintsPending: 0,
      merkleHashesExchanged: 0,
      merkleBytesExchanged: 0,
      validationBytes: 0,
      repairStreamedKeys: 0,
      repairStreamedBytes: 0,
      overstreamFactor: null,
      repairedFraction: null,
      cpLeaderChanges: 0,
      cpLeaderlessMs: 0,
      cpUnavailableMs: 0,
      cpJournalEntries: 0,
      orphanCopies: 0,
      txnCommitted: 0,
      txnRedone: 0,
      txnAborted: 0,
      txnRolledBack: 0,
      txnInDoubt: 0,
      clrWritten: 0,
      writesUnknownOutcome: 0,
      restoreBytes: 0,
      rpoWrites: null,
      rtoMs: null,
    },
    pendingCommands: 0,
    profile: null,
    workload: { writesPerSec: 20, readsPerSec: 0 },
    lostWrites: [],
    reach: null,
    ...overrides,
  };
}

function fakeShard(id: string, replicas: string[]): ShardView {
  return {
    id,
    replicas,
    primary: replicas[0],
    configuredPrimary: replicas[0],
    term: 1,
    voters: replicas,
    replicaRoles: replicas.map((node, i) => ({ node, role: i === 0 ? 'primary' : 'secondary', voting: true, lsn: 60, heldLsn: 60, counter: 60, corrupt: null, amnesiac: false })),
    quorum: 'writable',
    writable: true,
    quorumReason: null,
    state: 'healthy',
    liveCopies: 3,
    lsn: 60,
    waitingReason: null,
    inconsistent: false,
    corruptKnown: [],
    divergence: null,
  };
}

export interface FakeSimulation extends Simulation {
  calls: string[];
  options: { scenario: Scenario; seed?: number };
}

/** `runResult` is what runUntil answers; advanceBy moves the clock. */
export function fakeSimulation(
  options: { scenario: Scenario; seed?: number },
  runResult: Omit<RunResult, 'timeMs'> = { reached: true, reason: 'every shard is at RF 3' },
  state?: Partial<ClusterState>,
  trace: TraceEntry[] = [],
): FakeSimulation {
  let timeMs = 0;
  const calls: string[] = [];
  const unused = (name: string) => () => {
    throw new Error(`the CLI should not call ${name}`);
  };
  return {
    calls,
    options,
    scenario: options.scenario,
    seed: options.seed ?? options.scenario.seed,
    get timeMs() {
      return timeMs;
    },
    get eventCount() {
      return 0;
    },
    getMetrics: unused('getMetrics'),
    getShardStateCodes: unused('getShardStateCodes'),
    getDivergentShards: unused('getDivergentShards'),
    nextEventAtMs: unused('nextEventAtMs'),
    advanceBy(ms: number) {
      calls.push(`advanceBy(${ms})`);
      timeMs += ms;
    },
    runUntil(target: RunTarget, runOptions?: { maxMs?: number }) {
      calls.push(`runUntil(${String(target)}, ${runOptions?.maxMs})`);
      timeMs = runResult.reached ? 56000 : (runOptions?.maxMs ?? 600000);
      return { ...runResult, timeMs };
    },
    holds: () => runResult.reached,
    getState: () => fakeState(options.scenario, { timeMs, ...state }),
    digest: () => 'd1g3st',
    dispatch: unused('dispatch'),
    step: unused('step'),
    getTrace: (sinceSeq = 0) => trace.filter((entry) => entry.seq >= sinceSeq),
    getTraceWindow: unused('getTraceWindow'),
    getSkippedCommands: () =>
      trace
        .filter((entry) => entry.kind === 'command.skipped')
        .map((entry) => ({ atMs: entry.timeMs, command: entry.data.command as Command, text: entry.text })),
    getCommandLog: unused('getCommandLog'),
    listMachines: unused('listMachines'),
    getMachine: unused('getMachine'),
    explainShard: unused('explainShard'),
    checkInvariants: unused('checkInvariants'),
    previewRepair: unused('previewRepair'),
    previewRecovery: unused('previewRecovery'),
    getWal: unused('getWal'),
    getRepairView: unused('getRepairView'),
    getTransactions: () => [],
    getRestoreView: () => ({ backups: [], restore: null, walArchive: false, archivedWrites: 0 }),
    getControlPlaneView: () => ({
      members: [{ id: 'cp', up: true, role: 'leader', term: 1, journalIndex: 0, appliedIndex: 0 }],
      leader: 'cp',
      term: 1,
      commitIndex: 0,
      journal: false,
      standby: 'hot',
      snapshotIndex: 0,
      entries: [],
      failover: null,
    }),
    whatIf: unused('whatIf'),
    shardsHitBy: unused('shardsHitBy'),
    fork: unused('fork'),
  };
}

export function workedExample(): Scenario {
  const scenario = getBuiltInScenario('rehome-worked-example');
  if (!scenario) throw new Error('missing built-in');
  return scenario;
}
