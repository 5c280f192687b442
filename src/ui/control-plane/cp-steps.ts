import type { ControlPlaneView, CpFailoverStep, CpFailoverView } from '../../engine/index';

export type CpStepStatus = 'done' | 'current' | 'pending';

export interface CpStepRow {
  step: CpFailoverStep;
  title: string;
  status: CpStepStatus;
  /** When it was reached (null: not yet). */
  atMs: number | null;
  /** What it did, in the engine's words; for a step not reached, what it will do. */
  text: string;
}

/** §8.3's steps, in order, each with a title and what it is for (shown until the engine says what it did). */
const STEPS: readonly { step: CpFailoverStep; title: string; purpose: string }[] = [
  { step: 'leaderLost', title: 'Leader lost', purpose: 'followers hear nothing from the leader for their election timeout' },
  { step: 'electionStarted', title: 'Election started', purpose: 'a follower stands as candidate for the next term' },
  { step: 'elected', title: 'Leader elected', purpose: 'a majority votes for a candidate whose journal is up to date' },
  { step: 'noopCommitted', title: 'Empty entry committed', purpose: 'the new leader commits an empty entry of its term, and so learns the commit index' },
  { step: 'journalReplayed', title: 'Journal replayed', purpose: 'a hot standby has applied it already; a cold one replays it from the last journal snapshot' },
  { step: 'stateValidated', title: 'State validated', purpose: 'the nodes’ replica inventories are compared with the journal’s placement' },
  { step: 'monitorRestarted', title: 'Monitor restarted', purpose: 'no node is declared DEAD before a full DEAD timeout under the new leader' },
];

/** The leader failover as a stepper: reached steps done (with time and words), the next one current, the rest pending. */
export function cpFailoverSteps(failover: CpFailoverView): CpStepRow[] {
  const reached = new Map(failover.steps.map((s) => [s.step, s]));
  let currentGiven = failover.done;
  return STEPS.map(({ step, title, purpose }) => {
    const at = reached.get(step);
    if (at) return { step, title, status: 'done', atMs: at.atMs, text: at.text };
    const status: CpStepStatus = currentGiven ? 'pending' : 'current';
    currentGiven = true;
    return { step, title, status, atMs: null, text: purpose };
  });
}

/**
 * Which control plane member leads the FailoverManager's path, in one sentence. `pathStartedAtMs`: when the node
 * failover under way began (its DEAD declaration), or null when none is under way.
 */
export function failoverLeaderWords(group: Omit<ControlPlaneView, 'entries'>, pathStartedAtMs: number | null): string {
  const failover = group.failover;
  const termOf = (id: string) => group.members.find((m) => m.id === id)?.term ?? group.term;
  // The node failover began before this leader change: the old leader started it.
  const startedUnderOld = failover !== null && pathStartedAtMs !== null && (failover.steps[0]?.atMs ?? Infinity) > pathStartedAtMs;
  if (group.leader === null) {
    if (pathStartedAtMs === null) return 'No control plane leader: a failover would wait for an election.';
    const by = startedUnderOld ? ` (started under ${failover.from}, term ${termOf(failover.from)})` : '';
    return `No control plane leader: the path waits for an election${by}.`;
  }
  if (startedUnderOld && failover.to === group.leader && failover.from !== group.leader) {
    return `Started under ${failover.from} (term ${termOf(failover.from)}); ${group.leader} leads it now (term ${group.term}).`;
  }
  return `Led by ${group.leader}, the control plane leader (term ${group.term}).`;
}
