/** What the learner reads — The configured primary comes back. */
import type { ScenarioProse } from '../scenario-prose';

export const configuredPrimaryReturnsProse: ScenarioProse = {
  description:
    'n1 crashes and its shards fail over. When n1 restarts it first backfills the writes it missed, then the ' +
    'control plane hands the primary role back to it: a second short pause in writes, as in RethinkDB.',
  watch: [
    'Three nodes, six shards; n1 is the configured primary of s001 and s004.',
    'At 5 s n1 crashes. Once it is declared DEAD, cp elects n2 or n3 for its shards in term 2, and writes go on without it.',
    'At 25 s n1 restarts, replays its log and rejoins. Its copies are behind: it backfills the writes it missed (role: catching up).',
    'Caught up, it takes its role back: the acting primary steps aside, a short election follows (term 3), and n1 leads again.',
  ],
};
