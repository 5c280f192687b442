import { setup } from 'xstate';
import type { SnapshotFrom } from './machine-step';

/**
 * One cluster restore from a backup (design recovery-repair.md §10, `cluster.restore`):
 *
 *   requested → loading (every node loads its replicas from the backup: bytes / (nodes × rate))
 *             → replayingArchive (with a point-in-time target: the archived log after the backup, scanned and applied)
 *             → finished
 *
 * The machine decides and times itself (`after`, with the delays the engine computed into its context); the
 * engine (sim/restore/restore.ts) carries out the named effects. Writes pause from loading to finished.
 */
export type RestoreEvent = { type: 'restore.begin' };

/** What the engine carries out (sim/restore/restore.ts holds one handler per name). */
const restoreEffects = {
  /** Writes pause; every node starts loading its replicas. */
  beginLoad: () => {},
  /** The backup is loaded everywhere: say so shard by shard; the archive replay starts. */
  announceLoaded: () => {},
  /** Install the restored data and placement, list the writes lost, resume writes. */
  finishRestore: () => {},
};
export type RestoreEffect = keyof typeof restoreEffects;

export const restoreMachine = setup({
  types: {
    context: {} as { loadMs: number; replayMs: number },
    events: {} as RestoreEvent,
    input: {} as { loadMs: number; replayMs: number },
  },
  actions: restoreEffects,
  guards: {
    archiveToReplay: ({ context }) => context.replayMs > 0,
  },
  delays: {
    loadTime: ({ context }) => context.loadMs,
    replayTime: ({ context }) => context.replayMs,
  },
}).createMachine({
  id: 'restore',
  initial: 'requested',
  context: ({ input }) => ({ loadMs: input.loadMs, replayMs: input.replayMs }),
  states: {
    requested: {
      on: { 'restore.begin': 'loading' },
    },
    loading: {
      entry: 'beginLoad',
      after: {
        loadTime: [{ guard: 'archiveToReplay', target: 'replayingArchive', actions: 'announceLoaded' }, { target: 'finished', actions: 'announceLoaded' }],
      },
    },
    replayingArchive: {
      after: { replayTime: 'finished' },
    },
    finished: { type: 'final', entry: 'finishRestore' },
  },
});

export type RestoreMachineSnapshot = SnapshotFrom<typeof restoreMachine>;
export type RestoreStateValue = 'requested' | 'loading' | 'replayingArchive' | 'finished';
