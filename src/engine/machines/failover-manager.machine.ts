import { assign, setup } from 'xstate';

/**
 * The ZeptoDB FailoverManager's path, one node at a time:
 * remove from router → remove from coordinator → (grace period) → compute
 * re-replication targets → migrate (registered nodes, autoReReplicate) or fall
 * back to callback-only → fire the callback → next queued node.
 *
 * Each step takes `controlPlaneStepMs` (the machine's own delayed transition,
 * `after controlPlaneStep`), so a learner can watch the path advance; the
 * grace period is `after rehomeGrace`. The engine puts these timers on its
 * event queue and takes them off when the machine leaves the state. In
 * synchronous mode the path blocks in `migrating` until every copy finished,
 * and a node that dies meanwhile waits in the queue — the current node too,
 * when it came back and died again: its second death gets a path of its own.
 * When a path ends it releases its node's shards: from then on any change
 * (a node back, a setting switched on) lets the migrator plan them again.
 */
export type FailoverManagerEvent =
  | { type: 'node.declaredDead'; node: string }
  | { type: 'node.rejoined'; node: string }
  | { type: 'migration.finished' }
  | {
      type: 'config.changed';
      autoReReplicate: boolean;
      asyncReReplicate: boolean;
      migratorHasNodes: boolean;
      rehomeGraceMs: number;
      controlPlaneStepMs: number;
    };

export interface FailoverManagerContext {
  current: string | null;
  queue: string[];
  autoReReplicate: boolean;
  asyncReReplicate: boolean;
  migratorHasNodes: boolean;
  rehomeGraceMs: number;
  controlPlaneStepMs: number;
  /** The current node came back during its grace period. */
  currentReturned: boolean;
  /** The current node was heard from again at some step of its path (so a new DEAD is a second death). */
  currentRejoined: boolean;
}

/** What the engine carries out for the path (sim/failover/manager.ts holds one handler per name). */
const failoverManagerEffects = {
  removeFromRouter: () => {},
  removeFromCoordinator: () => {},
  announceGrace: () => {},
  skipRehomingNodeReturned: () => {},
  computeTargets: () => {},
  startMigration: () => {},
  logFallbackWarning: () => {},
  fireCallback: () => {},
  releaseShards: () => {},
};
export type FailoverManagerEffect = keyof typeof failoverManagerEffects;

export const failoverManagerMachine = setup({
  types: {
    context: {} as FailoverManagerContext,
    events: {} as FailoverManagerEvent,
    input: {} as Omit<FailoverManagerContext, 'current' | 'queue' | 'currentReturned' | 'currentRejoined'>,
  },
  actions: {
    // The current node too, if it came back meanwhile and died again: copies of it may be listed again, so its
    // second death needs a path of its own after this one.
    enqueueNode: assign(({ context, event }) =>
      event.type === 'node.declaredDead' &&
      !context.queue.includes(event.node) &&
      (context.current !== event.node || context.currentRejoined)
        ? { queue: [...context.queue, event.node] }
        : {},
    ),
    noteCurrentRejoined: assign(({ context, event }) =>
      event.type === 'node.rejoined' && event.node === context.current ? { currentRejoined: true } : {},
    ),
    dequeueReturnedNode: assign(({ context, event }) =>
      event.type === 'node.rejoined' ? { queue: context.queue.filter((n) => n !== event.node) } : {},
    ),
    takeNextNode: assign(({ context }) => ({
      current: context.queue[0] ?? null,
      queue: context.queue.slice(1),
      currentReturned: false,
      currentRejoined: false,
    })),
    markCurrentReturned: assign({ currentReturned: true }),
    clearCurrent: assign({ current: null, currentReturned: false, currentRejoined: false }),
    applyConfig: assign(({ event }) =>
      event.type === 'config.changed'
        ? {
            autoReReplicate: event.autoReReplicate,
            asyncReReplicate: event.asyncReReplicate,
            migratorHasNodes: event.migratorHasNodes,
            rehomeGraceMs: event.rehomeGraceMs,
            controlPlaneStepMs: event.controlPlaneStepMs,
          }
        : {},
    ),
    ...failoverManagerEffects,
  },
  delays: {
    controlPlaneStep: ({ context }) => context.controlPlaneStepMs,
    rehomeGrace: ({ context }) => context.rehomeGraceMs,
  },
  guards: {
    hasQueuedNode: ({ context }) => context.queue.length > 0,
    graceConfigured: ({ context }) => context.rehomeGraceMs > 0,
    shouldMigrate: ({ context }) => context.autoReReplicate && context.migratorHasNodes && !context.currentReturned,
    nodeReturnedDuringGrace: ({ context }) => context.currentReturned,
    isAsync: ({ context }) => context.asyncReReplicate,
    isCurrentNode: ({ context, event }) => event.type === 'node.rejoined' && event.node === context.current,
  },
}).createMachine({
  id: 'failoverManager',
  initial: 'idle',
  context: ({ input }) => ({ ...input, current: null, queue: [], currentReturned: false, currentRejoined: false }),
  on: {
    'node.declaredDead': { actions: 'enqueueNode' },
    'node.rejoined': { actions: ['dequeueReturnedNode', 'noteCurrentRejoined'] },
    'config.changed': { actions: 'applyConfig' },
  },
  states: {
    idle: {
      always: { guard: 'hasQueuedNode', target: 'removingFromRouter', actions: 'takeNextNode' },
    },
    removingFromRouter: {
      entry: 'removeFromRouter',
      after: { controlPlaneStep: 'removingFromCoordinator' },
    },
    removingFromCoordinator: {
      entry: 'removeFromCoordinator',
      after: {
        controlPlaneStep: [{ guard: 'graceConfigured', target: 'waitingGrace' }, { target: 'computingTargets' }],
      },
    },
    waitingGrace: {
      entry: 'announceGrace',
      after: { rehomeGrace: 'computingTargets' },
      on: {
        'node.rejoined': [
          {
            guard: 'isCurrentNode',
            target: 'callback',
            actions: ['markCurrentReturned', 'noteCurrentRejoined', 'skipRehomingNodeReturned'],
          },
          { actions: 'dequeueReturnedNode' },
        ],
      },
    },
    computingTargets: {
      entry: 'computeTargets',
      after: {
        controlPlaneStep: [{ guard: 'shouldMigrate', target: 'migrating' }, { target: 'fallback' }],
      },
    },
    migrating: {
      entry: 'startMigration',
      always: { guard: 'isAsync', target: 'callback' },
      on: { 'migration.finished': 'callback' },
    },
    fallback: {
      entry: 'logFallbackWarning',
      after: { controlPlaneStep: 'callback' },
    },
    callback: {
      entry: 'fireCallback',
      after: { controlPlaneStep: { target: 'idle', actions: ['releaseShards', 'clearCurrent'] } },
    },
  },
});
