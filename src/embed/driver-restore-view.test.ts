// Goal: a test author reads backups and the restore's RPO and RTO through window.failoverLab, over the real worker protocol.
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { createLocalConsole } from '../worker/local-console';
import { createDriver } from './driver-api';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe('driver getRestoreView', () => {
  it('shows the backup and the finished restore with RPO writes and RTO', async () => {
    const s = scenario({
      id: 'restore-driver',
      nodes: 6,
      shards: 6,
      shardSizeBytes: 16 * 1024 * 1024,
      workload: { writesPerSec: 10 },
      timeline: [
        { atMs: 2000, command: { type: 'backup.take', id: 'b1' } },
        { atMs: 4000, command: { type: 'cluster.restore', backup: 'b1' } },
      ],
    });
    const local = createLocalConsole(s, s.seed);
    open.push(local.client);
    await local.ready;
    const lab = createDriver(local.client, local.ready);
    expect((await lab.getRestoreView()).backups).toEqual([]);
    await lab.advanceBy(8000);
    const view = await lab.getRestoreView();
    expect(view.backups.map((b) => b.id)).toEqual(['b1']);
    expect(view.restore!.phase).toBe('finished');
    expect(view.restore!.rpoWrites).toBe((await lab.getState()).metrics.rpoWrites);
    expect(view.restore!.rpoWrites).toBeGreaterThan(0);
    expect(view.restore!.rto.rtoMs).toBe((await lab.getState()).metrics.rtoMs);
  });
});
