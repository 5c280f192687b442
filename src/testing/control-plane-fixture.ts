import type { ControlPlaneView } from '../engine/index';

/**
 * A hand-made control plane view for DOM and unit tests: cp1 has just crashed mid-re-homing, cp2 won the election
 * of term 2. The last entry (index 9, term 1) was appended by cp1 alone before it died: not committed.
 */
export function midFailoverView(): ControlPlaneView {
  return {
    members: [
      { id: 'cp1', up: false, role: 'down', term: 1, journalIndex: 9, appliedIndex: 8 },
      { id: 'cp2', up: true, role: 'leader', term: 2, journalIndex: 8, appliedIndex: 8 },
      { id: 'cp3', up: true, role: 'follower', term: 2, journalIndex: 8, appliedIndex: 8 },
    ],
    leader: 'cp2',
    term: 2,
    commitIndex: 8,
    journal: true,
    standby: 'hot',
    snapshotIndex: 0,
    entries: [
      { index: 6, term: 1, kind: 'node.declaredDead', text: 'n3 declared DEAD', committed: true, heldBy: ['cp1', 'cp2', 'cp3'] },
      { index: 7, term: 1, kind: 'failover.started', text: 'failover 1 of n3 started', committed: true, heldBy: ['cp1', 'cp2', 'cp3'] },
      { index: 8, term: 1, kind: 'copy.planned', text: 'copy of s038 to n1 planned', committed: true, heldBy: ['cp1', 'cp2', 'cp3'] },
      { index: 9, term: 1, kind: 'copy.planned', text: 'copy of s047 to n2 planned', committed: false, heldBy: ['cp1'] },
    ],
    failover: {
      from: 'cp1',
      to: 'cp2',
      term: 2,
      steps: [
        { step: 'leaderLost', atMs: 31_000, text: 'cp2 and cp3 heard nothing from cp1 for their election timeout' },
        { step: 'electionStarted', atMs: 32_100, text: 'cp2 stood for term 2' },
        { step: 'elected', atMs: 32_110, text: 'cp2 won term 2 with the votes of cp2 and cp3' },
      ],
      done: false,
    },
  };
}
