import { useState } from 'react';
import type { CheckOutcome, TaskStep } from '../../lessons/lesson-types';
import { formatValue } from './observe-step';
import { LessonMarkdown } from './lesson-markdown';

/**
 * A task: the learner acts in the live console, then Check evaluates the task's check on their run at this moment
 * (in the worker, label `you`). Hints unlock one at a time and are counted.
 */
export function TaskStepView({
  step,
  outcome,
  passedAtEvent,
  hintsShown,
  check,
  showHint,
}: {
  step: TaskStep;
  outcome: CheckOutcome | undefined;
  passedAtEvent: number | undefined;
  hintsShown: number;
  check: () => Promise<void>;
  showHint: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const hints = step.hints ?? [];
  const run = () => {
    setBusy(true);
    check().finally(() => setBusy(false));
  };
  return (
    <div className="lesson-task">
      <LessonMarkdown text={step.prompt} />
      {step.allowCommands && step.allowCommands.length > 0 && (
        <p className="lesson-muted">You may use: {step.allowCommands.map((c) => c.replace(/^config\.set:/, 'setting ')).join(', ')}.</p>
      )}
      <button type="button" className="primary" onClick={run} disabled={busy} data-testid="lesson-check">
        Check my run
      </button>
      <div aria-live="polite" data-testid="lesson-check-result" className={outcome ? (outcome.passed ? 'lesson-pass' : 'lesson-fail') : undefined}>
        {outcome && outcomeWords(outcome, passedAtEvent)}
      </div>
      {hints.length > 0 && (
        <div className="lesson-hints">
          <ol>
            {hints.slice(0, hintsShown).map((hint, i) => (
              <li key={i} data-testid={`lesson-hint-${i + 1}`}>
                <LessonMarkdown text={hint} />
              </li>
            ))}
          </ol>
          {hintsShown < hints.length ? (
            <button type="button" onClick={showHint} data-testid="lesson-hint">
              Show hint {hintsShown + 1} of {hints.length}
            </button>
          ) : (
            <p className="lesson-muted">All {hints.length} hints shown.</p>
          )}
          {hintsShown > 0 && <p className="lesson-muted">Hints taken: {hintsShown}.</p>}
        </div>
      )}
    </div>
  );
}

function outcomeWords(outcome: CheckOutcome, passedAtEvent: number | undefined): string {
  if (outcome.error) return `The check could not be evaluated: ${outcome.error}`;
  const value = typeof outcome.value === 'boolean' ? '' : ` (the check's value: ${formatValue(outcome.value)})`;
  if (outcome.passed) return `Passed: your run does what the task asks${passedAtEvent !== undefined ? `, at event ${passedAtEvent}` : ''}.${value}`;
  return `Not yet: your run does not do what the task asks at this moment${value || " (the check's value: false)"}. Change something, play, and check again.`;
}
