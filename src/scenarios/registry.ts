import type { Scenario } from '../engine/index';
import { bitRotDeepScrub } from './built-in/bit-rot-deep-scrub';
import { catchUpLogVsSnapshot } from './built-in/catch-up-log-vs-snapshot';
import { configuredPrimaryReturns } from './built-in/configured-primary-returns';
import { crashDuringReplay } from './built-in/crash-during-replay';
import { crashDuringReplayNotIdempotent } from './built-in/crash-during-replay-not-idempotent';
import { emergencyRepair } from './built-in/emergency-repair';
import { flappingNodeGrace } from './built-in/flapping-node-grace';
import { minorityPartition } from './built-in/minority-partition';
import { nonTransitive4357 } from './built-in/non-transitive-4357';
import { powerLossTornTail } from './built-in/power-loss-torn-tail';
import { primaryFailoverRf3 } from './built-in/primary-failover-rf3';
import { rackAwareNineNodes } from './built-in/rack-aware-nine-nodes';
import { rackOutage } from './built-in/rack-outage';
import { recoveryModesMidLog } from './built-in/recovery-modes-mid-log';
import { rehomeWorkedExample } from './built-in/rehome-worked-example';
import { restartWalkthrough } from './built-in/restart-walkthrough';
import { secondFailureDuringRebuild } from './built-in/second-failure-during-rebuild';
import { snapshotVsReplay } from './built-in/snapshot-vs-replay';
import { twoServerNoFailover } from './built-in/two-server-no-failover';
import { unregisteredFallback } from './built-in/unregistered-fallback';
import { parseScenario } from './parse-scenario';
import type { ScenarioFile } from './scenario-file';

/**
 * The built-in scenarios, in the order a learner should meet them. They are
 * kept as raw files and parsed on request, so they go through exactly the
 * checks a user's file does (and each call returns a fresh, unshared object).
 */
export const BUILT_IN_SCENARIOS: readonly ScenarioFile[] = [
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
  snapshotVsReplay,
  catchUpLogVsSnapshot,
  bitRotDeepScrub,
];

export function getBuiltInScenario(id: string): Scenario | undefined {
  const file = BUILT_IN_SCENARIOS.find((s) => s.id === id);
  if (!file) return undefined;
  const result = parseScenario(file);
  // The registry test parses every built-in, so this only fires if that test is broken.
  if (!result.ok) throw new Error(`built-in scenario "${id}" is invalid: ${result.problems.join('; ')}`);
  return result.scenario;
}

export interface BuiltInSummary {
  id: string;
  title: string;
  description: string;
}

export function listBuiltInScenarios(): BuiltInSummary[] {
  return BUILT_IN_SCENARIOS.map((s) => ({ id: s.id, title: s.title ?? s.id, description: s.description ?? '' }));
}

export function builtInScenarioIds(): string[] {
  return BUILT_IN_SCENARIOS.map((s) => s.id);
}
