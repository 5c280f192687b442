import {
  describeIds,
  type Simulation,
  type FailoverEvent,
  type LostWrites,
  type Metrics,
  type MonitorBelief,
  type NodeId,
  type NodeRecoveryView,
  type ProfileId,
  type QuorumState,
  type Replication,
  type ShardDivergenceView,
  type ShardState,
  type RestoreView,
  type TransactionView,
  type CpMemberRole,
} from '../engine/index';

/**
 * The report of a headless run (DESIGN.md §4): one JSON object whose field
 * names are a public contract (fields may be added, none renamed), and a
 * short human summary of the same facts. Pure: reads a simulation, prints nothing.
 */

/** The parts of a Simulation a report reads; tests pass a small fake. */
export type ReportSource = Pick<Simulation, 'scenario' | 'seed' | 'timeMs' | 'getState' | 'digest' | 'getSkippedCommands'> &
  Partial<Pick<Simulation, 'getRestoreView' | 'getTransactions' | 'getControlPlaneView'>>;

export interface SkippedCommand {
  atMs: number;
  text: string;
}

export interface RunOutcome {
  /** What the run was asked to reach: a state, or an absolute time in ms. */
  until: 'healthy' | 'idle' | 'converged' | number;
  reached: boolean;
  reason: string;
}

export interface SimReport {
  scenario: string;
  seed: number;
  timeMs: number;
  nodes: { id: NodeId; rack: string; up: boolean; health: MonitorBelief; recovery: ReportRecovery }[];
  shards: {
    id: string;
    replicas: NodeId[];
    primary: NodeId | null;
    state: ShardState;
    term: number;
    writable: boolean;
    quorum: QuorumState;
    voters: NodeId[];
    /** Highest acknowledged write. */
    lsn: number;
    /** Key-level divergence and repair marks (leaderless replication); null while it has neither. */
    divergence: ShardDivergenceView | null;
  }[];
  metrics: Metrics;
  profile: ProfileId | null;
  /** `primary` or `leaderless` (params.replication): a leaderless run has no primaries to count. */
  replication: Replication;
  /** Acknowledged writes lost, by shard and LSN range (only an unsafe repair or losing every copy does this). */
  lostWrites: LostWrites[];
  failoverEvents: FailoverEvent[];
  digest: string;
  run: RunOutcome;
  /** Timeline and --at commands the engine refused when their time came, with why. */
  skippedCommands: SkippedCommand[];
  /** Backups taken and the cluster restore under way or last (design recovery-repair.md §10); only once a backup exists. */
  restore?: RestoreView;
  /** Every transaction of the run (design recovery-repair.md §9, §11.5); only once one has run. */
  transactions?: TransactionView[];
  /** The control plane's members, leader, term and commit index (design recovery-repair.md §8, §11.5); only with 3 members. */
  controlPlane?: ReportControlPlane;
}

export interface ReportControlPlane {
  members: { id: string; up: boolean; role: CpMemberRole; journalIndex: number }[];
  /** Null when the run stopped between a leader's loss and the next election. */
  leader: string | null;
  term: number;
  commitIndex: number;
}

/** A node's way back (design recovery-repair.md §11.5): where it is, and what its last replay did. */
export interface ReportRecovery {
  phase: NodeRecoveryView['phase'];
  crashKind: NodeRecoveryView['crashKind'];
  checkpointRecord: number | null;
  replay: {
    scanned: number;
    applied: number;
    skipped: number;
    discarded: number;
    stoppedAt: number | null;
    reason: NonNullable<NodeRecoveryView['replay']>['reason'];
    mode: NonNullable<NodeRecoveryView['replay']>['mode'];
    ms: number;
  } | null;
  amnesiac: boolean;
  corruptKnown: number;
  catchUp: NodeRecoveryView['catchUp'];
}

