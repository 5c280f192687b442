/** The scenarios layer's public door: validated scenario files and the built-ins. */
export { clusterNamesOf } from './cluster-names';
export {
  DEFAULT_FAILOVER,
  DEFAULT_PARAMS,
  DEFAULT_REPLICATION_FACTOR,
  DEFAULT_SEED,
  DEFAULT_SHARD_SIZE_BYTES,
  SCENARIO_LIMITS,
} from './defaults';
export { SCENARIO_FIELDS, parseScenario } from './parse-scenario';
export type { ScenarioParseResult } from './parse-scenario';
export { BUILT_IN_SCENARIOS, builtInScenarioIds, getBuiltInScenario, listBuiltInScenarios } from './registry';
export type { BuiltInSummary } from './registry';
export type { ScenarioFile } from './scenario-file';
export { canonicalShardId, shardIdOf, shardIndexOf } from './shard-ids';
