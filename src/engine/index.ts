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
