import { setup } from 'xstate';

/**
 * One anti-entropy (Merkle repair) session of one shard (design recovery-repair.md §7.4, `repair.run`):
 *
 *   requested → validating (each replica reads itself and builds its tree)
 *             → comparing (the whole trees at once, or level by level from the root; one event per level)
 *             → streaming (the differing leaf ranges) → finished
 *   any running phase → failed (a participant went down or became unreachable); failed → requested (a retry)
 *
 * If nothing differs, comparing ends the session at once (nothing to stream). The machine decides; the engine
 * (sim/anti-entropy.ts) carries out the named effects and times them (validation bytes / rate, round trips, stream
 * bytes / rate) and sends the events back. A session is a machine only while it runs (design §13).
 */
export type AntiEntropyEvent =
  | { type: 'session.started' }
  | { type: 'trees.built' }
  /** One comparison step: a level (level by level) or the whole tree. `differs`: some node compared differs; `atLeaves`: the leaves were compared. */
  | { type: 'level.compared'; differs: boolean; atLeaves: boolean }
  | { type: 'ranges.streamed' }
  | { type: 'participant.lost' }
  | { type: 'session.retried' };

/** What the engine carries out for a session (sim/anti-entropy.ts holds one handler per name). */
const antiEntropyEffects = {
  /** Every participant starts reading its replica to build its tree. */
  buildTrees: () => {},
  /** The trees are built: exchange the first hashes (the root, or the whole tree). */
  openComparison: () => {},
  /** Some nodes of this level differ: ask for their children. */
  descend: () => {},
  /** Stream every key of the differing leaf ranges between the replicas that differ. */
  streamRanges: () => {},
  /** The replicas agree over the session's range: mark it (incremental), say so. */
  finishSession: () => {},
  /** A participant went away: stop, leave pending repair where streaming began, plan a retry. */
  failSession: () => {},
};
export type AntiEntropyEffect = keyof typeof antiEntropyEffects;

export const antiEntropyMachine = setup({
  types: {
    context: {} as { timeoutMs: number },
    events: {} as AntiEntropyEvent,
  },
  actions: antiEntropyEffects,
  guards: {
    nothingDiffers: ({ event }) => event.type === 'level.compared' && !event.differs,
    leavesReached: ({ event }) => event.type === 'level.compared' && event.atLeaves,
  },
}).createMachine({
  id: 'antiEntropy',
  initial: 'requested',
  context: { timeoutMs: 0 },
  states: {
    requested: {
      on: { 'session.started': 'validating' },
    },
    validating: {
      entry: 'buildTrees',
      on: { 'trees.built': 'comparing', 'participant.lost': 'failed' },
    },
    comparing: {
      entry: 'openComparison',
      on: {
        'level.compared': [
          { guard: 'nothingDiffers', target: 'finished' },
          { guard: 'leavesReached', target: 'streaming' },
          { actions: 'descend' },
        ],
        'participant.lost': 'failed',
      },
    },
    streaming: {
      entry: 'streamRanges',
      on: { 'ranges.streamed': 'finished', 'participant.lost': 'failed' },
    },
    finished: { type: 'final', entry: 'finishSession' },
    failed: {
      entry: 'failSession',
      on: { 'session.retried': 'requested' },
    },
  },
});

export type AntiEntropyStateValue = 'requested' | 'validating' | 'comparing' | 'streaming' | 'finished' | 'failed';
