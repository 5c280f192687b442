import type { ControlPlaneView, CpMemberRole } from '../../control-plane-types';
import { describeEntry } from '../../model/cp-journal';
import type { World } from '../world';
import { isMemberUp } from './group';
import { leaderRow } from './journal';
import type { CpMemberRow } from './state';

const ENTRIES_SHOWN = 50;

function roleOf(w: World, m: CpMemberRow): CpMemberRole {
  if (!isMemberUp(m)) return 'down';
  if (w.controlPlane.leader === m.index) return 'leader';
  return m.machine.value === 'candidate' ? 'candidate' : 'follower';
}

/** `sim.getControlPlaneView()`: one member "cp" when the control plane is not a group. */
export function buildControlPlaneView(w: World): ControlPlaneView {
  const cp = w.controlPlane;
  if (cp.members.length === 0)
    return {
      members: [{ id: 'cp', up: true, role: 'leader', term: 1, journalIndex: 0, appliedIndex: 0 }],
      leader: 'cp',
      term: 1,
      commitIndex: 0,
      journal: false,
      standby: cp.config.standby,
      snapshotIndex: 0,
      entries: [],
      failover: null,
    };
  const leader = leaderRow(w);
  // The journal shown is the leader's, or the longest any member holds while there is none.
  const source = leader ?? [...cp.members].sort((a, b) => b.log.length - a.log.length)[0];
  const log = source.log.filter((r) => r.entry.type !== 'noop' || cp.config.journal);
  return {
    members: cp.members.map((m) => ({ id: m.id, up: isMemberUp(m), role: roleOf(w, m), term: m.term, journalIndex: m.log.length, appliedIndex: m.appliedIndex })),
    leader: leader?.id ?? null,
    term: leader?.term ?? Math.max(...cp.members.map((m) => m.term)),
    commitIndex: cp.commitIndex,
    journal: cp.config.journal,
    standby: cp.config.standby,
    snapshotIndex: cp.snapshotIndex,
    entries: log.slice(-ENTRIES_SHOWN).map((r) => ({
      index: r.index,
      term: r.term,
      kind: r.entry.type,
      text: describeEntry(r.entry),
      committed: r.index <= cp.commitIndex,
      heldBy: cp.members.filter((m) => m.log[r.index - 1]?.term === r.term).map((m) => m.id),
    })),
    failover: cp.failover === null ? null : { ...cp.failover, steps: cp.failover.steps.map((s) => ({ ...s })) },
  };
}
