import type { Command } from '../../types';
import type { World } from '../world';

type RestoreCommand = Extract<Command, { type: 'backup.take' | 'cluster.restore' }>;

/** Why backup.take or cluster.restore cannot apply now, or null. (Skeleton: backup and restore are being built.) */
export function restoreProblem(_w: World, command: RestoreCommand): string | null {
  return `${command.type}: backups are not available yet`;
}

export function applyRestoreCommand(_w: World, _command: RestoreCommand): void {}
