import { assign, setup } from 'xstate';

/**
 * The truth about one node's process: is it running? A crash keeps the disk; a restart is local recovery
 * (design recovery-repair.md §3.5, §4, §5.1) before the node serves again; a destroyed node has lost its
 * disk for good; a rebuilt one comes back empty.
 *
 * restarting:
 *   loadingSnapshot (memory stores with a snapshot; the machine's own timer, snapshotLoadMs)
 *   → replaying (the engine replays the log as `wal.replayStep` events, each after the time its records cost,
 *     and says `wal.replayFinished` or `wal.replayRefused`)
 *   → verifying (the machine's own timer, verifyMs: verifyOnRestart's read of the replicas) → up
 *   refused: the recovery mode will not start on what the log holds; a restart (under another mode) or a
 *   rebuild gets it out.
 *
 * Actions are named effects that the engine carries out (node-lifecycle.ts, local-recovery.ts):
 * - haltProcess: stop heartbeats, break the node's copy streams, stop a replay in progress.
 * - beginRecovery: the process starts again and reads its control file.
 * - announceSnapshotLoaded / beginReplay: the snapshot is in memory; the replay's first step is scheduled.
 * - announceRefused: the node stays down (the engine said why in the replay's last entry).
 * - beginVerify / announceVerified: verifyOnRestart reads the replicas; they passed.
 * - resumeService: heartbeat again.
 * - wipeDisk: forget every replica stored on the node (destroyed).
 * - rebuildDisk: wipe the disk and the log; the control plane re-homes what the node held.
 */
export type NodeMachineEvent =
  | { type: 'cmd.node.crash' }
  /** snapshotLoadMs: how long loading the snapshot takes, or null when the node has none to load (page stores). */
  | { type: 'cmd.node.restart'; snapshotLoadMs: number | null }
  | { type: 'cmd.node.destroy' }
  | { type: 'cmd.node.rebuild' }
  /** verifyMs: how long verifyOnRestart takes on what the node holds (0 for none or metadata). */
  | { type: 'wal.replayFinished'; verifyMs: number }
  | { type: 'wal.replayRefused' };

/** What the engine carries out for a node (node-lifecycle.ts holds one handler per name). */
const nodeEffects = {
  haltProcess: () => {},
  beginRecovery: () => {},
  announceSnapshotLoaded: () => {},
  beginReplay: () => {},
  announceRefused: () => {},
  beginVerify: () => {},
  announceVerified: () => {},
  resumeService: () => {},
  wipeDisk: () => {},
  rebuildDisk: () => {},
};
export type NodeEffect = keyof typeof nodeEffects;

const restartTargets = [
  { target: '#node.restarting.loadingSnapshot', guard: 'hasSnapshot', actions: ['rememberRestart', 'beginRecovery'] },
  { target: '#node.restarting.replaying', actions: ['rememberRestart', 'beginRecovery'] },
] as const;

export const nodeMachine = setup({
  types: {
    context: {} as { nodeId: string; snapshotLoadMs: number; verifyMs: number },
    events: {} as NodeMachineEvent,
    input: {} as { nodeId: string },
  },
  actions: {
    ...nodeEffects,
    rememberRestart: assign(({ event }) => (event.type === 'cmd.node.restart' ? { snapshotLoadMs: event.snapshotLoadMs ?? 0 } : {})),
    rememberVerify: assign(({ event }) => (event.type === 'wal.replayFinished' ? { verifyMs: event.verifyMs } : {})),
  },
  guards: {
    hasSnapshot: ({ event }) => event.type === 'cmd.node.restart' && event.snapshotLoadMs !== null,
  },
  delays: {
    snapshotLoad: ({ context }) => context.snapshotLoadMs,
    verify: ({ context }) => context.verifyMs,
  },
}).createMachine({
  id: 'node',
  initial: 'up',
  context: ({ input }) => ({ nodeId: input.nodeId, snapshotLoadMs: 0, verifyMs: 0 }),
  states: {
    up: {
      on: {
        'cmd.node.crash': { target: 'crashed', actions: 'haltProcess' },
        'cmd.node.destroy': { target: 'destroyed', actions: ['haltProcess', 'wipeDisk'] },
      },
    },
    crashed: {
      on: {
        'cmd.node.restart': [...restartTargets],
        'cmd.node.destroy': { target: 'destroyed', actions: 'wipeDisk' },
        'cmd.node.rebuild': { target: 'up', actions: ['rebuildDisk', 'resumeService'] },
      },
    },
    restarting: {
      initial: 'replaying',
      on: {
        'cmd.node.crash': { target: 'crashed', actions: 'haltProcess' },
        'cmd.node.destroy': { target: 'destroyed', actions: ['haltProcess', 'wipeDisk'] },
      },
      states: {
        loadingSnapshot: {
          after: { snapshotLoad: { target: 'replaying', actions: 'announceSnapshotLoaded' } },
        },
        replaying: {
          entry: 'beginReplay',
          on: {
            'wal.replayFinished': { target: 'verifying', actions: 'rememberVerify' },
            'wal.replayRefused': { target: 'refused', actions: 'announceRefused' },
          },
        },
        verifying: {
          entry: 'beginVerify',
          after: { verify: { target: '#node.up', actions: ['announceVerified', 'resumeService'] } },
        },
        refused: {
          on: {
            'cmd.node.restart': [...restartTargets],
            'cmd.node.rebuild': { target: '#node.up', actions: ['rebuildDisk', 'resumeService'] },
          },
        },
      },
    },
    destroyed: { type: 'final' },
  },
});
