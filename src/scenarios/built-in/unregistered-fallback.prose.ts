/** What the learner reads — The migrator knows no node: failover falls back to callback-only. */
import type { ScenarioProse } from '../scenario-prose';

export const unregisteredFallbackProse: ScenarioProse = {
  description:
    'Automatic re-replication only works if the component that copies data can reach the nodes. Here it ' +
    'knows none, so when n4 dies the failover still reroutes traffic but cannot rebuild anything. ' +
    'The shards stay one copy short, and the console says so instead of hiding it.',
  watch: [
    'Five nodes, 100 shards at RF 3, but the migrator has no registered nodes (failover.registeredNodes is empty): it knows no node to copy to or from.',
    'At 5 s n4 crashes; about 10 s later it is declared DEAD. The router and the coordinator still drop it, as in every failover.',
    'The failover manager computes targets, then finds the migrator cannot reach any of them: it logs a warning and only fires its callback. The FailoverEvent records that re-replication was not attempted, and why.',
    'The 60 shards that had a copy on n4 stay under-replicated, and each says why it is neither queued nor copying. The cluster never becomes healthy on its own.',
  ],
};
