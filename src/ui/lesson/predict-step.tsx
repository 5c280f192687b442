import { useState, type FormEvent } from 'react';
import type { PredictStep, PredictionRecord } from '../../lessons/lesson-types';
import { LessonMarkdown, inline } from './lesson-markdown';

/**
 * A prediction: one choice (radio buttons) or a number, an optional "why", and Commit. Once committed it is
 * recorded at the run's current event and cannot change (credit is for predicting before observing).
 */
export function PredictStepView({
  step,
  committed,
  eventCount,
  onCommit,
}: {
  step: PredictStep;
  committed: PredictionRecord | undefined;
  eventCount: number;
  onCommit: (record: PredictionRecord) => void;
}) {
  const [choice, setChoice] = useState<string>('');
  const [value, setValue] = useState<string>('');
  const [why, setWhy] = useState<string>('');
  const numeric = !step.choices && step.numeric;
  const ready = numeric ? value.trim() !== '' && Number.isFinite(Number(value)) : choice !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || committed) return;
    const record: PredictionRecord = numeric ? { value: Number(value), atEvent: eventCount } : { choice, atEvent: eventCount };
    if (why.trim() !== '') record.why = why.trim();
    onCommit(record);
  };

  if (committed) {
    const picked = committed.choice !== undefined ? step.choices?.find((c) => c.id === committed.choice) : undefined;
    return (
      <div className="lesson-predict">
        <LessonMarkdown text={step.prompt} />
        <p className="lesson-committed" role="status">
          Your prediction, committed at event {committed.atEvent}:{' '}
          <strong>{picked ? inline(picked.text) : `${committed.value ?? ''} ${step.numeric?.unit ?? ''}`}</strong>
        </p>
        {committed.why && <p className="lesson-muted">Why: {committed.why}</p>}
      </div>
    );
  }

  return (
    <form className="lesson-predict" onSubmit={submit}>
      <fieldset>
        <legend>
          <LessonMarkdown text={step.prompt} />
        </legend>
        {step.choices?.map((c) => (
          <label key={c.id} className="lesson-choice">
            <input type="radio" name={`predict-${step.id}`} value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} data-testid={`lesson-choice-${c.id}`} />
            <span>{inline(c.text)}</span>
          </label>
        ))}
        {numeric && (
          <label className="lesson-number">
            Your estimate{step.numeric?.unit ? ` (${step.numeric.unit})` : ''}
            <input type="number" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} data-testid="lesson-number" />
          </label>
        )}
      </fieldset>
      {step.why && (
        <label className="lesson-why">
          Why do you think so? (optional)
          <textarea rows={2} value={why} onChange={(e) => setWhy(e.target.value)} data-testid="lesson-why" />
        </label>
      )}
      <button type="submit" className="primary" disabled={!ready} data-testid="lesson-commit" aria-describedby={ready ? undefined : `commit-hint-${step.id}`}>
        Commit my prediction
      </button>
      {!ready && (
        <p id={`commit-hint-${step.id}`} className="lesson-muted">
          {numeric ? 'Enter a number to commit.' : 'Pick one answer to commit.'} What comes next stays locked until you do.
        </p>
      )}
    </form>
  );
}
