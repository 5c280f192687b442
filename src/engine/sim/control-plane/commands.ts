import type { Command } from '../../types';
import type { World } from '../world';
import { crashMember, isMemberUp, restartMember } from './group';

type ControlPlaneCommand = Extract<Command, { type: 'cp.crash' | 'cp.restart' }>;

/** Why a cp.* command cannot apply now, or null (design §11.1: members is 1; unknown member; already down or running). */
export function controlPlaneProblem(w: World, command: ControlPlaneCommand): string | null {
  const members = w.controlPlane.members;
  if (members.length === 0)
    return `${command.type}: this cluster's control plane has one member ("cp"), which cannot crash; cut its links to take it away (link.cut:cp,n1)`;
  const member = members.find((m) => m.id === command.member);
  if (!member) return `${command.type}: unknown control-plane member "${command.member}" (this cluster has ${members.map((m) => m.id).join(', ')})`;
  if (command.type === 'cp.crash' && !isMemberUp(member)) return `cp.crash: ${member.id} is already down`;
  if (command.type === 'cp.restart' && isMemberUp(member)) return `cp.restart: ${member.id} is running (only a crashed member restarts)`;
  return null;
}

export function applyControlPlaneCommand(w: World, command: ControlPlaneCommand): void {
  const member = w.controlPlane.members.find((m) => m.id === command.member)!;
  if (command.type === 'cp.crash') crashMember(w, member);
  else restartMember(w, member);
}
