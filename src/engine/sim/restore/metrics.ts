import type { Metrics } from '../../types';
import type { World } from '../world';

type RestoreMetrics = Pick<Metrics, 'restoreBytes' | 'rpoWrites' | 'rtoMs'>;

/** The backup and restore metrics (design §10, §11.5): bytes loaded by every restore; the latest restore's RPO and RTO. */
export function restoreMetrics(w: World): RestoreMetrics {
  const run = w.backups.restore;
  return { restoreBytes: w.backups.restoreBytes, rpoWrites: run?.rpoWrites ?? null, rtoMs: run && run.finishedAtMs !== null ? run.rtoMs : null };
}
