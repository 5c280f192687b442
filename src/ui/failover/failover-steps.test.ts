import { describe, expect, it } from 'vitest';
import { failoverPath } from './failover-steps';

describe('failoverPath', () => {
  it('lights the current step and marks earlier ones done', () => {
    const steps = failoverPath({ step: 'computingTargets', currentNode: 'n3', queuedNodes: [] }, 0);
    expect(steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'current', 'pending', 'pending']);
    expect(steps[0].detail).toContain('n3');
  });

  it('shows the fallback in the migrate slot', () => {
    const steps = failoverPath({ step: 'fallback', currentNode: 'n3', queuedNodes: [] }, 0);
    const slot = steps[4];
    expect(slot.status).toBe('current');
    expect(slot.title).toBe('Fall back');
  });

  it('counts the grace period as a real step when one is configured', () => {
    const steps = failoverPath({ step: 'waitingGrace', currentNode: 'n3', queuedNodes: [] }, 30_000);
    expect(steps[2]).toMatchObject({ status: 'current', title: 'Grace period' });
    expect(steps[2].detail).toContain('30 s');
  });

  it('is all pending when idle', () => {
    const steps = failoverPath({ step: 'idle', currentNode: null, queuedNodes: [] }, 5_000);
    expect(steps.every((s) => s.status === 'pending')).toBe(true);
  });
});
