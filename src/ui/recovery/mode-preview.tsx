import { formatRecordNo, WAL_RECOVERY_MODES, type RecoveryModePreview, type RecoveryPhase, type WalRecoveryMode, type WalView } from '../../engine/index';

/** RocksDB's names for the four modes (design §3.5), so a learner can look them up. */
const ROCKSDB_NAME: Record<WalRecoveryMode, string> = {
  pointInTime: 'kPointInTimeRecovery',
  tolerateCorruptedTail: 'kTolerateCorruptedTailRecords',
  absoluteConsistency: 'kAbsoluteConsistency',
  skipAnyCorrupted: 'kSkipAnyCorruptedRecords',
};

/** The engine's sentence without the mode's name it starts with (shown beside it); a sentence of our own if none. */
function summaryOf(p: RecoveryModePreview): string {
  const own = p.summary.startsWith(`${p.mode}: `) ? p.summary.slice(p.mode.length + 2) : p.summary;
  if (own) return own;
  const at = p.stopNo === null ? 'reads to the end' : `stops at ${formatRecordNo(p.stopNo)}`;
  if (p.outcome === 'refuses') return `refuses to start${p.stopNo === null ? '' : ` at ${formatRecordNo(p.stopNo)}`}.`;
  const hole = p.appliedPastCorruption > 0 ? `, ${p.appliedPastCorruption} applied past a corrupt record (a hole)` : '';
  return `starts, ${at}: ${p.applied} applied, ${p.discarded} discarded${hole}.`;
}

/**
 * Where each recovery mode would stop on this log (`sim.previewRecovery`), shown before the restart so a learner
 * can predict the replay, the way the what-if preview shows a fault before it happens. The mode in force is
 * marked "in force" in words.
 */
export function ModePreview({ wal, previews, phase }: { wal: WalView; previews: readonly RecoveryModePreview[]; phase: RecoveryPhase | null }) {
  if (previews.length === 0) return null;
  const byMode = new Map(previews.map((p) => [p.mode, p]));
  const before = phase === 'crashed' || phase === 'refused';
  return (
    <section className="mode-preview" data-testid="recovery-mode-preview" aria-labelledby={`mode-preview-${wal.node}`}>
      <h4 id={`mode-preview-${wal.node}`}>{before ? 'Before the restart: where each recovery mode would stop' : 'If it restarted on this log now, each recovery mode would…'}</h4>
      <ul>
        {WAL_RECOVERY_MODES.map((mode) => {
          const p = byMode.get(mode);
          if (!p) return null;
          const inForce = mode === wal.mode;
          return (
            <li key={mode} className={inForce ? 'is-in-force' : undefined} data-testid={`mode-preview-${mode}`} data-outcome={p.outcome}>
              <span className="mono mode-name">{mode}</span>
              {inForce && <span className="mode-in-force"> (in force)</span>}
              <span className="mode-outcome"> {p.outcome === 'refuses' ? '⊘' : '▶'} </span>
              <span className="mode-summary-text">{summaryOf(p)}</span>
              <span className="mode-rocksdb"> RocksDB {ROCKSDB_NAME[mode]}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
