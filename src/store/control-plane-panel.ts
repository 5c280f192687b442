import type { ControlPlaneView, JournalEntryView, Simulation } from '../engine/index';

/**
 * What the console shows of a control plane group (design recovery-repair.md §8, §12): its members with role, term
 * and journal index, the leader failover under way or last, and, only while the journal view is open, the newest
 * journal entries. Read once per publish from `sim.getControlPlaneView()`; null with one member, so a run with the
 * plain control plane `cp` costs nothing and its map looks as it always did.
 */
export interface ControlPlanePanelView {
  /** Members, leader, term, commit index and the failover steps: small (three members), read on every publish. */
  group: Omit<ControlPlaneView, 'entries'>;
  /** The newest journal entries, oldest first, read only while the journal view is open; null while it is closed. */
  entries: readonly JournalEntryView[] | null;
}

export function readControlPlane(sim: Simulation, journalOpen: boolean): ControlPlanePanelView | null {
  const view = sim.getControlPlaneView();
  if (view.members.length <= 1) return null;
  const { entries, ...group } = view;
  return { group, entries: journalOpen ? entries : null };
}
