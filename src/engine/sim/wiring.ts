import { onMigrationFinished } from './failover';
import { sendMonitorEvent } from './heartbeats';
import { cancelJob, giveUpOnStream } from './migrator';
import { settleRejoiningCopies } from './rejoin';
import { cancelSnapshotCatchUp, startShardCatchUp } from './catch-up';
import { verifyReplicasOnRestart } from './corruption';
import { callSyncMissingEntries, callVerifyIntegrity, replicaFilesOf } from '../recovery/contracts';
import { buildWorld } from './build-world';
import type { World } from './world';
import type { Scenario } from '../types';

/**
 * Builds a run's world with its hooks installed: the few calls that go up
 * the layers of sim/ (see `EngineHooks` in world.ts), so that every import
 * goes one way.
 */
export function createWorld(scenario: Scenario, seed: number): World {
  const w = buildWorld(scenario, seed);
  installHooks(w);
  return w;
}

/** Installs the world's hooks: each closes over this world (a fork of a run installs its own). */
export function installHooks(w: World): void {
  w.hooks = {
    migrationFinished: (failoverIndex) => onMigrationFinished(w, failoverIndex),
    copyStreamTimedOut: (job) => giveUpOnStream(w, job),
    settleRejoiningCopies: (shard) => settleRejoiningCopies(w, shard),
    dropCopiesOf: (shard) => {
      for (const id of [...shard.jobs]) {
        const job = w.migrator.jobs.get(id);
        if (job) cancelJob(w, job);
      }
    },
    resyncCompleted: (node) => sendMonitorEvent(w, node, { type: 'resync.completed' }),
    // Each also answers the node's recovery contract call (NodeRecovery.VerifyIntegrity, ReplicaRepair.SyncMissingEntries).
    verifyReplicasOnRestart: (node) => {
      const range = replicaFilesOf(w, node);
      const summary = verifyReplicasOnRestart(w, node).summary;
      callVerifyIntegrity(w, node, range);
      return summary;
    },
    startCatchUp: (shard, node, source) => {
      callSyncMissingEntries(w, shard, node, source);
      return startShardCatchUp(w, shard, node, source);
    },
    cancelSnapshotCatchUp: (shard, node) => cancelSnapshotCatchUp(w, shard, node),
  };
}
