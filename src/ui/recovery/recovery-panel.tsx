import { formatRecordNo, type NodeRecoveryView, type SimParams, type StateStore } from '../../engine/index';
import { catchUpLines, costFormula, PHASE_WORD, phaseSteps, STATUS_GLYPH, STATUS_WORD, type CostRates } from './recovery-words';

const REASON_WORD = {
  end: 'read to the end of the log',
  torn: 'a torn record',
  crc: 'a checksum mismatch',
  prevLink: 'a bad prev-link',
  refused: 'refused to start',
} as const;

/** The scenario's rates for the formula (a zero rate is left for the panel to derive from the terms). */
function ratesOf(params: SimParams): CostRates {
  const positive = (x: number) => (x > 0 ? x : undefined);
  return {
    scanBytesPerSec: positive(params.walScanBytesPerSec),
    applyMsPerRecord: params.walApplyMsPerRecord,
    snapshotLoadBytesPerSec: positive(params.snapshotLoadBytesPerSec),
  };
}

/**
 * The Recovery panel (design §5.1, §12): the phases snapshot → replay → verify → catch up → serving with the
 * current one marked in words, what the replay did, the §3.6 replay-time formula with its numbers, and how the
 * node's replicas were brought in line from which peer.
 */
export function RecoveryPanel({ nodeId, recovery, store, params }: { nodeId: string; recovery: NodeRecoveryView; store: StateStore; params: SimParams }) {
  const steps = phaseSteps(recovery, store);
  const replay = recovery.replay;
  return (
    <section className="recovery-panel" aria-labelledby={`recovery-title-${nodeId}`} data-testid="recovery-panel" data-phase={recovery.phase}>
      <h3 id={`recovery-title-${nodeId}`}>Recovery</h3>
      <p className="recovery-now">
        {nodeId} is <strong data-testid="recovery-phase">{PHASE_WORD[recovery.phase]}</strong>
        {recovery.crashKind && recovery.phase !== 'serving' && <> · last crash: {recovery.crashKind === 'power' ? 'power loss' : 'process crash'}</>}
      </p>
      <ol className="recovery-steps" aria-label="Phases of the way back">
        {steps.map((step) => (
          <li key={step.id} className={`recovery-step is-${step.status}`} data-status={step.status} aria-current={step.status === 'current' ? 'step' : undefined}>
            <span className="recovery-step-glyph" aria-hidden="true">
              {STATUS_GLYPH[step.status]}
            </span>
            <span className="recovery-step-label">{step.label}</span>
            <span className="recovery-step-status">{STATUS_WORD[step.status]}</span>
          </li>
        ))}
      </ol>
      {replay && (
        <>
          <p className="recovery-replay" data-testid="replay-summary">
            Replay ({replay.mode}){replay.running ? ' so far' : ''}: {replay.scanned.toLocaleString('en-US')} scanned · {replay.applied.toLocaleString('en-US')} applied ·{' '}
            {replay.skipped.toLocaleString('en-US')} skipped · {replay.discarded.toLocaleString('en-US')} discarded
            {replay.stoppedAt !== null && (
              <>
                {' '}
                · stopped at {formatRecordNo(replay.stoppedAt)}: {REASON_WORD[replay.reason]}
              </>
            )}
            {replay.stoppedAt === null && !replay.running && <> · {REASON_WORD[replay.reason]}</>}
          </p>
          <p className="recovery-formula" data-testid="replay-formula">
            <span className="recovery-formula-name">Replay time{replay.running ? ' so far' : ''} = </span>
            <span className="mono">{costFormula(replay.cost, ratesOf(params)).text}</span>
          </p>
        </>
      )}
      {recovery.amnesiac && (
        <p className="recovery-warn" data-testid="recovery-amnesiac">
          <span aria-hidden="true">⚠ </span>Amnesiac: it came back behind writes it had acknowledged, so it does not vote or serve fresh reads until it has caught
          up past them.
        </p>
      )}
      {recovery.corruptKnown > 0 && (
        <p className="recovery-warn" data-testid="recovery-corrupt">
          <span aria-hidden="true">⚠ </span>
          {recovery.corruptKnown} {recovery.corruptKnown === 1 ? 'replica' : 'replicas'} here known corrupt: never a copy source.
        </p>
      )}
      {recovery.catchUp && (
        <div className="recovery-catchup">
          <h4>Caught up from peers</h4>
          <ul data-testid="catch-up-split">
            {catchUpLines(recovery.catchUp).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
