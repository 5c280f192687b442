import type { Command } from '../../types';
import { isUp, lifecycleOf, type World } from '../world';
import { takeBackup } from './backups';
import { startRestore } from './restore';
import { backupById, restoreRunning } from './state';

type RestoreCommand = Extract<Command, { type: 'backup.take' | 'cluster.restore' }>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Why backup.take or cluster.restore cannot apply now (design §11.1's "rejected when"), or null. */
export function restoreProblem(w: World, command: RestoreCommand): string | null {
  const running = w.backups.restore;
  if (running && restoreRunning(w.backups)) return `${command.type}: the restore from ${running.backup} is still under way; wait for it to finish`;
  if (command.type === 'backup.take') {
    const same = backupById(w.backups, command.id);
    return same ? `backup.take: a backup named ${command.id} exists already (taken at ${seconds(same.atMs)}); give the new one another id` : null;
  }
  if (w.params.replication === 'leaderless') return 'cluster.restore: restore is modelled for primary replication only (params.replication is leaderless)';
  const backup = backupById(w.backups, command.backup);
  if (!backup) {
    const known = w.backups.list.map((b) => b.id);
    return known.length === 0
      ? `cluster.restore: no backup named ${command.backup}: none has been taken yet (backup.take:<id>, or params.backupIntervalMs)`
      : `cluster.restore: no backup named ${command.backup}; the backups are ${known.join(', ')}`;
  }
  if (backup.discardedBy) return `cluster.restore: backup ${backup.id} was taken on a history that ${backup.discardedBy} discarded; restore an earlier backup`;
  if (command.targetMs !== undefined) {
    if (!w.params.walArchive) return `cluster.restore: a target time needs archived log to replay, but params.walArchive is off; restore ${backup.id} without a target`;
    if (command.targetMs < backup.atMs)
      return `cluster.restore: target ${command.targetMs} ms is before backup ${backup.id} was taken (${backup.atMs} ms); pick a later target or an earlier backup`;
    if (command.targetMs > w.nowMs) return `cluster.restore: target ${command.targetMs} ms is in the future (the run is at ${Math.floor(w.nowMs)} ms)`;
  }
  // A node that is down with its disk would come back holding a history the restore discards.
  const down = w.nodes.find((n) => !isUp(n) && lifecycleOf(n) !== 'destroyed');
  if (down) return `cluster.restore: ${down.id} is down but its disk survives; restart it (node.restart:${down.id}) or write it off (node.destroy:${down.id}) first`;
  if (!w.nodes.some(isUp)) return 'cluster.restore: no node is running to load the backup onto';
  return null;
}

export function applyRestoreCommand(w: World, command: RestoreCommand): void {
  if (command.type === 'backup.take') {
    takeBackup(w, command.id, false);
    return;
  }
  startRestore(w, backupById(w.backups, command.backup)!, command.targetMs ?? null);
}
