/**
 * The engine's only public door. Everything above the engine (scenarios,
 * store, UI, CLI, driver API) imports from here.
 */
export { createSimulation } from './sim/create-simulation';
// The console's: no invariant checker (it never checks), so the checker stays out of its start-up bundle.
export { createConsoleSimulation, forkedBytes } from './sim/simulation';
export { CommandError } from './sim/apply-command';
export type { CreateSimulationOptions, RunOptions, Simulation, StateOptions } from './simulation-api';
export type {
  MachineGraph,
  MachineGraphState,
  MachineGraphTransition,
  MachineInstanceView,
  MachineKind,
  MachineRef,
} from './machines/machine-graph';
export * from './types';
export { cpMemberIds } from './control-plane-types';
export type { ControlPlaneView, CpMemberView, CpMemberRole, CpFailoverView, CpFailoverStep, JournalEntryView } from './control-plane-types';
export * from './recovery-types';
export * from './repair-types';
export * from './transaction-types';
export * from './restore-types';
export { formatChecksum, formatLogOffset, formatRecordNo } from './model/wal';
/** The physical lower bound on time to restore RF after a death (npm run bench:engine divides by it). */
export { restoreBound, restoreBoundForDeath, type RestoreBound } from './model/restore-bound';
// One code per shard for views of every shard at scale (Simulation.getShardStateCodes()).
export * from './model/shard-codes';
export { PROFILES, PROFILE_IDS } from './profiles';
export type { Profile } from './profiles';
export { REPAIR_MODES } from './command-specs';
export { readDetector, silenceDeadline } from './failure-detector';
export type { DetectorBelief, DetectorParams, DetectorReading } from './failure-detector';

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
  SETTABLE_PATH_NAMES,
} from './commands';
export type { ClusterNames } from './commands';

// Settable paths (config.set and scenario settings) and their value checks.
export { FAILOVER_KEYS, SIM_PARAM_KEYS, checkFailoverValue, checkParamValue, registeredNodesProblem, ParamsSchema, FailoverSchema } from './settable-paths';

// Public shapes as schemas (one definition: type, validation, JSON Schema) and their problems in words.
export { CommandSchema, WorkloadRateSchema } from './command-schema';
export { atMost, boundedList, closedObject, hinted, idRecord, mustBe, nameString, numberIn } from './shape-schema';
export type { FieldHints, Message } from './shape-schema';
export { checkShape, describeProblem, listProblems, pathText, sortProblems } from './shape-problems';
export type { ShapePath, ShapeProblem, ShapeResult } from './shape-problems';
export { isProfileId } from './profiles';

// Input limits: every dimension, rate and time has one (README "Limits").
export * from './input-limits';

// Wording shared by every message that names a problem.
export { describeIds, describeValue } from './problem-text';
export { didYouMean } from './did-you-mean';
