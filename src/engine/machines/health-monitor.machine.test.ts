// Goal: the monitor's belief moves ACTIVE → SUSPECT → DEAD → REJOINING → ACTIVE only on the facts that justify each step.
import { describe, expect, it } from 'vitest';
import { healthMonitorMachine, type HealthMonitorEvent } from './health-monitor.machine';
import { walk } from './walk.test-helper';

const input = { nodeId: 'n3' };
const suspect: HealthMonitorEvent = { type: 'silence.suspectThresholdPassed' };
const dead: HealthMonitorEvent = { type: 'silence.deadThresholdPassed' };
const heard: HealthMonitorEvent = { type: 'heartbeat.received' };
const resynced: HealthMonitorEvent = { type: 'resync.completed' };

describe('health monitor machine', () => {
  it('a silent node becomes SUSPECT, then DEAD', () => {
    const run = walk(healthMonitorMachine, input, [suspect, dead]);
    expect(run.states).toEqual(['SUSPECT', 'DEAD']);
    expect(run.actions).toEqual([['announceSuspect'], ['declareDead']]);
  });

  it('a heartbeat while SUSPECT clears the suspicion', () => {
    const run = walk(healthMonitorMachine, input, [suspect, heard]);
    expect(run.states).toEqual(['SUSPECT', 'ACTIVE']);
    expect(run.actions[1]).toEqual(['announceRecovered']);
  });

  it('a DEAD node that is heard again rejoins only after it has resynced', () => {
    const run = walk(healthMonitorMachine, input, [suspect, dead, heard, heard, resynced]);
    expect(run.states).toEqual(['SUSPECT', 'DEAD', 'REJOINING', 'REJOINING', 'ACTIVE']);
    expect(run.actions[2]).toEqual(['beginResync']);
    expect(run.actions[4]).toEqual(['announceRejoined']);
  });

  it('a rejoining node that falls silent again is DEAD again, without passing SUSPECT', () => {
    const run = walk(healthMonitorMachine, input, [suspect, dead, heard, suspect]);
    expect(run.states.at(-1)).toBe('DEAD');
    expect(run.actions.at(-1)).toEqual(['abandonResync']);
  });

  it('skipping a step is impossible: DEAD needs SUSPECT first, and heartbeats to an ACTIVE node change nothing', () => {
    const run = walk(healthMonitorMachine, input, [dead, heard, resynced]);
    expect(run.states).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    expect(run.actions.flat()).toEqual([]);
  });
});
