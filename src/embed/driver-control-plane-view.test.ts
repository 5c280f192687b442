// Goal: a test author watches the control plane's leader failover through window.failoverLab, over the real worker protocol.
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { createLocalConsole } from '../worker/local-console';
import { createDriver } from './driver-api';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

async function driverFor(raw: Record<string, unknown>) {
  const s = scenario(raw);
  const local = createLocalConsole(s, s.seed);
  open.push(local.client);
  await local.ready;
  return createDriver(local.client, local.ready);
}

describe('driver getControlPlaneView', () => {
  it('shows the new leader, its term and the failover steps after cp1 crashes', async () => {
    const lab = await driverFor({
      id: 'cp-driver',
      nodes: 6,
      shards: 12,
      controlPlane: { members: 3, journal: true, standby: 'hot' },
      timeline: [{ atMs: 1000, command: { type: 'cp.crash', member: 'cp1' } }],
    });
    expect((await lab.getControlPlaneView()).leader).toBe('cp1');
    await lab.advanceBy(5000);
    const view = await lab.getControlPlaneView();
    expect(['cp2', 'cp3']).toContain(view.leader);
    expect(view.term).toBe(2);
    expect(view.failover!.steps.at(-1)!.step).toBe('monitorRestarted');
    expect((await lab.getState()).failoverManager.leader).toBe(view.leader);
  });

  it('with one member: a single "cp" that leads', async () => {
    const lab = await driverFor({ id: 'cp-one', nodes: 3, shards: 3 });
    const view = await lab.getControlPlaneView();
    expect(view.members.map((m) => m.id)).toEqual(['cp']);
    expect((await lab.getState()).failoverManager.leader).toBe('cp');
  });
});
