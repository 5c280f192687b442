import { useId } from 'react';
import type { RepairSessionView, RepairView } from '../../engine/index';
import type { RepairPanelView } from '../../store/repair-panel';
import { formatSimTime } from '../format';
import { MerkleTrees } from './merkle-trees';
import { EXCHANGE_WORDS, hashesCounter, keysCounter, leafSentence, phaseLine, replicaPairs, repairSteps, type RepairStep } from './repair-words';
import { StaleKeyTable } from './stale-key-table';

export interface RepairPanelProps {
  panel: RepairPanelView;
  onPickPair: (pair: [string, string]) => void;
  onRun: (mode: 'full' | 'incremental') => void;
}

/**
 * The shard inspector's Repair panel (design recovery-repair.md §12): two replicas' Merkle trees, the anti-entropy
 * session's phase and counters, and the stale keys. A pure function of the engine's view, so it is tested from a
 * fixture; RepairSection feeds it from the store.
 */
export function RepairPanel({ panel, onPickPair, onRun }: RepairPanelProps) {
  const view = panel.view;
  return (
    <div className="repair-panel" data-testid="merkle-view" data-shard={panel.shard}>
      <h3 className="repair-title">Repair of {panel.shard}: Merkle trees and anti-entropy</h3>
      {panel.replication !== 'leaderless' ? (
        <p className="repair-note">
          {panel.shard}’s replicas follow a primary: they can only lag behind its log, never hold a key differently, so there are no Merkle trees
          to compare. Anti-entropy and read repair belong to leaderless replication (<span className="mono">replication: leaderless</span>, the
          Cassandra and Dynamo profiles).
        </p>
      ) : view === null ? (
        <p className="repair-note">The engine has no repair view of {panel.shard} yet.</p>
      ) : (
        <LeaderlessRepair view={view} onPickPair={onPickPair} onRun={onRun} />
      )}
    </div>
  );
}

function LeaderlessRepair({ view, onPickPair, onRun }: { view: RepairView; onPickPair: RepairPanelProps['onPickPair']; onRun: RepairPanelProps['onRun'] }) {
  const session = view.session;
  const running = session !== null && session.phase !== 'finished' && session.phase !== 'failed';
  const sentence = session && leafSentence(view, session);
  return (
    <div className="repair-cols">
      <div className="repair-info">
        <PhaseStepper session={session} />
        {session ? (
          <>
            <p className="repair-now">
              <strong>{phaseLine(session)}</strong>
            </p>
            <p className="repair-facts">
              {session.mode === 'full' ? 'Full' : 'Incremental'} repair of {session.participants.join(', ')} · exchanging {EXCHANGE_WORDS[session.exchange]} ·
              started {formatSimTime(session.startedAtMs)}
              {session.endedAtMs !== null && ` · ended ${formatSimTime(session.endedAtMs)}`}
            </p>
            <ul className="repair-counters">
              <li data-testid="merkle-hashes">{hashesCounter(session)}</li>
              <li data-testid="merkle-keys">{keysCounter(session)}</li>
            </ul>
            {sentence && <p className="repair-sentence">{sentence}</p>}
          </>
        ) : (
          <p className="repair-now">
            No repair session has run on {view.shard} yet. A repair builds each replica’s Merkle tree, compares them and streams the key ranges
            that differ.
          </p>
        )}
        {!running && (
          <div className="repair-actions" role="group" aria-label={`Run a repair of ${view.shard}`}>
            <button type="button" data-testid="repair-run-full" onClick={() => onRun('full')}>
              Run a full repair
            </button>
            <button type="button" data-testid="repair-run-incremental" onClick={() => onRun('incremental')}>
              Run an incremental repair
            </button>
          </div>
        )}
      </div>
      <div className="repair-keys">
        <Watermark view={view} />
        <StaleKeyTable view={view} />
      </div>
      <div className="repair-drawing">
        <TreeHeader view={view} onPickPair={onPickPair} />
        <MerkleTrees trees={view.trees} depth={view.depth} litLevel={session?.phase === 'comparing' ? session.level : null} />
        <p className="repair-legend">
          <span aria-hidden="true">≠</span> marks a node whose hash differs between the two replicas: somewhere under it a key is held
          differently.{session?.phase === 'comparing' && session.level !== null ? ' The lit column is the level being compared.' : ''}
        </p>
      </div>
    </div>
  );
}

