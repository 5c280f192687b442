import { assign, setup } from 'xstate';

/**
 * One member of a 3-member control plane (design recovery-repair.md §8.3), as Raft runs it:
 *
 *   follower → waiting (it cannot hear the leader; its election timer runs: `after electionTimeout`)
 *            → candidate (term + 1, asks the others for their votes) → leader (a majority granted them)
 *   waiting / candidate → follower when it hears a leader again; candidate → waiting when the vote fails
 *   any → down (cp.crash); down → follower (cp.restart)
 *
 * The machine decides; the engine (sim/control-plane/group.ts) draws each timeout from the member's own stream
 * (`cp:<member>:election`), counts the votes, and carries out the named effects.
 */
export type CpMemberEvent =
  /** The member stops hearing the leader (it crashed, or their link was cut); its timer starts at `timeoutMs`. */
  | { type: 'leader.silent'; timeoutMs: number }
  /** A leader of the current term or later is heard: stop waiting, stop standing. */
  | { type: 'leader.heard' }
  /** A majority granted this candidate its vote. */
  | { type: 'election.won' }
  /** Too few votes: wait again, with a fresh timeout. */
  | { type: 'election.lost'; timeoutMs: number }
  | { type: 'member.crashed' }
  | { type: 'member.restarted' };

/** What the engine carries out for a member (sim/control-plane/group.ts holds one handler per name). */
const cpMemberEffects = {
  /** The timer ran out: term + 1, vote for itself, ask every member it reaches. */
  startElection: () => {},
  /** Elected: the takeover steps begin (no-op entry, journal replay, validation, monitor restart). */
  takeOver: () => {},
  /** It led and now does not (crashed, or heard a newer leader): the group has no leader until one is elected. */
  loseLead: () => {},
  /** Back from a crash: it holds its journal as it was, and learns the leader's (its uncommitted suffix goes). */
  rejoin: () => {},
};
export type CpMemberEffect = keyof typeof cpMemberEffects;

export const cpMemberMachine = setup({
  types: {
    context: {} as { member: string; timeoutMs: number },
    input: {} as { member: string; leads: boolean },
    events: {} as CpMemberEvent,
  },
  actions: {
    ...cpMemberEffects,
    rememberTimeout: assign(({ event }) =>
      event.type === 'leader.silent' || event.type === 'election.lost' ? { timeoutMs: event.timeoutMs } : {},
    ),
  },
  guards: {
    leadsAtStart: ({ context }) => context.member === 'cp1',
  },
  delays: {
    electionTimeout: ({ context }) => context.timeoutMs,
  },
}).createMachine({
  id: 'cpMember',
  context: ({ input }) => ({ member: input.member, timeoutMs: 0 }),
  initial: 'starting',
  states: {
    // cp1 leads at the start (term 1), so a scenario can name the member it crashes.
    starting: {
      always: [{ guard: 'leadsAtStart', target: 'leader' }, { target: 'follower' }],
    },
    follower: {
      on: {
        'leader.silent': { target: 'waiting', actions: 'rememberTimeout' },
        'member.crashed': 'down',
      },
    },
    waiting: {
      after: { electionTimeout: 'candidate' },
      on: { 'leader.heard': 'follower', 'member.crashed': 'down' },
    },
    candidate: {
      entry: 'startElection',
      on: {
        'election.won': 'leader',
        'election.lost': { target: 'waiting', actions: 'rememberTimeout' },
        'leader.heard': 'follower',
        'member.crashed': 'down',
      },
    },
    leader: {
      entry: 'takeOver',
      on: {
        'member.crashed': { target: 'down', actions: 'loseLead' },
        'leader.heard': { target: 'follower', actions: 'loseLead' },
      },
    },
    down: {
      on: { 'member.restarted': { target: 'follower', actions: 'rejoin' } },
    },
  },
});

export type CpMemberStateValue = 'starting' | 'follower' | 'waiting' | 'candidate' | 'leader' | 'down';
