import { describe, expect, it } from 'vitest';
import type { FailoverEvent } from '../../engine/index';
import { backgroundRebuild, failoverPath } from './failover-steps';

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

  it('stays on the migrate step while the failed node’s copies run in the background (async re-replication)', () => {
    const steps = failoverPath({ step: 'idle', currentNode: null, queuedNodes: [] }, 0, { nodes: ['n3'], inFlight: 17, queued: 183 });
    const current = steps.filter((s) => s.status === 'current');
    expect(current.map((s) => s.key)).toEqual(['migrating']);
    expect(current[0].detail).toContain('17 copies in flight, 183 queued');
    expect(steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'done', 'current', 'done']);
    expect(steps[0].detail).toContain('n3');
  });
});

describe('backgroundRebuild', () => {
  const event = (failedNode: string, over: Partial<FailoverEvent> = {}): FailoverEvent =>
    ({
      failedNode,
      crashedAtMs: 5000,
      declaredDeadAtMs: 14_472,
      detectionDelayMs: 9472,
      targetsComputedAtMs: 14_672,
      callbackFiredAtMs: 14_772,
      completedAtMs: null,
      affectedShards: 200,
      targets: 200,
      reReplicationAttempted: true,
      reReplicationSucceeded: false,
      fallbackReason: null,
      ...over,
    }) as FailoverEvent;

  it('names every failed node whose re-replication is still running, with the copy counts', () => {
    expect(backgroundRebuild([event('n3'), event('n5')], { copiesInFlight: 10, copiesQueued: 190 })).toEqual({ nodes: ['n3', 'n5'], inFlight: 10, queued: 190 });
  });

  it('is null once the copies are done, or when re-replication was never attempted', () => {
    expect(backgroundRebuild([event('n3', { completedAtMs: 55_776, reReplicationSucceeded: true })], { copiesInFlight: 0, copiesQueued: 0 })).toBeNull();
    expect(backgroundRebuild([event('n3', { reReplicationAttempted: false })], { copiesInFlight: 0, copiesQueued: 0 })).toBeNull();
  });
});
