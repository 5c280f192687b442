import { assign, setup } from 'xstate';

/**
 * Who leads one shard, as the coordinator on cp decides it (DESIGN.md §2,
 * RethinkDB style). A shard led by its configured primary is `leading` and is
 * a plain row in the engine; the machine exists only while that is not so.
 *
 * cp gives up on the primary (`primaryLost`), or the configured primary is
 * back and caught up and the acting one steps aside (`handingOver`); either
 * way an election is called and held after `electionTimeoutMs` — the
 * machine's own timer (`after electionTimeout`). At the election the engine
 * counts the voters cp reaches: a majority appoints a primary (the configured
 * one when it can, `leading`; another, `appointed`), fewer leave the shard
 * `stalled` until what cp can see changes.
 */
export type ShardPrimaryEvent =
  | { type: 'primary.lost' }
  | { type: 'handOver.started' }
  /** timeoutMs: the electionTimeoutMs when the election was called. */
  | { type: 'election.called'; timeoutMs: number }
  /** configured: the winner is the shard's configured primary. */
  | { type: 'election.won'; configured: boolean }
  | { type: 'election.stalled' }
  /** The shard already has a primary when the election is held (an emergency repair named one). */
  | { type: 'primary.present'; configured: boolean }
  /** The acting primary became the configured one (the configuration was rewritten around it). */
  | { type: 'primary.configured' }
  /** An operator's emergency repair named the primary: any election is off. */
  | { type: 'election.cancelled' };

/** What the engine carries out for a shard's leadership (sim/quorum/elections.ts holds one handler per name). */
const shardPrimaryEffects = {
  holdElection: () => {},
};
export type ShardPrimaryEffect = keyof typeof shardPrimaryEffects;

export const shardPrimaryMachine = setup({
  types: {
    context: {} as { timeoutMs: number },
    events: {} as ShardPrimaryEvent,
  },
  actions: {
    ...shardPrimaryEffects,
    rememberTimeout: assign(({ event }) => (event.type === 'election.called' ? { timeoutMs: event.timeoutMs } : {})),
  },
  guards: {
    configuredWins: ({ event }) => (event.type === 'election.won' || event.type === 'primary.present') && event.configured,
  },
  delays: {
    electionTimeout: ({ context }) => context.timeoutMs,
  },
}).createMachine({
  id: 'shardPrimary',
  initial: 'leading',
  context: { timeoutMs: 0 },
  on: {
    'election.cancelled': '.leading',
  },
  states: {
    leading: {
      on: { 'primary.lost': 'primaryLost', 'handOver.started': 'handingOver' },
    },
    primaryLost: {
      on: { 'election.called': { target: 'electionPending', actions: 'rememberTimeout' } },
    },
    handingOver: {
      on: { 'election.called': { target: 'electionPending', actions: 'rememberTimeout' } },
    },
    electionPending: {
      after: { electionTimeout: 'electing' },
    },
    electing: {
      entry: 'holdElection',
      on: {
        'election.won': [{ guard: 'configuredWins', target: 'leading' }, { target: 'appointed' }],
        'primary.present': [{ guard: 'configuredWins', target: 'leading' }, { target: 'appointed' }],
        'election.stalled': 'stalled',
      },
    },
    stalled: {
      on: { 'election.called': { target: 'electionPending', actions: 'rememberTimeout' } },
    },
    appointed: {
      on: { 'primary.lost': 'primaryLost', 'handOver.started': 'handingOver', 'primary.configured': 'leading' },
    },
  },
});

export type ShardPrimaryStateValue = 'leading' | 'primaryLost' | 'handingOver' | 'electionPending' | 'electing' | 'stalled' | 'appointed';
