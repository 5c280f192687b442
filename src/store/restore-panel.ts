import type { RestoreView, Simulation } from '../engine/index';

/**
 * What the console shows of backups and a cluster restore (design recovery-repair.md §10, §12): read once per publish
 * from `sim.getRestoreView()` — a few backups and one restore, small — and null until a backup exists, so a run
 * without backups costs nothing and its Metrics area looks as it always did.
 */
type WithRestore = Simulation & { getRestoreView?: () => RestoreView };

export function readRestore(sim: Simulation): RestoreView | null {
  const view = (sim as WithRestore).getRestoreView?.() ?? null;
  return view === null || view.backups.length === 0 ? null : view;
}
