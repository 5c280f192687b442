import { checkInvariants } from '../model/invariants';
import type { CreateSimulationOptions, Simulation } from '../simulation-api';
import { ClusterSimulation } from './simulation';

/** A simulation that can check DESIGN.md §6's invariants: the CLI's, the tests', the oracle's. */
export function createSimulation(options: CreateSimulationOptions): Simulation {
  return new ClusterSimulation(options, checkInvariants);
}
