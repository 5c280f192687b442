// Goal: the console reads the control plane group through the store: with three members its roles, terms and
// failover steps arrive on every publish, its journal entries only while the journal view is open; a run with
// the one plain `cp` carries nothing, so its map and frames are as before.
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../engine/index';
import { midFailoverView } from '../testing/control-plane-fixture';
import { builtIn } from '../testing/load-scenario';
import { readControlPlane } from './control-plane-panel';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';

const simWith = (view: ReturnType<typeof midFailoverView>) => ({ getControlPlaneView: () => view }) as unknown as Simulation;

describe('readControlPlane', () => {
  it('gives the members and the failover every publish, the journal entries only while the journal view is open', () => {
    const closed = readControlPlane(simWith(midFailoverView()), false)!;
    expect(closed.group.members.map((m) => `${m.id}:${m.role}`)).toEqual(['cp1:down', 'cp2:leader', 'cp3:follower']);
    expect(closed.group.failover?.to).toBe('cp2');
    expect(closed.entries).toBeNull();
    expect('entries' in closed.group).toBe(false);

    const open = readControlPlane(simWith(midFailoverView()), true)!;
    expect(open.entries?.filter((e) => !e.committed).map((e) => e.index)).toEqual([9]);
  });

  it('is null with one member (the plain cp)', () => {
    const one = { ...midFailoverView(), members: [{ id: 'cp', up: true, role: 'leader' as const, term: 1, journalIndex: 0, appliedIndex: 0 }] };
    expect(readControlPlane(simWith(one), true)).toBeNull();
  });
});

describe('ConsoleSession control plane', () => {
  it('keeps the journal view open or closed as the page says, and has no group on a one-member run', () => {
    const s = builtIn('rehome-worked-example');
    const session = new ConsoleSession(s, s.seed, manualFrames());
    session.flush();
    expect(session.store.getState().controlPlane).toEqual({ journalOpen: false, view: null });
    session.showJournal(true);
    session.flush();
    expect(session.store.getState().controlPlane).toEqual({ journalOpen: true, view: null });
  });
});
