/**
 * The migrator knows no node: failover falls back to callback-only.
 *
 * What the learner should watch:
 * 1. Five nodes, 100 shards at RF 3, but failover.registeredNodes is empty:
 *    the migrator has no node it knows how to copy to or from.
 * 2. At 5 s n4 crashes and about 10 s later it is declared DEAD. The router
 *    and coordinator still drop it, as in every failover.
 * 3. Instead of copying, the failover manager logs a warning and only fires
 *    its callback. The failover event records that re-replication was not
 *    attempted, and why.
 * 4. The 60 shards that had a copy on n4 stay under-replicated, and each one
 *    says why it is neither queued nor copying. The cluster does not become
 *    healthy on its own: a run to "healthy" stops at its time limit.
 */
import type { ScenarioFile } from '../scenario-file';

export const unregisteredFallback: ScenarioFile = {
  id: 'unregistered-fallback',
  title: 'No registered nodes: failover without re-replication',
  description:
    'Automatic re-replication only works if the component that copies data can reach the nodes. Here it ' +
    'knows none, so when n4 dies the failover still reroutes traffic but cannot rebuild anything. ' +
    'The shards stay one copy short, and the console says so instead of hiding it.',
  seed: 1,
  nodes: 5,
  shards: 100,
  replicationFactor: 3,
  failover: { registeredNodes: [] },
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n4' } }],
};
