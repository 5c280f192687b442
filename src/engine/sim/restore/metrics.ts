import type { Metrics } from '../../types';
import type { World } from '../world';

type RestoreMetrics = Pick<Metrics, 'restoreBytes' | 'rpoWrites' | 'rtoMs'>;

/** The backup and restore metrics (design §10, §11.5). */
export function restoreMetrics(_w: World): RestoreMetrics {
  return { restoreBytes: 0, rpoWrites: null, rtoMs: null };
}