function reportRecovery(r: NodeRecoveryView): ReportRecovery {
  const replay = r.replay;
  return {
    phase: r.phase,
    crashKind: r.crashKind,
    checkpointRecord: r.checkpointRecord,
    replay: replay && {
      scanned: replay.scanned,
      applied: replay.applied,
      skipped: replay.skipped,
      discarded: replay.discarded,
      stoppedAt: replay.stoppedAt,
      reason: replay.reason,
      mode: replay.mode,
      ms: replay.ms,
    },
    amnesiac: r.amnesiac,
    corruptKnown: r.corruptKnown,
    catchUp: r.catchUp && structuredClone(r.catchUp),
  };
}

export function buildReport(sim: ReportSource, run: RunOutcome): SimReport {
  const state = sim.getState();
  return {
    scenario: sim.scenario.id,
    seed: sim.seed,
    timeMs: sim.timeMs,
    nodes: state.nodes.map(({ id, rack, up, health, recovery }) => ({ id, rack, up, health, recovery: reportRecovery(recovery) })),
    shards: state.shards.map(({ id, replicas, primary, state: shardState, term, writable, quorum, voters, lsn, divergence }) => ({
      id,
      replicas: [...replicas],
      primary,
      state: shardState,
      term,
      writable,
      quorum,
      voters: [...voters],
      lsn,
      divergence: divergence && { ...divergence, divergentReplicas: [...divergence.divergentReplicas] },
    })),
    metrics: structuredClone(state.metrics),
    profile: state.profile,
    replication: state.params.replication,
    lostWrites: state.lostWrites.map((l) => ({ ...l })),
    failoverEvents: state.failoverEvents.map((event) => ({ ...event })),
    digest: sim.digest(),
    run: { ...run },
    // A timeline command refused when its time came (e.g. restarting a node that is up): the run goes on,
    // and the report says so, or a mistyped --at would pass unnoticed.
    skippedCommands: sim.getSkippedCommands().map((skip) => ({ atMs: skip.atMs, text: skip.text })),
    ...restoreField(sim),
    ...transactionsField(sim),
    ...controlPlaneField(sim),
  };
}

function controlPlaneField(sim: ReportSource): { controlPlane?: ReportControlPlane } {
  const view = sim.getControlPlaneView?.();
  if (!view || view.members.length < 2) return {};
  return {
    controlPlane: {
      members: view.members.map(({ id, up, role, journalIndex }) => ({ id, up, role, journalIndex })),
      leader: view.leader,
      term: view.term,
      commitIndex: view.commitIndex,
    },
  };
}

function transactionsField(sim: ReportSource): { transactions?: TransactionView[] } {
  const list = sim.getTransactions?.() ?? [];
  return list.length > 0 ? { transactions: structuredClone(list) } : {};
}

function restoreField(sim: ReportSource): { restore?: RestoreView } {
  const view = sim.getRestoreView?.();
  return view && view.backups.length > 0 ? { restore: structuredClone(view) } : {};
}

// ---------------------------------------------------------------- summary

const GIB = 1024 ** 3;
const MAX_EVENTS_LISTED = 5;
const MAX_NODES_LISTED = 8;

/** `15 s`, `61.234 s`, or `n/a` when the figure does not exist (yet). */
export function formatMs(ms: number | null): string {
  return ms === null ? 'n/a' : `${Number((ms / 1000).toFixed(3))} s`;
}

export function formatGiB(bytes: number): string {
  return `${(bytes / GIB).toFixed(2)} GiB`;
}

