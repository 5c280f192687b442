/** The configured primary comes back. */
import type { ScenarioFile } from '../scenario-file';

export const configuredPrimaryReturns: ScenarioFile = {
  id: 'configured-primary-returns',
  title: 'The configured primary returns, catches up and takes its role back',
  description:
    'n1 crashes and its shards fail over. When n1 restarts it first backfills the writes it missed, then the ' +
    'control plane hands the primary role back to it: a second short pause in writes, as in RethinkDB.',
  watch: [
    'Three nodes, six shards; n1 is the configured primary of s001 and s004.',
    'At 5 s n1 crashes. Once it is declared DEAD, cp elects n2 or n3 for its shards in term 2, and writes go on without it.',
    'At 25 s n1 restarts, replays its log and rejoins. Its copies are behind: it backfills the writes it missed (role: catching up).',
    'Caught up, it takes its role back: the acting primary steps aside, a short election follows (term 3), and n1 leads again.',
  ],
  seed: 1,
  profile: 'rethinkdb',
  nodes: 3,
  racks: 3,
  shards: 6,
  replicationFactor: 3,
  workload: { writesPerSec: 20 },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n1' } },
    { atMs: 25000, command: { type: 'node.restart', node: 'n1' } },
  ],
};
