import { useState } from 'react';
import type { ObserveOutcome, ObserveStep, ObservedRun } from '../../lessons/lesson-types';
import { LessonMarkdown } from './lesson-markdown';

/**
 * An observe step: the same seed run headless once per label in the engine's worker (apart from the learner's run),
 * compared side by side; each run can be opened in the console.
 */
export function ObserveStepView({
  step,
  outcome,
  run,
  onOpenRun,
}: {
  step: ObserveStep;
  outcome: ObserveOutcome | undefined;
  run: () => Promise<void>;
  onOpenRun: (run: ObservedRun) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const start = () => {
    setBusy(true);
    setProblem(null);
    run()
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
      .finally(() => setBusy(false));
  };
  const labels = step.runs.map((r) => r.label);
  return (
    <div className="lesson-observe">
      {step.text && <LessonMarkdown text={step.text} />}
      <p className="lesson-muted">Runs compared, each from the same seed: {step.runs.map((r) => describeRun(r.label, r.set)).join('; ')}.</p>
      {!outcome && (
        <button type="button" className="primary" onClick={start} disabled={busy} aria-busy={busy}>
          {busy ? 'Running…' : 'Run the comparison'}
        </button>
      )}
      {problem && (
        <p role="alert" className="lesson-fail">
          {problem}
        </p>
      )}
      {outcome && (
        <>
          <div className="lesson-table-wrap">
            <table className="lesson-observe-table" data-testid="lesson-observe-table">
              <caption className="visually-hidden">Comparison of the runs</caption>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  {labels.map((l) => (
                    <th key={l} scope="col">
                      {l}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {outcome.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {labels.map((l) => (
                      <td key={l} className="mono">
                        {formatValue(row.values[l], row.unit)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="lesson-open-runs">
            {outcome.runs.map((r) => (
              <button key={r.label} type="button" onClick={() => onOpenRun(r)} data-testid={`lesson-open-run-${r.label}`}>
                Open {r.label} in the console
              </button>
            ))}
          </div>
          {outcome.runs.some((r) => !r.reached || r.refused.length > 0) && (
            <ul className="lesson-muted">
              {outcome.runs.map((r) =>
                [!r.reached ? `${r.label}: stopped at its time limit before "${String(step.until)}"` : null, ...r.refused.map((text) => `${r.label}: refused ${text}`)]
                  .filter((t): t is string => t !== null)
                  .map((t) => <li key={t}>{t}</li>),
              )}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function describeRun(label: string, set: Record<string, unknown> | undefined): string {
  const changes = Object.entries(set ?? {}).map(([path, value]) => `${path} = ${String(value)}`);
  return changes.length > 0 ? `${label} (${changes.join(', ')})` : label;
}

/** A compared value in words: yes/no, a number with its unit (bytes also in MiB), else its JSON. */
export function formatValue(value: unknown, unit?: string): string {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const n = value.toLocaleString('en-US');
    if (unit === 'bytes' && value >= 1024 * 1024) return `${n} bytes (${(value / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB)`;
    if (unit === 'ms' && value >= 1000) return `${n} ms (${(value / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s)`;
    return unit ? `${n} ${unit}` : n;
  }
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