/** A few lines a person can read at a glance; `--json` has everything. */
export function formatSummary(report: SimReport): string {
  const { metrics: m } = report;
  const down = report.nodes.filter((n) => !n.up).map((n) => n.id);
  const dead = report.nodes.filter((n) => n.health === 'DEAD').map((n) => n.id);
  const lines = [
    `Scenario ${report.scenario} (seed ${report.seed}), stopped at ${formatMs(report.timeMs)}`,
    runLine(report.run),
    `Nodes: ${report.nodes.length}; down ${idsOrNone(down)}; declared DEAD ${idsOrNone(dead)}`,
    `Shards: ${report.shards.length}; under-replicated ${m.underReplicatedShards} (truth ${m.underReplicatedShardsTruth}); ` +
      `lost ${m.lostShards} (truth ${m.lostShardsTruth}); fewest copies during the run ${m.minCopies}`,
    `Rebuild: ${formatGiB(m.bytesMoved)} moved, ${formatGiB(m.rebuildBytesRemaining)} remaining; ` +
      `new replicas per node: ${targetsText(m.rebuildTargetsByNode, report.nodes.map((n) => n.id))}`,
    `Timings: detection delay ${formatMs(m.detectionDelayMs)}; time to restore RF ${formatMs(m.timeToRestoreRfMs)}; ` +
      `durability window ${formatMs(m.durabilityWindowMs)}`,
    `Writes: ${m.writesAcked} acknowledged, ${m.writesFailed} failed, ${m.writesLost} lost; ` +
      `${report.shards.filter((s) => !s.writable).length} shard(s) not taking writes` +
      (report.replication === 'leaderless' ? ` (leaderless: stale keys ${m.staleKeysTruth}, hints pending ${m.hintsPending})` : `, ${m.shardsWithoutPrimary} without a primary`),
    ...report.lostWrites.map((l) => `  Lost: ${l.shard} LSN ${l.firstLsn}–${l.lastLsn} (${l.count}) at ${formatMs(l.atMs)}: ${l.cause}`),
    ...recoveryLines(report.nodes),
    ...failoverLines(report.failoverEvents),
    ...restoreLines(report.restore),
    ...controlPlaneLines(report.controlPlane, m),
    ...report.skippedCommands.map((c) => `Skipped at ${formatMs(c.atMs)}: ${c.text}`),
    `Digest: ${report.digest}`,
  ];
  return lines.join('\n');
}

/** With a 3-member control plane: who leads, and what its leader failovers cost. */
function controlPlaneLines(cp: ReportControlPlane | undefined, m: Metrics): string[] {
  if (!cp) return [];
  const down = cp.members.filter((x) => !x.up).map((x) => x.id);
  return [
    `Control plane: ${cp.leader === null ? 'no leader' : `${cp.leader} leads`} term ${cp.term}, commit index ${cp.commitIndex}; down ${idsOrNone(down)}; ` +
      `${m.cpLeaderChanges} leader change(s), leaderless ${formatMs(m.cpLeaderlessMs)}, unavailable ${formatMs(m.cpUnavailableMs)}, ` +
      `${m.cpJournalEntries} journal entries, ${m.orphanCopies} orphan copy(ies) removed`,
  ];
}

/** One line per node that replayed its log or is on its way back: what the replay did, and where the node is now. */
function recoveryLines(nodes: SimReport['nodes']): string[] {
  const lines: string[] = [];
  for (const { id, recovery: r } of nodes) {
    // The Nodes line already names nodes that are simply down; this one is for nodes that replayed or are on their way back.
    if (!r.replay && (r.phase === 'serving' || r.phase === 'crashed' || r.phase === 'destroyed')) continue;
    const parts = [`${id} ${r.phase}`];
    if (r.replay) {
      const p = r.replay;
      const stop = p.stoppedAt === null ? 'read to the end' : `stopped at #${p.stoppedAt} (${p.reason})`;
      parts.push(
        `${p.mode} replay of ${p.scanned} record(s): ${p.applied} applied, ${p.skipped} skipped, ${p.discarded} discarded; ${stop}; ${formatMs(p.ms)}`,
      );
    }
    if (r.amnesiac) parts.push('amnesiac (behind what it acknowledged)');
    if (r.corruptKnown > 0) parts.push(`${r.corruptKnown} known-corrupt replica(s)`);
    lines.push(`  Recovery: ${parts.join('; ')}`);
  }
  return lines.length > MAX_NODES_LISTED ? [...lines.slice(0, MAX_NODES_LISTED), `  … and ${lines.length - MAX_NODES_LISTED} more (see --json)`] : lines;
}

