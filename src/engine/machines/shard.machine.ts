import { assign, setup } from 'xstate';

/**
 * One shard's replication lifecycle as the control plane sees it. Healthy
 * shards are plain rows in the engine; a shard gets this machine only while
 * it is affected, and drops it again when it is whole.
 *
 * Events carry the facts (copies left in the placement, copies running) and
 * guards decide; the engine interprets the named actions for the trace.
 */
export type ShardMachineEvent =
  | { type: 'replica.removed'; copies: number; copying: number }
  | { type: 'copy.started'; copies: number; copying: number }
  | { type: 'copy.failed'; copies: number; copying: number }
  | { type: 'copy.committed'; copies: number; copying: number }
  | { type: 'replica.reinstated'; copies: number; copying: number }
  /** cluster.restore reloaded the shard from a backup onto a fresh placement (sim/restore/). */
  | { type: 'backup.restored'; copies: number; copying: number };

export interface ShardMachineContext {
  shardId: string;
  replicationFactor: number;
  copies: number;
  copying: number;
}

/** What the engine carries out for a shard (shard-events.ts holds one handler per name). */
const shardEffects = {
  announceLost: () => {},
  announceWhole: () => {},
  announceRecovered: () => {},
};
export type ShardEffect = keyof typeof shardEffects;

export const shardMachine = setup({
  types: {
    context: {} as ShardMachineContext,
    events: {} as ShardMachineEvent,
    input: {} as { shardId: string; replicationFactor: number; copies: number },
  },
  actions: {
    recordCounts: assign(({ event }) => ({ copies: event.copies, copying: event.copying })),
    ...shardEffects,
  },
  guards: {
    noCopiesLeft: ({ event }) => event.copies === 0,
    backAtReplicationFactor: ({ context, event }) => event.copies >= context.replicationFactor,
    copyRunning: ({ event }) => event.copying > 0,
  },
}).createMachine({
  id: 'shard',
  initial: 'healthy',
  context: ({ input }) => ({
    shardId: input.shardId,
    replicationFactor: input.replicationFactor,
    copies: input.copies,
    copying: 0,
  }),
  on: {
    // Any count change is recorded wherever the shard is.
    'replica.removed': [
      { guard: 'noCopiesLeft', target: '.lost', actions: ['recordCounts', 'announceLost'] },
      // A surplus copy (an emergency repair kept more than were listed) leaves the shard as it was.
      { guard: 'backAtReplicationFactor', actions: 'recordCounts' },
      { guard: 'copyRunning', target: '.rehoming', actions: 'recordCounts' },
      { target: '.underReplicated', actions: 'recordCounts' },
    ],
    // A cluster restore reloads the shard from wherever it stood, lost included: whole again if enough nodes run.
    'backup.restored': [
      { guard: 'backAtReplicationFactor', target: '.healthy', actions: 'recordCounts' },
      { target: '.underReplicated', actions: 'recordCounts' },
    ],
  },
  states: {
    healthy: {},
    underReplicated: {
      on: {
        'copy.started': { target: 'rehoming', actions: 'recordCounts' },
        'replica.reinstated': [
          { guard: 'backAtReplicationFactor', target: 'healthy', actions: ['recordCounts', 'announceWhole'] },
          { actions: 'recordCounts' },
        ],
      },
    },
    rehoming: {
      on: {
        'copy.started': { actions: 'recordCounts' },
        'copy.failed': [
          { guard: 'copyRunning', actions: 'recordCounts' },
          { target: 'underReplicated', actions: 'recordCounts' },
        ],
        'copy.committed': [
          { guard: 'backAtReplicationFactor', target: 'healthy', actions: ['recordCounts', 'announceWhole'] },
          { guard: 'copyRunning', actions: 'recordCounts' },
          { target: 'underReplicated', actions: 'recordCounts' },
        ],
        'replica.reinstated': [
          { guard: 'backAtReplicationFactor', target: 'healthy', actions: ['recordCounts', 'announceWhole'] },
          { actions: 'recordCounts' },
        ],
      },
    },
    lost: {
      on: {
        // A crashed node came back with the shard still on its disk.
        'replica.reinstated': [
          { guard: 'backAtReplicationFactor', target: 'healthy', actions: ['recordCounts', 'announceRecovered'] },
          { target: 'underReplicated', actions: ['recordCounts', 'announceRecovered'] },
        ],
      },
    },
  },
});
