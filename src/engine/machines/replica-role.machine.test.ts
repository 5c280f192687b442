// Goal: every role a replica can take, reached from the facts a learner can create (crash, cut, election, lag).
import { describe, expect, it } from 'vitest';
import type { RoleFacts } from './replica-role.machine';
import { RoleStepper } from './role-stepper';

const calm: RoleFacts = { up: true, isPrimary: false, hasQuorum: true, hasPrimary: true, linkedToPrimary: true, caughtUp: true };

describe('replica-role machine', () => {
  const roles = new RoleStepper();
  const next = (facts: Partial<RoleFacts>, from: Parameters<RoleStepper['next']>[0] = 'secondary') =>
    roles.next(from, { ...calm, ...facts });

  it('a caught-up replica that hears its primary is a secondary; one that lags is catching up', () => {
    expect(next({})).toBe('secondary');
    expect(next({ caughtUp: false })).toBe('catchingUp');
    expect(next({}, 'catchingUp')).toBe('secondary');
  });

  it('the primary leads while it reaches a majority, and waits for quorum when it does not', () => {
    expect(next({ isPrimary: true })).toBe('primary');
    expect(next({ isPrimary: true, hasQuorum: false }, 'primary')).toBe('waitingForQuorum');
    expect(next({ isPrimary: true }, 'waitingForQuorum')).toBe('primary');
  });

  it('a down replica is disconnected whatever else holds, and so is one cut off from the primary', () => {
    expect(next({ up: false, isPrimary: true }, 'primary')).toBe('disconnected');
    expect(next({ linkedToPrimary: false })).toBe('disconnected');
  });

  it('with no primary at all, a live replica waits for one; an election ends the wait', () => {
    expect(next({ hasPrimary: false, linkedToPrimary: false })).toBe('waitingForPrimary');
    expect(next({ caughtUp: false }, 'waitingForPrimary')).toBe('catchingUp');
    expect(next({ isPrimary: true }, 'waitingForPrimary')).toBe('primary');
  });

  it('answers the same for the same (role, facts), memo or not', () => {
    const fresh = new RoleStepper();
    for (const role of ['primary', 'secondary', 'disconnected'] as const)
      expect(fresh.next(role, { ...calm, caughtUp: false })).toBe(roles.next(role, { ...calm, caughtUp: false }));
  });
});
