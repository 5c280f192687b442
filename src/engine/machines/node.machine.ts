import { assign, setup } from 'xstate';

/**
 * The truth about one node's process: is it running? A crash keeps the disk;
 * a restart replays the write-ahead log before the node serves again; a
 * destroyed node has lost its disk for good.
 *
 * Actions are named effects that the engine carries out:
 * - haltProcess: stop heartbeats and break the node's copy streams.
 * - beginWalReplay: tell the learner the replay started; the machine's own
 *   timer (`after walReplay`, the scenario's walReplayMs) ends it.
 * - resumeService: start heartbeating again.
 * - wipeDisk: forget every replica stored on the node.
 */
export type NodeMachineEvent =
  | { type: 'cmd.node.crash' }
  /** walReplayMs: how long the replay takes (the scenario's param when the restart is asked for). */
  | { type: 'cmd.node.restart'; walReplayMs: number }
  | { type: 'cmd.node.destroy' };

/** What the engine carries out for a node (node-lifecycle.ts holds one handler per name). */
const nodeEffects = {
  haltProcess: () => {},
  beginWalReplay: () => {},
  resumeService: () => {},
  wipeDisk: () => {},
};
export type NodeEffect = keyof typeof nodeEffects;

export const nodeMachine = setup({
  types: {
    context: {} as { nodeId: string; walReplayMs: number },
    events: {} as NodeMachineEvent,
    input: {} as { nodeId: string },
  },
  actions: {
    ...nodeEffects,
    rememberReplayTime: assign(({ event }) => (event.type === 'cmd.node.restart' ? { walReplayMs: event.walReplayMs } : {})),
  },
  delays: {
    walReplay: ({ context }) => context.walReplayMs,
  },
}).createMachine({
  id: 'node',
  initial: 'up',
  context: ({ input }) => ({ nodeId: input.nodeId, walReplayMs: 0 }),
  states: {
    up: {
      on: {
        'cmd.node.crash': { target: 'crashed', actions: 'haltProcess' },
        'cmd.node.destroy': { target: 'destroyed', actions: ['haltProcess', 'wipeDisk'] },
      },
    },
    crashed: {
      on: {
        'cmd.node.restart': { target: 'restarting', actions: ['rememberReplayTime', 'beginWalReplay'] },
        'cmd.node.destroy': { target: 'destroyed', actions: 'wipeDisk' },
      },
    },
    restarting: {
      after: { walReplay: { target: 'up', actions: 'resumeService' } },
      on: {
        'cmd.node.crash': { target: 'crashed', actions: 'haltProcess' },
        'cmd.node.destroy': { target: 'destroyed', actions: ['haltProcess', 'wipeDisk'] },
      },
    },
    destroyed: { type: 'final' },
  },
});
