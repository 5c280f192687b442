import { setup } from 'xstate';

/**
 * The control plane's belief about one node, ZeptoDB HealthMonitor style:
 * ACTIVE → SUSPECT (silent for suspectAfterMs) → DEAD (silent for deadAfterMs).
 * A heartbeat while SUSPECT clears the suspicion; a heartbeat from a DEAD node
 * makes it REJOINING until it has resynced.
 *
 * The machine never measures time itself: the engine tracks the last
 * heartbeat and sends `silence.*` facts when a threshold passes, so thousands
 * of heartbeats cost no machine transitions at all.
 */
export type HealthMonitorEvent =
  | { type: 'heartbeat.received' }
  | { type: 'silence.suspectThresholdPassed' }
  | { type: 'silence.deadThresholdPassed' }
  | { type: 'resync.completed' };

/** What the engine carries out for the monitor (heartbeats.ts holds one handler per name). */
const healthMonitorEffects = {
  announceSuspect: () => {},
  announceRecovered: () => {},
  declareDead: () => {},
  beginResync: () => {},
  abandonResync: () => {},
  announceRejoined: () => {},
};
export type HealthMonitorEffect = keyof typeof healthMonitorEffects;

export const healthMonitorMachine = setup({
  types: {
    context: {} as { nodeId: string },
    events: {} as HealthMonitorEvent,
    input: {} as { nodeId: string },
  },
  actions: healthMonitorEffects,
}).createMachine({
  id: 'healthMonitor',
  initial: 'ACTIVE',
  context: ({ input }) => ({ nodeId: input.nodeId }),
  states: {
    ACTIVE: {
      on: { 'silence.suspectThresholdPassed': { target: 'SUSPECT', actions: 'announceSuspect' } },
    },
    SUSPECT: {
      on: {
        'heartbeat.received': { target: 'ACTIVE', actions: 'announceRecovered' },
        'silence.deadThresholdPassed': { target: 'DEAD', actions: 'declareDead' },
      },
    },
    DEAD: {
      on: { 'heartbeat.received': { target: 'REJOINING', actions: 'beginResync' } },
    },
    REJOINING: {
      on: {
        'resync.completed': { target: 'ACTIVE', actions: 'announceRejoined' },
        // Silent again before resync finished: it never really came back.
        'silence.suspectThresholdPassed': { target: 'DEAD', actions: 'abandonResync' },
      },
    },
  },
});
