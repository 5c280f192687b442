// Goal: an action the machine names but the engine does not implement, or implements under a misspelled name, fails to
// compile (tsc checks this file; the @ts-expect-error lines fail the typecheck if the mistake were ever accepted).
import { describe, expect, it } from 'vitest';
import type { FailoverManagerEffect } from './failover-manager.machine';
import { runEffect, type EffectHandlers } from './machine-step';

const noop = () => {};
const complete: EffectHandlers<FailoverManagerEffect, null> = {
  removeFromRouter: noop,
  removeFromCoordinator: noop,
  announceGrace: noop,
  skipRehomingNodeReturned: noop,
  computeTargets: noop,
  startMigration: noop,
  logFallbackWarning: noop,
  fireCallback: noop,
  releaseShards: noop,
};

// @ts-expect-error — removeFromRouter has no handler
const missing: EffectHandlers<FailoverManagerEffect, null> = { ...complete, removeFromRouter: undefined };

const misspelled: EffectHandlers<FailoverManagerEffect, null> = {
  ...complete,
  // @ts-expect-error — no machine names an action removeFromRoutr
  removeFromRoutr: noop,
};

describe('typed effect handlers', () => {
  it('runs the named handler, and skips xstate’s own actions', () => {
    const ran: string[] = [];
    const handlers = { ...complete, fireCallback: () => ran.push('fireCallback') };
    runEffect(handlers, 'fireCallback', null);
    runEffect(handlers, 'xstate.assign', null);
    expect(ran).toEqual(['fireCallback']);
    expect([missing, misspelled]).toHaveLength(2);
  });
});
