// Goal: the statechart panel reads machines through the store: an open panel carries each machine's live state and
// last transition, which move with the run forward and back; a closed panel costs nothing.
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';

const small = () => scenario({ id: 'small', nodes: 5, shards: 40, shardSizeBytes: 8 * 1024 * 1024 });
const monitor = { kind: 'healthMonitor', id: 'n3' } as const;

describe('ConsoleSession machines', () => {
  it('an open panel shows n3 health monitor go ACTIVE → SUSPECT → DEAD after a crash, and back when stepping back', () => {
    const s = small();
    const session = new ConsoleSession(s, s.seed, manualFrames());
    session.flush();
    expect(session.store.getState().machines.views).toEqual({});

    session.showMachines('inspector', [monitor, { kind: 'node', id: 'n3' }]);
    session.flush();
    const view = () => session.store.getState().machines.views['healthMonitor:n3']!;
    expect(session.store.getState().machines.open.inspector).toHaveLength(2);
    expect(view().active).toEqual(['ACTIVE']);
    expect(view().graph.states.map((st) => st.id)).toEqual(expect.arrayContaining(['ACTIVE', 'SUSPECT', 'DEAD', 'REJOINING']));

    session.seek(2000);
    session.dispatch({ type: 'node.crash', node: 'n3' });
    session.seek(40_000);
    session.flush();
    expect(view().active).toEqual(['DEAD']);
    expect(view().last).toMatchObject({ from: ['SUSPECT'], to: ['DEAD'] });
    expect(session.store.getState().machines.views['node:n3']!.active).toEqual(['crashed']);

    // Back to just after the crash: cp still believes n3 is ACTIVE.
    session.seek(2500);
    session.flush();
    expect(view().active).toEqual(['ACTIVE']);

    session.showMachines('inspector', null);
    session.flush();
    expect(session.store.getState().machines).toEqual({ open: {}, views: {} });
  });
});
