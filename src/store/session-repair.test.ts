// Goal: the Repair panel reads the engine through the store like the Log view: while open, with a shard selected,
// the view-model carries that shard's repair view (or, with primary replication, says there is none to draw);
// closed, or with a node selected, it reads nothing.
import { describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';

describe('ConsoleSession repair panel', () => {
  it('reads the selected shard only while the panel is open, and keeps the picked pair', () => {
    const s = builtIn('rehome-worked-example');
    const session = new ConsoleSession(s, s.seed, manualFrames());
    session.select({ kind: 'shard', id: 's001' });
    session.flush();
    expect(session.store.getState().repairPanel).toEqual({ open: false, pair: null, view: null });

    session.showRepair(true, ['n1', 'n2']);
    session.flush();
    expect(session.store.getState().repairPanel).toEqual({
      open: true,
      pair: ['n1', 'n2'],
      view: { shard: 's001', replication: 'primary', view: null },
    });

    session.select({ kind: 'node', id: 'n1' });
    session.flush();
    expect(session.store.getState().repairPanel.view).toBeNull();

    session.showRepair(false);
    session.select({ kind: 'shard', id: 's001' });
    session.flush();
    expect(session.store.getState().repairPanel).toEqual({ open: false, pair: null, view: null });
  });
});
