import { setup } from 'xstate';

/**
 * One replica's part in its shard, in RethinkDB's terms (domain facts §1.2):
 * primary, waiting for quorum, secondary, catching up (backfilling), waiting
 * for a primary, disconnected.
 *
 * The engine observes the facts after anything that can change them (a
 * crash, a cut, an election, a write that left a replica behind) and sends
 * them in one `observe` event; the guards, in order, decide the role. The
 * engine compares the role before and after and tells the learner about the
 * changes that matter (a primary losing or regaining its quorum).
 */
export interface RoleFacts {
  /** The node's process runs. */
  up: boolean;
  /** The router names this replica the shard's primary. */
  isPrimary: boolean;
  /** As primary: it reaches (and is caught up with) more than half of the voters. */
  hasQuorum: boolean;
  /** The shard has a primary at all. */
  hasPrimary: boolean;
  /** Both directions of the link to the primary are up. */
  linkedToPrimary: boolean;
  /** It holds every write the primary has. */
  caughtUp: boolean;
}

export type ReplicaRoleEvent = { type: 'observe' } & RoleFacts;

export const replicaRoleMachine = setup({
  types: {
    events: {} as ReplicaRoleEvent,
  },
  guards: {
    isDown: ({ event }) => !event.up,
    leadsWithQuorum: ({ event }) => event.isPrimary && event.hasQuorum,
    leadsWithoutQuorum: ({ event }) => event.isPrimary && !event.hasQuorum,
    noPrimary: ({ event }) => !event.hasPrimary,
    cutOffFromPrimary: ({ event }) => !event.linkedToPrimary,
    caughtUp: ({ event }) => event.caughtUp,
  },
}).createMachine({
  id: 'replicaRole',
  initial: 'secondary',
  on: {
    observe: [
      { guard: 'isDown', target: '.disconnected' },
      { guard: 'leadsWithQuorum', target: '.primary' },
      { guard: 'leadsWithoutQuorum', target: '.waitingForQuorum' },
      { guard: 'noPrimary', target: '.waitingForPrimary' },
      { guard: 'cutOffFromPrimary', target: '.disconnected' },
      { guard: 'caughtUp', target: '.secondary' },
      { target: '.catchingUp' },
    ],
  },
  states: {
    primary: {},
    waitingForQuorum: {},
    secondary: {},
    catchingUp: {},
    waitingForPrimary: {},
    disconnected: {},
  },
});
