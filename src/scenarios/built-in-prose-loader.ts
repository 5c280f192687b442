import type { ScenarioProse } from './scenario-prose';

/**
 * The console's way to a built-in's prose: one small chunk per scenario, fetched by dynamic
 * import() after first paint (the start-up bundle has a budget, DESIGN.md §5). Node code uses
 * the synchronous BUILT_IN_PROSE instead.
 */
const LOADERS: Readonly<Record<string, () => Promise<ScenarioProse>>> = {
  'rehome-worked-example': () => import('./built-in/rehome-worked-example.prose').then((m) => m.rehomeWorkedExampleProse),
  'rack-aware-nine-nodes': () => import('./built-in/rack-aware-nine-nodes.prose').then((m) => m.rackAwareNineNodesProse),
  'rack-outage': () => import('./built-in/rack-outage.prose').then((m) => m.rackOutageProse),
  'second-failure-during-rebuild': () => import('./built-in/second-failure-during-rebuild.prose').then((m) => m.secondFailureDuringRebuildProse),
  'flapping-node-grace': () => import('./built-in/flapping-node-grace.prose').then((m) => m.flappingNodeGraceProse),
  'unregistered-fallback': () => import('./built-in/unregistered-fallback.prose').then((m) => m.unregisteredFallbackProse),
  'primary-failover-rf3': () => import('./built-in/primary-failover-rf3.prose').then((m) => m.primaryFailoverRf3Prose),
  'two-server-no-failover': () => import('./built-in/two-server-no-failover.prose').then((m) => m.twoServerNoFailoverProse),
  'minority-partition': () => import('./built-in/minority-partition.prose').then((m) => m.minorityPartitionProse),
  'non-transitive-4357': () => import('./built-in/non-transitive-4357.prose').then((m) => m.nonTransitive4357Prose),
  'configured-primary-returns': () => import('./built-in/configured-primary-returns.prose').then((m) => m.configuredPrimaryReturnsProse),
  'emergency-repair': () => import('./built-in/emergency-repair.prose').then((m) => m.emergencyRepairProse),
  'power-loss-torn-tail': () => import('./built-in/power-loss-torn-tail.prose').then((m) => m.powerLossTornTailProse),
  'restart-walkthrough': () => import('./built-in/restart-walkthrough.prose').then((m) => m.restartWalkthroughProse),
  'recovery-modes-mid-log': () => import('./built-in/recovery-modes-mid-log.prose').then((m) => m.recoveryModesMidLogProse),
  'crash-during-replay': () => import('./built-in/crash-during-replay.prose').then((m) => m.crashDuringReplayProse),
  'crash-during-replay-not-idempotent': () => import('./built-in/crash-during-replay-not-idempotent.prose').then((m) => m.crashDuringReplayNotIdempotentProse),
  'snapshot-vs-replay': () => import('./built-in/snapshot-vs-replay.prose').then((m) => m.snapshotVsReplayProse),
  'catch-up-log-vs-snapshot': () => import('./built-in/catch-up-log-vs-snapshot.prose').then((m) => m.catchUpLogVsSnapshotProse),
  'bit-rot-deep-scrub': () => import('./built-in/bit-rot-deep-scrub.prose').then((m) => m.bitRotDeepScrubProse),
};

/** The prose of built-in `id`, or undefined for an id that is not a built-in. */
export function loadBuiltInProse(id: string): Promise<ScenarioProse> | undefined {
  return hasBuiltInProse(id) ? LOADERS[id]!() : undefined;
}

export function hasBuiltInProse(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(LOADERS, id);
}
