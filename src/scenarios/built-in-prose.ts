import type { ScenarioProse } from './scenario-prose';
import { bitRotDeepScrubProse } from './built-in/bit-rot-deep-scrub.prose';
import { catchUpLogVsSnapshotProse } from './built-in/catch-up-log-vs-snapshot.prose';
import { configuredPrimaryReturnsProse } from './built-in/configured-primary-returns.prose';
import { crashDuringReplayProse } from './built-in/crash-during-replay.prose';
import { crashDuringReplayNotIdempotentProse } from './built-in/crash-during-replay-not-idempotent.prose';
import { emergencyRepairProse } from './built-in/emergency-repair.prose';
import { fleet1000NodesProse } from './built-in/fleet-1000-nodes.prose';
import { fleet100NodesProse } from './built-in/fleet-100-nodes.prose';
import { flappingNodeGraceProse } from './built-in/flapping-node-grace.prose';
import {
  hintedHandoffAnyLostProse,
  hintedHandoffWindowExceededProse,
  hintedHandoffWindowProse,
} from './built-in/hinted-handoff-window.prose';
import { incrementalRepairProse } from './built-in/incremental-repair.prose';
import { merkleDivergenceLevelByLevelProse, merkleDivergenceProse } from './built-in/merkle-divergence.prose';
import { minorityPartitionProse } from './built-in/minority-partition.prose';
import { nonTransitive4357Prose } from './built-in/non-transitive-4357.prose';
import { partialFailureLabProse } from './built-in/partial-failure-lab.prose';
import { powerLossTornTailProse } from './built-in/power-loss-torn-tail.prose';
import { clusterPowerLossPerCommitProse, clusterPowerLossProse } from './built-in/cluster-power-loss.prose';
import { restoreFromBackupPitrProse, restoreFromBackupProse } from './built-in/restore-from-backup.prose';
import { primaryFailoverRf3Prose } from './built-in/primary-failover-rf3.prose';
import { readRepairVsAntiEntropyProse } from './built-in/read-repair-vs-anti-entropy.prose';
import { rackAwareNineNodesProse } from './built-in/rack-aware-nine-nodes.prose';
import { rackOutageProse } from './built-in/rack-outage.prose';
import { recoveryModesMidLogProse } from './built-in/recovery-modes-mid-log.prose';
import { rehomeWorkedExampleProse } from './built-in/rehome-worked-example.prose';
import {
  cpLeaderDiesMidRehomeColdProse,
  cpLeaderDiesMidRehomeNoJournalProse,
  cpLeaderDiesMidRehomeProse,
} from './built-in/cp-leader-dies-mid-rehome.prose';
import { restartWalkthroughProse } from './built-in/restart-walkthrough.prose';
import { txnInDoubtProse } from './built-in/txn-in-doubt.prose';
import { txnRestartRulesAriesProse, txnRestartRulesProse } from './built-in/txn-restart-rules.prose';
import { secondFailureDuringRebuildProse } from './built-in/second-failure-during-rebuild.prose';
import { replayWithoutSnapshotProse, snapshotVsReplayProse } from './built-in/snapshot-vs-replay.prose';
import { syncVsAsyncRepairAsyncProse, syncVsAsyncRepairProse } from './built-in/sync-vs-async-repair.prose';
import { twoServerNoFailoverProse } from './built-in/two-server-no-failover.prose';
import { unregisteredFallbackProse } from './built-in/unregistered-fallback.prose';

/** Every built-in's prose by id, bundled synchronously: for Node (CLI, tests), never the console's start-up bundle. */
export const BUILT_IN_PROSE: Readonly<Record<string, ScenarioProse>> = {
  'rehome-worked-example': rehomeWorkedExampleProse,
  'rack-aware-nine-nodes': rackAwareNineNodesProse,
  'rack-outage': rackOutageProse,
  'second-failure-during-rebuild': secondFailureDuringRebuildProse,
  'flapping-node-grace': flappingNodeGraceProse,
  'unregistered-fallback': unregisteredFallbackProse,
  'primary-failover-rf3': primaryFailoverRf3Prose,
  'two-server-no-failover': twoServerNoFailoverProse,
  'minority-partition': minorityPartitionProse,
  'non-transitive-4357': nonTransitive4357Prose,
  'configured-primary-returns': configuredPrimaryReturnsProse,
  'emergency-repair': emergencyRepairProse,
  'power-loss-torn-tail': powerLossTornTailProse,
  'restart-walkthrough': restartWalkthroughProse,
  'recovery-modes-mid-log': recoveryModesMidLogProse,
  'crash-during-replay': crashDuringReplayProse,
  'crash-during-replay-not-idempotent': crashDuringReplayNotIdempotentProse,
  'txn-restart-rules': txnRestartRulesProse,
  'txn-restart-rules-aries': txnRestartRulesAriesProse,
  'txn-in-doubt': txnInDoubtProse,
  'snapshot-vs-replay': snapshotVsReplayProse,
  'replay-without-snapshot': replayWithoutSnapshotProse,
  'catch-up-log-vs-snapshot': catchUpLogVsSnapshotProse,
  'cluster-power-loss': clusterPowerLossProse,
  'cluster-power-loss-per-commit': clusterPowerLossPerCommitProse,
  'restore-from-backup': restoreFromBackupProse,
  'restore-from-backup-pitr': restoreFromBackupPitrProse,
  'bit-rot-deep-scrub': bitRotDeepScrubProse,
  'read-repair-vs-anti-entropy': readRepairVsAntiEntropyProse,
  'merkle-divergence': merkleDivergenceProse,
  'merkle-divergence-level-by-level': merkleDivergenceLevelByLevelProse,
  'sync-vs-async-repair': syncVsAsyncRepairProse,
  'sync-vs-async-repair-async': syncVsAsyncRepairAsyncProse,
  'hinted-handoff-window': hintedHandoffWindowProse,
  'hinted-handoff-window-exceeded': hintedHandoffWindowExceededProse,
  'hinted-handoff-any-lost': hintedHandoffAnyLostProse,
  'incremental-repair': incrementalRepairProse,
  'cp-leader-dies-mid-rehome': cpLeaderDiesMidRehomeProse,
  'cp-leader-dies-mid-rehome-no-journal': cpLeaderDiesMidRehomeNoJournalProse,
  'cp-leader-dies-mid-rehome-cold': cpLeaderDiesMidRehomeColdProse,
  'partial-failure-lab': partialFailureLabProse,
  'fleet-100-nodes': fleet100NodesProse,
  'fleet-1000-nodes': fleet1000NodesProse,
};
