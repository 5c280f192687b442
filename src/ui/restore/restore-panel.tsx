import type { RestoreRunView, RestoreView } from '../../engine/index';
import { formatBytes, formatDuration, formatRate, formatSimTime } from '../format';
import { useConsole } from '../session-context';
import { phaseWords } from './restore-words';
import { StatechartToggle } from '../statechart/statechart-toggle';
import type { MachineRef } from '../../engine/index';
import styles from './restore.css?inline';

// The styles travel inside this chunk and go in on first load (as the Repair panel's do).
if (!document.getElementById('restore-styles')) {
  const style = document.createElement('style');
  style.id = 'restore-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

/** The restore machine (requested → loading → replayingArchive → finished): one at a time, id "restore". */
const RESTORE_REFS: readonly MachineRef[] = [{ kind: 'restore', id: 'restore' }];

/**
 * Backups and the cluster restore (design recovery-repair.md §10, §12): the restore under way or last — its backup,
 * target time, phase, bytes loaded, the acknowledged writes it loses (RPO) and how long it takes (RTO) with its formula
 * filled in — over a table of the backups taken.
 */
export function RestorePanel() {
  const view = useConsole((s) => s.restore);
  if (!view) return null;
  return (
    <section className="panel restore-panel" aria-labelledby="restore-title" data-testid="restore-panel">
      <h2 id="restore-title">Backups &amp; restore</h2>
      {view.restore ? <RestoreStatus run={view.restore} /> : <p className="inspector-muted">No restore yet: cluster.restore:&lt;backup&gt; reloads every shard from one.</p>}
      <BackupTable view={view} current={view.restore?.backup ?? null} running={view.restore !== null && view.restore.phase !== 'finished'} />
    </section>
  );
}

function RestoreStatus({ run }: { run: RestoreRunView }) {
  const phase = phaseWords(run.phase);
  const pct = run.bytesTotal === 0 ? 100 : Math.round((100 * run.bytesDone) / run.bytesTotal);
  const r = run.rto;
  return (
    <div className="restore-status">
      <p className="restore-phase" data-testid="restore-phase">
        <span aria-hidden="true" className={`restore-glyph phase-${run.phase}`}>
          {phase.glyph}
        </span>{' '}
        {phase.long}: backup <strong>{run.backup}</strong> taken at {formatSimTime(run.backupAtMs)}
        {run.targetMs !== null && (
          <>
            , archived log replayed to <strong data-testid="restore-target">{formatSimTime(run.targetMs)}</strong>
          </>
        )}
        .
      </p>
      <div className="restore-progress" role="progressbar" aria-label="Bytes loaded from the backup" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="restore-progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="restore-bytes">
        {formatBytes(run.bytesDone)} of {formatBytes(run.bytesTotal)} loaded ({pct} %)
      </p>
      <dl className="restore-figures">
        <div className={`restore-figure ${run.rpoWrites > 0 ? 'tone-bad' : ''}`}>
          <dt>RPO: acknowledged writes lost</dt>
          <dd className="mono" data-testid="restore-rpo">
            {run.rpoWrites}
          </dd>
          <dd className="restore-caption">
            {run.rpoWrites === 0
              ? 'every acknowledged write comes back'
              : `${run.rpoFinal ? 'lost' : 'to be lost when it finishes'}: written after that point; listed as "${run.cause}"`}
          </dd>
        </div>
        <div className="restore-figure">
          <dt>RTO: time to recover</dt>
          <dd className="mono" data-testid="restore-rto">
            {formatDuration(r.rtoMs)}
          </dd>
          <dd className="restore-caption" data-testid="restore-rto-formula">
            {formatBytes(r.totalBytes)} ÷ ({r.liveNodes} nodes × {formatRate(r.bytesPerSecPerNode)}) = {formatDuration(r.loadMs)}
            {run.targetMs !== null && (
              <>
                {' '}
                + {formatBytes(r.archivedBytes)} ÷ {formatRate(r.walScanBytesPerSec)} = {formatDuration(r.scanMs)} + {r.archivedRecords} records × {r.walApplyMsPerRecord} ms ={' '}
                {formatDuration(r.applyMs)}
              </>
            )}
          </dd>
        </div>
      </dl>
      <p className="restore-note">Client writes and reads pause while a restore runs{run.phase === 'finished' ? `; they resumed at ${formatSimTime(run.finishedAtMs ?? 0)}` : ''}.</p>
      <StatechartToggle place="restore" refs={RESTORE_REFS} what="the restore's state machine" />
    </div>
  );
}

function BackupTable({ view, current, running }: { view: RestoreView; current: string | null; running: boolean }) {
  return (
    <table className="restore-backups">
      <caption>
        Backups taken ({view.backups.length}){view.walArchive ? ` · archive holds ${view.archivedWrites} write(s) in full segments` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Backup</th>
          <th scope="col">Taken at</th>
          <th scope="col">Shards</th>
          <th scope="col">Size</th>
          <th scope="col">Writes held</th>
        </tr>
      </thead>
      <tbody>
        {view.backups.map((b) => (
          <tr key={b.id} data-testid={`backup-row-${b.id}`} className={b.discardedBy ? 'discarded' : undefined}>
            <th scope="row">
              {b.id}
              {b.id === current ? (running ? ' ◂ restoring' : ' ◂ restored') : ''}
              {b.discardedBy ? ' (discarded)' : ''}
            </th>
            <td>{formatSimTime(b.atMs)}</td>
            <td>{b.shards}</td>
            <td>{formatBytes(b.bytes)}</td>
            <td>{b.writesHeld}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
