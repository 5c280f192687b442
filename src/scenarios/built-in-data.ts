import type { ScenarioFile } from './scenario-file';
import { bitRotDeepScrub } from './built-in/bit-rot-deep-scrub';
import { catchUpLogVsSnapshot } from './built-in/catch-up-log-vs-snapshot';
import { configuredPrimaryReturns } from './built-in/configured-primary-returns';
import { crashDuringReplay } from './built-in/crash-during-replay';
import { crashDuringReplayNotIdempotent } from './built-in/crash-during-replay-not-idempotent';
import { emergencyRepair } from './built-in/emergency-repair';
import { fleet1000Nodes } from './built-in/fleet-1000-nodes';
import { fleet100Nodes } from './built-in/fleet-100-nodes';
import { flappingNodeGrace } from './built-in/flapping-node-grace';
import { hintedHandoffAnyLost, hintedHandoffWindow, hintedHandoffWindowExceeded } from './built-in/hinted-handoff-window';
import { incrementalRepair } from './built-in/incremental-repair';
import { merkleDivergence, merkleDivergenceLevelByLevel } from './built-in/merkle-divergence';
import { minorityPartition } from './built-in/minority-partition';
import { partialFailureLab } from './built-in/partial-failure-lab';
import { nonTransitive4357 } from './built-in/non-transitive-4357';
import { powerLossTornTail } from './built-in/power-loss-torn-tail';
import { clusterPowerLoss, clusterPowerLossPerCommit } from './built-in/cluster-power-loss';
import { restoreFromBackup, restoreFromBackupPitr } from './built-in/restore-from-backup';
import { primaryFailoverRf3 } from './built-in/primary-failover-rf3';
import { readRepairVsAntiEntropy } from './built-in/read-repair-vs-anti-entropy';
import { rackAwareNineNodes } from './built-in/rack-aware-nine-nodes';
import { rackOutage } from './built-in/rack-outage';
import { recoveryModesMidLog } from './built-in/recovery-modes-mid-log';
import { rehomeWorkedExample } from './built-in/rehome-worked-example';
import { cpLeaderDiesMidRehome, cpLeaderDiesMidRehomeCold, cpLeaderDiesMidRehomeNoJournal } from './built-in/cp-leader-dies-mid-rehome';
import { restartWalkthrough } from './built-in/restart-walkthrough';
import { txnInDoubt } from './built-in/txn-in-doubt';
import { txnRestartRules, txnRestartRulesAries } from './built-in/txn-restart-rules';
import { secondFailureDuringRebuild } from './built-in/second-failure-during-rebuild';
import { replayWithoutSnapshot, snapshotVsReplay } from './built-in/snapshot-vs-replay';
import { syncVsAsyncRepair, syncVsAsyncRepairAsync } from './built-in/sync-vs-async-repair';
import { twoServerNoFailover } from './built-in/two-server-no-failover';
import { unregisteredFallback } from './built-in/unregistered-fallback';

/**
 * The built-in scenarios' data, in the order a learner should meet them, WITHOUT their prose
 * (description, What to watch): what the console needs at first paint. The full files, prose
 * included, are `BUILT_IN_SCENARIOS` in registry.ts (CLI, tests); the console fetches the prose
 * on demand (built-in-prose-loader.ts).
 */
export const BUILT_IN_SCENARIO_DATA: readonly ScenarioFile[] = [
  rehomeWorkedExample,
  rackAwareNineNodes,
  rackOutage,
  secondFailureDuringRebuild,
  flappingNodeGrace,
  unregisteredFallback,
  primaryFailoverRf3,
  twoServerNoFailover,
  minorityPartition,
  nonTransitive4357,
  configuredPrimaryReturns,
  emergencyRepair,
  powerLossTornTail,
  restartWalkthrough,
  recoveryModesMidLog,
  crashDuringReplay,
  crashDuringReplayNotIdempotent,
  txnRestartRules,
  txnRestartRulesAries,
  txnInDoubt,
  snapshotVsReplay,
  replayWithoutSnapshot,
  catchUpLogVsSnapshot,
  clusterPowerLoss,
  clusterPowerLossPerCommit,
  restoreFromBackup,
  restoreFromBackupPitr,
  bitRotDeepScrub,
  readRepairVsAntiEntropy,
  merkleDivergence,
  merkleDivergenceLevelByLevel,
  syncVsAsyncRepair,
  syncVsAsyncRepairAsync,
  hintedHandoffWindow,
  hintedHandoffWindowExceeded,
  hintedHandoffAnyLost,
  incrementalRepair,
  cpLeaderDiesMidRehome,
  cpLeaderDiesMidRehomeNoJournal,
  cpLeaderDiesMidRehomeCold,
  partialFailureLab,
  fleet100Nodes,
  fleet1000Nodes,
];
