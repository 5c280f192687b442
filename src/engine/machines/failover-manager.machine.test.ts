// Goal: the FailoverManager walks the ZeptoDB path in order, one node at a time, and falls back or waits exactly when configured to.
import { describe, expect, it } from 'vitest';
import { failoverManagerMachine, type FailoverManagerEvent } from './failover-manager.machine';
import { walk } from './walk.test-helper';

const defaults = { autoReReplicate: true, asyncReReplicate: true, migratorHasNodes: true, rehomeGraceMs: 0 };
const dead = (node: string): FailoverManagerEvent => ({ type: 'node.declaredDead', node });
const rejoined = (node: string): FailoverManagerEvent => ({ type: 'node.rejoined', node });
const stepDone: FailoverManagerEvent = { type: 'step.done' };

describe('failover manager machine', () => {
  it('walks router → coordinator → targets → migrate (async) → callback → idle', () => {
    const first = walk(failoverManagerMachine, defaults, [dead('n3')]);
    expect(first.snapshot.context).toMatchObject({ current: 'n3', queue: [] });
    const run = walk(failoverManagerMachine, defaults, [dead('n3'), stepDone, stepDone, stepDone, stepDone]);
    expect(run.states).toEqual(['removingFromRouter', 'removingFromCoordinator', 'computingTargets', 'callback', 'idle']);
    // assign() actions update the context inside xstate; only the effects reach the engine.
    expect(run.actions[0]).toEqual(['removeFromRouter', 'scheduleStep']);
    expect(run.actions[2]).toEqual(['computeTargets', 'scheduleStep']);
    expect(run.actions[3]).toEqual(['startMigration', 'fireCallback', 'scheduleStep']);
    expect(run.snapshot.context.current).toBeNull();
  });

  it('synchronous mode blocks in migrating until every copy finished', () => {
    const run = walk(failoverManagerMachine, { ...defaults, asyncReReplicate: false }, [
      dead('n3'),
      stepDone,
      stepDone,
      stepDone,
      stepDone,
      { type: 'migration.finished' },
    ]);
    expect(run.states.slice(3)).toEqual(['migrating', 'migrating', 'callback']);
  });

  it('falls back to callback only when autoReReplicate is off or no node is registered', () => {
    for (const input of [{ ...defaults, autoReReplicate: false }, { ...defaults, migratorHasNodes: false }]) {
      const run = walk(failoverManagerMachine, input, [dead('n3'), stepDone, stepDone, stepDone, stepDone]);
      // ZeptoDB order: the targets are computed first; only then is the migrator asked (and found wanting).
      expect(run.states[2]).toBe('computingTargets');
      expect(run.actions[2]).toEqual(['computeTargets', 'scheduleStep']);
      expect(run.states.slice(3)).toEqual(['fallback', 'callback']);
      expect(run.actions[3]).toEqual(['logFallbackWarning', 'scheduleStep']);
    }
  });

  it('waits out a grace period, and skips re-homing when the node returns in time', () => {
    const graced = { ...defaults, rehomeGraceMs: 30_000 };
    const elapsed = walk(failoverManagerMachine, graced, [dead('n3'), stepDone, stepDone, { type: 'grace.elapsed' }]);
    expect(elapsed.states.slice(2)).toEqual(['waitingGrace', 'computingTargets']);
    const returned = walk(failoverManagerMachine, graced, [dead('n3'), stepDone, stepDone, rejoined('n3')]);
    expect(returned.states.at(-1)).toBe('callback');
    expect(returned.actions.at(-1)).toContain('skipRehomingNodeReturned');
    expect(returned.snapshot.context.currentReturned).toBe(true);
  });

  it('queues a second dead node and handles it after the first; a queued node that rejoins leaves the queue', () => {
    const run = walk(failoverManagerMachine, defaults, [dead('n3'), dead('n5'), dead('n3'), stepDone, stepDone, stepDone, stepDone]);
    expect(run.snapshot.context.queue).toEqual([]);
    expect(run.snapshot.context.current).toBe('n5');
    expect(run.states.at(-1)).toBe('removingFromRouter');
    const left = walk(failoverManagerMachine, defaults, [dead('n3'), dead('n5'), rejoined('n5')]);
    expect(left.snapshot.context.queue).toEqual([]);
  });

  it('applies config changes from config.set at any step', () => {
    const run = walk(failoverManagerMachine, defaults, [
      dead('n3'),
      { type: 'config.changed', autoReReplicate: false, asyncReReplicate: true, migratorHasNodes: true, rehomeGraceMs: 0 },
      stepDone,
      stepDone,
      stepDone,
    ]);
    expect(run.states.at(-1)).toBe('fallback');
  });

  it('a second death of the node it is handling queues a second path, which starts once this one ends', () => {
    const run = walk(failoverManagerMachine, { ...defaults, asyncReReplicate: false }, [
      dead('n3'),
      stepDone,
      stepDone,
      stepDone,
      rejoined('n3'),
      dead('n3'),
      { type: 'migration.finished' },
      stepDone,
    ]);
    expect(run.snapshot.context.queue).toEqual([]);
    expect(run.snapshot.context.current).toBe('n3');
    expect(run.states.slice(3)).toEqual(['migrating', 'migrating', 'migrating', 'callback', 'removingFromRouter']);
    // The path lets go of its shards before the next node's step 1.
    expect(run.actions[7]).toEqual(['releaseShards', 'removeFromRouter', 'scheduleStep']);
  });
});
