import type { Command } from '../../types';
import type { World } from '../world';

type ControlPlaneCommand = Extract<Command, { type: 'cp.crash' | 'cp.restart' }>;

/** Why a cp.* command cannot apply now, or null. (Skeleton: the control-plane group is being built.) */
export function controlPlaneProblem(_w: World, command: ControlPlaneCommand): string | null {
  return `${command.type}: this cluster's control plane has one member ("cp"); cut its links to take it away`;
}

export function applyControlPlaneCommand(_w: World, _command: ControlPlaneCommand): void {}
