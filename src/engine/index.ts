/**
 * The engine's only public door. Everything above the engine (scenarios,
 * store, UI, CLI, driver API) imports from here.
 */
export { createSimulation } from './sim/simulation';
export { CommandError } from './sim/apply-command';
export type { CreateSimulationOptions, RunOptions, Simulation } from './simulation-api';
export type {
  MachineGraph,
  MachineGraphState,
  MachineGraphTransition,
  MachineInstanceView,
  MachineKind,
  MachineRef,
} from './machines/machine-graph';
export * from './types';
export { PROFILES, PROFILE_IDS } from './profiles';
export type { Profile } from './profiles';
export { REPAIR_MODES } from './command-specs';

// The command vocabulary: shape checks, the CLI form, one-line descriptions.
export {
  COMMAND_SPECS,
  COMMAND_TYPES,
  isCommandType,
  checkCommandShape,
  checkCommandAgainstCluster,
  formatCliCommand,
  parseCliCommand,
  describeCommand,
} from './commands';
export type { ClusterNames } from './commands';

// Settable paths (config.set and scenario settings) and their value checks.
export { FAILOVER_KEYS, SIM_PARAM_KEYS, checkFailoverValue, checkParamValue } from './settable-paths';
export { isProfileId } from './profiles';

// Input limits: every dimension, rate and time has one (README "Limits").
export {
  MAX_CLI_COMMAND_CHARS,
  MAX_NODES,
  MAX_PATH_CHARS,
  MAX_REPLICATION_FACTOR,
  MAX_SHARDS,
  MAX_SHARD_SIZE_BYTES,
  MAX_SIM_HORIZON_MS,
  MAX_URL_EVENT_COUNT,
  MAX_WORKLOAD_OPS_PER_SEC,
  MIN_SHARD_SIZE_BYTES,
  PARAM_RANGES,
  describeRange,
  echoText,
  inRange,
} from './input-limits';
export type { NumberRange } from './input-limits';

// Wording shared by every message that names a problem.
export { describeIds, describeValue } from './problem-text';
export { didYouMean } from './did-you-mean';
