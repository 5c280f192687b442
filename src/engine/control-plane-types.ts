/**
 * The control plane as a group (design recovery-repair.md §8, §11): its configuration in a scenario and
 * what the console, the CLI report and the driver see of it. Pure data.
 */

/** Scenario field `controlPlane` (absent = one member "cp", no journal: the behaviour before the group existed). */
export interface ControlPlaneConfig {
  /** 1: one control plane "cp" that cannot crash. 3: members cp1, cp2, cp3 with one leader (cp1 at the start). */
  members: 1 | 3;
  /** Placement, role, voter and failover changes take effect only once a majority of members hold them. */
  journal: boolean;
  /** hot: followers apply the journal as it is committed; cold: a new leader replays it from the last journal snapshot. */
  standby: 'hot' | 'cold';
}

/** The members' endpoint ids: none with one member (it is "cp" itself), cp1…cp3 with three. */
export function cpMemberIds(members: 1 | 3): string[] {
  return members === 3 ? ['cp1', 'cp2', 'cp3'] : [];
}

export type CpMemberRole = 'leader' | 'follower' | 'candidate' | 'down';

export interface CpMemberView {
  /** "cp1"… ("cp" with one member). */
  id: string;
  up: boolean;
  role: CpMemberRole;
  /** The highest term this member has seen. */
  term: number;
  /** The last journal index it holds (committed or not). */
  journalIndex: number;
  /** The last index it has applied to its placement state (a cold standby lags until it takes over). */
  appliedIndex: number;
}

/** §8.3's steps of a leader failover, in order. */
export type CpFailoverStep =
  | 'leaderLost'
  | 'electionStarted'
  | 'elected'
  | 'noopCommitted'
  | 'journalReplayed'
  | 'stateValidated'
  | 'monitorRestarted';

export interface CpFailoverView {
  /** The member that lost the lead, and the one that took it (null until elected). */
  from: string;
  to: string | null;
  term: number;
  /** Each step reached so far, with when and what it did, in plain words. */
  steps: { step: CpFailoverStep; atMs: number; text: string }[];
  done: boolean;
}

export interface JournalEntryView {
  index: number;
  term: number;
  /** The MetaEntry type, e.g. "copy.planned", "node.declaredDead". */
  kind: string;
  /** What it records, in plain words. */
  text: string;
  /** Held by a majority of members. */
  committed: boolean;
  /** The members that hold it. */
  heldBy: string[];
}

/** `sim.getControlPlaneView()`: the control plane panel, the journal view and the report's `controlPlane`. */
export interface ControlPlaneView {
  members: CpMemberView[];
  leader: string | null;
  term: number;
  commitIndex: number;
  journal: boolean;
  standby: 'hot' | 'cold';
  /** The journal snapshot a cold standby replays from. */
  snapshotIndex: number;
  /** The newest journal entries (at most 50), oldest first. */
  entries: JournalEntryView[];
  /** The leader failover under way, or the latest one; null before any. */
  failover: CpFailoverView | null;
}
