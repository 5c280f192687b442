import type { Metrics } from '../../types';
import type { World } from '../world';
import { journalLength } from './group';
import { journalOn } from './journal';

type ControlPlaneMetrics = Pick<Metrics, 'cpLeaderChanges' | 'cpLeaderlessMs' | 'cpUnavailableMs' | 'cpJournalEntries' | 'orphanCopies'>;

/** The control-plane group's metrics (design §8, §11.5); all 0 with one member. Times count the stretch under way. */
export function controlPlaneMetrics(w: World): ControlPlaneMetrics {
  const cp = w.controlPlane;
  const open = (since: number | null) => (since === null ? 0 : w.nowMs - since);
  return {
    cpLeaderChanges: cp.leaderChanges,
    cpLeaderlessMs: cp.leaderlessMs + open(cp.leaderlessSinceMs),
    cpUnavailableMs: cp.unavailableMs + open(cp.unavailableSinceMs),
    cpJournalEntries: journalOn(w) ? journalLength(w) : 0,
    orphanCopies: cp.orphanCopies,
  };
}
