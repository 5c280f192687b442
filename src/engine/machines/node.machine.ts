import { setup } from 'xstate';

/**
 * The truth about one node's process: is it running? A crash keeps the disk;
 * a restart replays the write-ahead log before the node serves again; a
 * destroyed node has lost its disk for good.
 *
 * Actions are named effects that the engine carries out:
 * - haltProcess: stop heartbeats and break the node's copy streams.
 * - beginWalReplay: schedule `wal.replayed` after the replay time.
 * - resumeService: start heartbeating again.
 * - wipeDisk: forget every replica stored on the node.
 */
export type NodeMachineEvent =
  | { type: 'cmd.node.crash' }
  | { type: 'cmd.node.restart' }
  | { type: 'cmd.node.destroy' }
  | { type: 'wal.replayed' };

export const nodeMachine = setup({
  types: {
    context: {} as { nodeId: string },
    events: {} as NodeMachineEvent,
    input: {} as { nodeId: string },
  },
  actions: {
    haltProcess: () => {},
    beginWalReplay: () => {},
    resumeService: () => {},
    wipeDisk: () => {},
  },
}).createMachine({
  id: 'node',
  initial: 'up',
  context: ({ input }) => ({ nodeId: input.nodeId }),
  states: {
    up: {
      on: {
        'cmd.node.crash': { target: 'crashed', actions: 'haltProcess' },
        'cmd.node.destroy': { target: 'destroyed', actions: ['haltProcess', 'wipeDisk'] },
      },
    },
    crashed: {
      on: {
        'cmd.node.restart': { target: 'restarting', actions: 'beginWalReplay' },
        'cmd.node.destroy': { target: 'destroyed', actions: 'wipeDisk' },
      },
    },
    restarting: {
      on: {
        'wal.replayed': { target: 'up', actions: 'resumeService' },
        'cmd.node.crash': { target: 'crashed', actions: 'haltProcess' },
        'cmd.node.destroy': { target: 'destroyed', actions: ['haltProcess', 'wipeDisk'] },
      },
    },
    destroyed: { type: 'final' },
  },
});
