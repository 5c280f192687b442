// Goal: the FailoverManager walks the ZeptoDB path in order, one node at a time, each step on its own timer, and falls
// back or waits exactly when configured to.
import { describe, expect, it } from 'vitest';
import { failoverManagerMachine, type FailoverManagerEvent } from './failover-manager.machine';
import { TimedWalk } from './timed-walk.test-helper';

const STEP = 100;
const defaults = { autoReReplicate: true, asyncReReplicate: true, migratorHasNodes: true, rehomeGraceMs: 0, controlPlaneStepMs: STEP };
const dead = (node: string): FailoverManagerEvent => ({ type: 'node.declaredDead', node });
const rejoined = (node: string): FailoverManagerEvent => ({ type: 'node.rejoined', node });
const run = (input: Partial<typeof defaults> = {}) => new TimedWalk(failoverManagerMachine, { ...defaults, ...input });

describe('failover manager machine (timers on the real event queue)', () => {
  it('walks router → coordinator → targets → migrate (async) → callback → idle, one control-plane step each', () => {
    const fm = run().send(dead('n3'));
    expect(fm.snapshot.context).toMatchObject({ current: 'n3', queue: [] });
    expect(fm.state).toBe('removingFromRouter');
    expect(fm.lastActions).toEqual(['removeFromRouter']);
    // Its step timer is on the queue, due one step later.
    expect(fm.pendingTimers).toBe(1);
    expect(fm.queue.peek()?.timeMs).toBe(STEP);
    fm.advance(STEP - 1);
    expect(fm.state).toBe('removingFromRouter');
    fm.advance(4 * STEP);
    expect(fm.states).toEqual(['removingFromRouter', 'removingFromCoordinator', 'computingTargets', 'callback', 'idle']);
    expect(fm.steps.map((s) => s.atMs)).toEqual([0, STEP, 2 * STEP, 3 * STEP, 4 * STEP]);
    expect(fm.steps[3]).toMatchObject({ event: 'xstate.after.controlPlaneStep.failoverManager.computingTargets' });
    expect(fm.steps[3].actions).toEqual(['startMigration', 'fireCallback']);
    expect(fm.snapshot.context.current).toBeNull();
    expect(fm.pendingTimers).toBe(0);
  });

  it('synchronous mode blocks in migrating, with no timer pending, until every copy finished', () => {
    const fm = run({ asyncReReplicate: false }).send(dead('n3')).advance(10 * STEP);
    expect(fm.state).toBe('migrating');
    expect(fm.pendingTimers).toBe(0);
    fm.send({ type: 'migration.finished' });
    expect(fm.state).toBe('callback');
    expect(fm.pendingTimers).toBe(1);
  });

  it('falls back to callback only when autoReReplicate is off or no node is registered', () => {
    for (const input of [{ autoReReplicate: false }, { migratorHasNodes: false }]) {
      const fm = run(input).send(dead('n3')).advance(4 * STEP);
      // ZeptoDB order: the targets are computed first; only then is the migrator asked (and found wanting).
      expect(fm.states.slice(2)).toEqual(['computingTargets', 'fallback', 'callback']);
      expect(fm.steps[3].actions).toEqual(['logFallbackWarning']);
    }
  });

  it('waits out the grace period on its own timer, and a return in time cancels that timer', () => {
    const elapsed = run({ rehomeGraceMs: 30_000 }).send(dead('n3')).advance(2 * STEP);
    expect(elapsed.state).toBe('waitingGrace');
    expect(elapsed.queue.peek()?.timeMs).toBe(2 * STEP + 30_000);
    elapsed.advance(30_000);
    expect(elapsed.state).toBe('computingTargets');

    const returned = run({ rehomeGraceMs: 30_000 }).send(dead('n3')).advance(2 * STEP);
    returned.send(rejoined('n3'));
    expect(returned.state).toBe('callback');
    expect(returned.lastActions).toContain('skipRehomingNodeReturned');
    expect(returned.snapshot.context.currentReturned).toBe(true);
    // Only the callback's step timer is left: the grace timer was taken off the queue, not left to fire.
    expect(returned.pendingTimers).toBe(1);
    returned.advance(40_000);
    expect(returned.states.slice(-2)).toEqual(['callback', 'idle']);
  });

  it('queues a second dead node and handles it after the first; a queued node that rejoins leaves the queue', () => {
    const fm = run().send(dead('n3')).send(dead('n5')).send(dead('n3')).advance(4 * STEP);
    expect(fm.snapshot.context.queue).toEqual([]);
    expect(fm.snapshot.context.current).toBe('n5');
    expect(fm.state).toBe('removingFromRouter');
    const left = run().send(dead('n3')).send(dead('n5')).send(rejoined('n5'));
    expect(left.snapshot.context.queue).toEqual([]);
  });

  it('applies config changes from config.set at any step, the step time included', () => {
    const fm = run().send(dead('n3'));
    fm.send({ type: 'config.changed', autoReReplicate: false, asyncReReplicate: true, migratorHasNodes: true, rehomeGraceMs: 0, controlPlaneStepMs: 1_000 });
    // The running step keeps its timer; the next step takes the new time.
    fm.advance(STEP);
    expect(fm.state).toBe('removingFromCoordinator');
    expect(fm.queue.peek()?.timeMs).toBe(STEP + 1_000);
    fm.advance(2_000);
    expect(fm.state).toBe('fallback');
  });

  it('a second death of the node it is handling queues a second path, which starts once this one ends', () => {
    const fm = run({ asyncReReplicate: false }).send(dead('n3')).advance(3 * STEP);
    fm.send(rejoined('n3')).send(dead('n3')).send({ type: 'migration.finished' }).advance(STEP);
    expect(fm.snapshot.context.queue).toEqual([]);
    expect(fm.snapshot.context.current).toBe('n3');
    expect(fm.states.slice(3)).toEqual(['migrating', 'migrating', 'migrating', 'callback', 'removingFromRouter']);
    // The path lets go of its shards before the next node's step 1.
    expect(fm.lastActions).toEqual(['releaseShards', 'removeFromRouter']);
  });
});