const STEP_WORD: Record<RepairStep, string> = {
  requested: 'requested',
  validating: 'validating',
  comparing: 'comparing',
  streaming: 'streaming',
  finished: 'finished',
  failed: 'failed',
};

type StepStatus = 'done' | 'current' | 'todo';
const STATUS_GLYPH: Record<StepStatus, string> = { done: '✓', current: '▶', todo: '○' };
const STATUS_WORD: Record<StepStatus, string> = { done: 'done', current: 'now', todo: '' };

function PhaseStepper({ session }: { session: RepairSessionView | null }) {
  const phase = session?.phase ?? null;
  const steps = repairSteps(phase);
  const at = phase === null ? -1 : steps.indexOf(phase);
  return (
    <ol className="repair-steps" data-testid="repair-phase" data-phase={phase ?? 'none'} aria-label="Phases of the repair session">
      {steps.map((step, i) => {
        // A finished session has done every step; its last one is where it stands.
        const status: StepStatus = i < at ? 'done' : i === at ? (step === 'finished' ? 'done' : 'current') : 'todo';
        const current = i === at;
        return (
          <li
            key={step}
            data-step={step}
            className={`repair-step is-${status}${current ? ' is-at' : ''}${step === 'failed' ? ' is-failed' : ''}`}
            aria-current={current ? 'step' : undefined}
          >
            <span className="repair-step-glyph" aria-hidden="true">
              {step === 'failed' ? '✕' : STATUS_GLYPH[status]}
            </span>
            <span className="repair-step-label">{STEP_WORD[step]}</span>
            {STATUS_WORD[status] && <span className="repair-step-status">{current && step !== 'finished' ? 'now' : STATUS_WORD[status]}</span>}
          </li>
        );
      })}
    </ol>
  );
}

function TreeHeader({ view, onPickPair }: { view: RepairView; onPickPair: RepairPanelProps['onPickPair'] }) {
  const id = useId();
  const pairs = replicaPairs(view.replicas);
  return (
    <div className="repair-tree-head">
      <h4>
        Merkle trees · depth {view.depth}: {view.leaves.toLocaleString('en-US')} leaves of {view.keysPerLeaf.toLocaleString('en-US')} keys
      </h4>
      {view.replicas.length > 2 && (
        <span className="repair-pair">
          <label htmlFor={id}>Compare</label>{' '}
          <select
            id={id}
            data-testid="merkle-pair"
            value={view.pair.join(' ')}
            onChange={(e) => {
              const [a, b] = e.target.value.split(' ');
              onPickPair([a, b]);
            }}
          >
            {pairs.map(([a, b]) => (
              <option key={`${a} ${b}`} value={`${a} ${b}`}>
                {a} and {b}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}

function Watermark({ view }: { view: RepairView }) {
  if (view.repairedAt === null && !view.pendingRepair && view.hintsPending === 0) return null;
  return (
    <ul className="repair-marks">
      {view.repairedAt !== null && (
        <li data-testid="repair-watermark">
          Marked repaired up to write #{view.repairedAt}: incremental repair will not compare those writes again (only a full repair will).
        </li>
      )}
      {view.pendingRepair && (
        <li data-testid="repair-pending">
          <span aria-hidden="true">⚠ </span>Pending repair: an incremental session stopped mid-stream; the next session picks its data up.
        </li>
      )}
      {view.hintsPending > 0 && (
        <li data-testid="repair-hints">
          {view.hintsPending.toLocaleString('en-US')} hint{view.hintsPending === 1 ? '' : 's'} held for {view.shard}’s replicas, waiting to be handed over.
        </li>
      )}
    </ul>
  );
}
