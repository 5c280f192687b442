// Goal: the Log view reads the engine through the store: while open, with a node selected, the view-model carries
// that node's write-ahead log (records since the checkpoint) and where each recovery mode would stop; closed, it
// costs nothing.
import { describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';

describe('ConsoleSession log view', () => {
  it('an open Log view shows the selected node’s records after clients wrote, and the four mode previews', () => {
    const s = builtIn('primary-failover-rf3');
    const session = new ConsoleSession(s, s.seed, manualFrames());
    session.seek(3000);
    session.select({ kind: 'node', id: 'n2' });
    session.flush();
    expect(session.store.getState().log).toEqual({ open: false, view: null });

    session.showLog(true);
    session.flush();
    const view = session.store.getState().log.view!;
    expect(view.node).toBe('n2');
    expect(view.wal!.node).toBe('n2');
    expect(view.wal!.records.some((r) => r.type === 'PUT' && r.shard !== null)).toBe(true);
    expect(view.previews.map((p) => p.mode).sort()).toEqual(['absoluteConsistency', 'pointInTime', 'skipAnyCorrupted', 'tolerateCorruptedTail']);

    session.select({ kind: 'shard', id: 's001' });
    session.flush();
    expect(session.store.getState().log).toEqual({ open: true, view: null });
  });
});
