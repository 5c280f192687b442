import type { Metrics } from '../../types';
import type { World } from '../world';

type ControlPlaneMetrics = Pick<Metrics, 'cpLeaderChanges' | 'cpLeaderlessMs' | 'cpUnavailableMs' | 'cpJournalEntries' | 'orphanCopies'>;

/** The control-plane group's metrics (design §8, §11.5). */
export function controlPlaneMetrics(_w: World): ControlPlaneMetrics {
  return { cpLeaderChanges: 0, cpLeaderlessMs: 0, cpUnavailableMs: 0, cpJournalEntries: 0, orphanCopies: 0 };
}
