// Goal: "next significant event" (Shift+→) walks a restart phase by phase: replay starts, replay finishes, the node
// verifies, plans its catch-up and is back in service; it never stops on a periodic checkpoint or a single record.
import { describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { isSignificant } from './significance';
import { ConsoleSession } from './session';

describe('next significant event through a restart', () => {
  it('stops at each replay phase, in order, and at nothing routine', () => {
    const s = { ...builtIn('primary-failover-rf3'), timeline: [] };
    const session = new ConsoleSession(s, 1, manualFrames());
    session.seek(3450);
    session.dispatch({ type: 'node.crash', node: 'n3' });
    session.seek(4450);
    // The restart itself writes the first phase (replay starts at once): that is where the learner stands.
    const atRestart = session.simulation.getTraceWindow().recorded;
    session.dispatch({ type: 'node.restart', node: 'n3' });
    const stops: string[][] = [session.simulation.getTrace(atRestart).filter(isSignificant).map((e) => e.kind)];
    for (let i = 0; i < 40 && !stops.flat().includes('node.reintegrated'); i++) {
      const before = session.simulation.getTraceWindow().recorded;
      session.stepToNextSignificant();
      stops.push(session.simulation.getTrace(before).filter(isSignificant).map((e) => e.kind));
    }
    const phases = stops.flat().filter((k) => /^(wal\.|node\.verif|catchup\.|node\.reintegrated|snapshot\.)/.test(k));
    expect(phases).toEqual(['wal.replayStarted', 'wal.replayFinished', 'node.verifying', 'node.verified', 'catchup.planned', 'node.reintegrated']);
    expect(stops.flat()).not.toContain('wal.checkpointed');
    // Each stop is on an event that carries news: none is all routine.
    for (const stop of stops) expect(stop.length).toBeGreaterThan(0);
  });
});