/** Backups taken, and the restore's RPO and RTO with its formula. */
function restoreLines(view: RestoreView | undefined): string[] {
  if (!view) return [];
  const listed = view.backups.slice(0, MAX_EVENTS_LISTED).map((b) => `${b.id} at ${formatMs(b.atMs)} (${b.writesHeld} writes)`);
  const more = view.backups.length - listed.length;
  const lines = [`Backups: ${view.backups.length}: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`];
  const r = view.restore;
  if (r) {
    const target = r.targetMs === null ? '' : ` + archived log to ${formatMs(r.targetMs)}`;
    lines.push(
      `  Restore from ${r.backup}${target}: ${r.phase}; RPO ${r.rpoWrites} acknowledged write(s) lost${r.rpoFinal ? '' : ' (when it finishes)'}; ` +
        `RTO ${formatMs(r.rto.rtoMs)} = ${r.rto.text}`,
    );
  }
  return lines;
}

function runLine(run: RunOutcome): string {
  const target = typeof run.until === 'number' ? `until ${formatMs(run.until)}` : `until ${run.until}`;
  return `Run ${target}: ${run.reached ? 'reached' : 'NOT reached'} (${run.reason})`;
}

function idsOrNone(ids: string[]): string {
  return ids.length === 0 ? 'none' : `${ids.length} (${describeIds(ids, MAX_NODES_LISTED)})`;
}

/** Lists each receiving node in cluster order; a big cluster gets min/max/mean instead. */
function targetsText(byNode: Record<NodeId, number>, nodeOrder: NodeId[]): string {
  const entries = nodeOrder.filter((id) => (byNode[id] ?? 0) > 0).map((id) => [id, byNode[id]] as const);
  for (const id of Object.keys(byNode)) {
    if (byNode[id] > 0 && !nodeOrder.includes(id)) entries.push([id, byNode[id]]);
  }
  if (entries.length === 0) return 'none';
  if (entries.length <= MAX_NODES_LISTED) return entries.map(([id, n]) => `${id} ${n}`).join(', ');
  const counts = entries.map(([, n]) => n);
  const total = counts.reduce((a, b) => a + b, 0);
  return `${entries.length} nodes, min ${Math.min(...counts)}, max ${Math.max(...counts)}, mean ${(total / counts.length).toFixed(1)}`;
}

function failoverLines(events: FailoverEvent[]): string[] {
  if (events.length === 0) return ['Failover events: none'];
  const listed = events.slice(0, MAX_EVENTS_LISTED).map((e) => `  ${failoverText(e)}`);
  const more = events.length - listed.length;
  return [`Failover events: ${events.length}`, ...listed, ...(more > 0 ? [`  … and ${more} more (see --json)`] : [])];
}

function failoverText(e: FailoverEvent): string {
  const detected = e.detectionDelayMs === null ? 'cut off, not crashed' : `detected after ${formatMs(e.detectionDelayMs)}`;
  return (
    `${e.failedNode}: declared DEAD at ${formatMs(e.declaredDeadAtMs)} (${detected}); ` +
    `${e.affectedShards} shards affected, ${e.targets} new targets; ${outcomeText(e)}`
  );
}

function outcomeText(e: FailoverEvent): string {
  if (!e.reReplicationAttempted) return `re-replication not attempted: ${e.fallbackReason ?? 'no reason recorded'}`;
  if (e.reReplicationSucceeded) return `re-replication succeeded at ${formatMs(e.completedAtMs)}`;
  return e.completedAtMs === null ? 're-replication still running' : `re-replication failed at ${formatMs(e.completedAtMs)}`;
}
