import { cpMemberMachine } from '../../machines/cp-member.machine';
import { initialSnapshot, type SnapshotFrom } from '../../machines/machine-step';
import { cpMemberIds, type ControlPlaneConfig, type CpFailoverView } from '../../control-plane-types';
import type { JournalRecord } from '../../model/cp-journal';

/** One member of a 3-member control plane: its Raft state and the journal it holds. */
export interface CpMemberRow {
  index: number;
  id: string;
  /** Its rack (r1…r3 when the cluster has them), for the drawing. */
  rack: string | null;
  machine: SnapshotFrom<typeof cpMemberMachine>;
  /** The highest term it has seen, and whom it voted for in it. */
  term: number;
  votedFor: string | null;
  /** The journal it holds, committed or not (index i at position i − 1). */
  log: JournalRecord[];
  /** The last index it has applied to its placement state: a hot standby keeps up, a cold one lags until it leads. */
  appliedIndex: number;
}

/** A shard's election the leader has decided: `node` leads once the entry at `index` commits. */
export interface PendingAppointment {
  index: number;
  node: number;
  term: number;
}

/** A voter change the leader has decided: `incoming` takes `gone`'s vote (or a vacant one) once `index` commits. */
export interface PendingVoterChange {
  index: number;
  gone: number | null;
  incoming: number;
}

/**
 * The world's control-plane record (`w.controlPlane`), written by the files of control-plane/. With one member
 * (`members` empty) nothing here moves: every decision applies at once, as before the group existed.
 */
export interface ControlPlaneRecord {
  config: ControlPlaneConfig;
  members: CpMemberRow[];
  /** The member that leads now (its index), or null between a leader's loss and the next election. */
  leader: number | null;
  /** The leader's commit index: entries up to it are held by a majority and in effect. */
  commitIndex: number;
  /** The last journal snapshot (every cpSnapshotEveryEntries entries): a cold standby replays from it. */
  snapshotIndex: number;
  /** Set from election until the journal is replayed: a leader that has not applied the journal does not act. */
  replaying: boolean;
  /** Copy jobs whose `copy.planned` entry is at this index (job id → index). */
  planOf: Map<number, number>;
  /** Caught-up copies waiting for their `copy.committed` entry to commit (job id → index, or 0 before it is appended). */
  awaitingCommit: Map<number, number>;
  /** Copies whose `copy.committed` entry committed: their listing may go ahead. */
  commitReady: Set<number>;
  /**
   * Nodes whose `node.declaredDead` is appended and not yet committed (the failover path waits for it): node → the
   * index of the last entry of its batch (`node.declaredDead`, `failover.started`, one `replica.removed` per shard).
   */
  pendingDead: Map<string, number>;
  /** The latest journal message on its way to each member (member index → when it lands, up to which index). */
  deliveries: Map<number, { dueMs: number; index: number; term: number }>;
  /** Two-phase decisions appended, waiting for their `txn.decided` to commit (transaction number → entry index). */
  pendingTxnDecisions: Map<number, number>;
  /** Shard elections decided and appended, waiting for their `primary.appointed` to commit (shard index → entry). */
  pendingAppointments: Map<number, PendingAppointment>;
  /** Voter changes appended, waiting for their `voters.changed` to commit (shard index → entry). */
  pendingVoters: Map<number, PendingVoterChange>;
  /**
   * Without a journal: shards the new leader believes whole because its last snapshot of placement predates their
   * loss. Nobody re-plans them (design §8.3's table, last row); the invariants name them.
   */
  believedWhole: Set<number>;
  /** Who led each term (invariant 12: never two leaders for one term). */
  leaderOfTerm: Map<number, string>;
  /** Terms where a second member also became leader (a violation the invariant names). */
  termClashes: string[];
  /** The latest leader failover, step by step, for the view. */
  failover: CpFailoverView | null;
  // Running totals for the metrics.
  leaderChanges: number;
  leaderlessSinceMs: number | null;
  leaderlessMs: number;
  unavailableSinceMs: number | null;
  unavailableMs: number;
  orphanCopies: number;
}

export function newControlPlaneRecord(config: ControlPlaneConfig | undefined, racks: readonly string[]): ControlPlaneRecord {
  const cfg: ControlPlaneConfig = config ?? { members: 1, journal: false, standby: 'hot' };
  const members: CpMemberRow[] = cpMemberIds(cfg.members).map((id, index) => ({
    index,
    id,
    rack: racks.length >= 3 ? racks[index] : null,
    machine: initialSnapshot(cpMemberMachine, { member: id, leads: index === 0 }),
    term: 1,
    votedFor: index === 0 ? id : null,
    log: [],
    appliedIndex: 0,
  }));
  return {
    config: cfg,
    members,
    leader: members.length > 0 ? 0 : null,
    commitIndex: 0,
    snapshotIndex: 0,
    replaying: false,
    planOf: new Map(),
    awaitingCommit: new Map(),
    commitReady: new Set(),
    pendingDead: new Map(),
    deliveries: new Map(),
    pendingTxnDecisions: new Map(),
    pendingAppointments: new Map(),
    pendingVoters: new Map(),
    believedWhole: new Set(),
    leaderOfTerm: members.length > 0 ? new Map([[1, 'cp1']]) : new Map(),
    termClashes: [],
    failover: null,
    leaderChanges: 0,
    leaderlessSinceMs: null,
    leaderlessMs: 0,
    unavailableSinceMs: null,
    unavailableMs: 0,
    orphanCopies: 0,
  };
}
