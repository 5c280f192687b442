import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lesson, LessonStep, ObservedRun, ResolvedLesson } from '../../lessons/lesson-types';
import type { ConsoleClient } from '../../worker/console-client';
import { useConsole } from '../session-context';
import { ResultBox } from './result-box';
import { passedStepsOf, resultSummaryOf, stepStatusOf, type LessonHost } from './lesson-host';
import { LessonMarkdown, inline } from './lesson-markdown';
import { NO_PROGRESS, continueBlocked, shownSteps, type LessonOrigin, type LessonProgress } from './lesson-progress';
import { ObserveStepView } from './observe-step';
import { PredictStepView } from './predict-step';
import { TaskStepView } from './task-step';
import { describeHighlights, useHighlight } from './use-highlight';
import { useCommandPolicy } from './use-command-policy';

/**
 * The lesson player beside the console: one step at a time, its progress, Continue. Predictions lock what follows
 * until committed; observe steps run in the engine's worker; task checks evaluate the learner's live run there.
 */
export function LessonPlayer({
  client,
  resolved,
  lessonText,
  origin,
  host,
}: {
  client: ConsoleClient;
  resolved: ResolvedLesson;
  lessonText: string;
  origin: LessonOrigin;
  /** The page hosting the player (the embed), told of each step and result; none in the console. */
  host?: LessonHost;
}) {
  const lesson = resolved.lesson;
  const steps = shownSteps(lesson);
  const [progress, setProgress] = useState<LessonProgress>(NO_PROGRESS);
  const [watchMet, setWatchMet] = useState<boolean | null>(client.lessonWatchMet);
  /** The learner's own run while they look at an observe run in the console (its share query), else null. */
  const [myRun, setMyRun] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const eventCount = useConsole((s) => s.playback.eventCount);
  const step = steps[Math.min(progress.index, steps.length - 1)];
  const update = useCallback((change: (p: LessonProgress) => LessonProgress) => setProgress(change), []);

  // A step that plays to a moment, or goes on by itself, watches for it in the worker (a model event, not a timer).
  const watched = step?.type === 'narrate' ? (step.play?.until ?? step.advanceWhen ?? null) : null;
  const autoAdvance = useRef(false);
  const advanceOnce = useCallback(() => {
    if (!autoAdvance.current) return;
    autoAdvance.current = false;
    setProgress((p) => ({ ...p, index: Math.min(p.index + 1, steps.length - 1) }));
  }, [steps.length]);
  useEffect(
    () =>
      client.onLessonWatch((met) => {
        setWatchMet(met);
        if (met === true) advanceOnce();
      }),
    [client, advanceOnce],
  );
  useEffect(() => {
    autoAdvance.current = step?.type === 'narrate' && step.advanceWhen !== undefined && !step.play;
    void client.lessonWatch(watched).then(() => {
      if (client.lessonWatchMet === true) advanceOnce();
    });
  }, [client, watched, step, advanceOnce]);
  useEffect(() => () => void client.lessonWatch(null), [client]);
  useHighlight(step?.type === 'narrate' ? step.highlight : undefined);
  useCommandPolicy(client, lesson, step);

  // The host hears the current step and its status whenever either changes.
  const status = step ? stepStatusOf(step, progress, watchMet) : null;
  const stepId = step?.id;
  useEffect(() => {
    if (host && stepId !== undefined && status !== null) host.step({ stepId, status });
  }, [host, stepId, status]);
  // The host may ask for the learner's result at any moment: read from the latest progress, not a render's.
  const resultPage = host?.resultPage ?? `${window.location.origin}${window.location.pathname}`;
  const latest = useRef({ progress, myRun });
  useEffect(() => {
    latest.current = { progress, myRun };
  }, [progress, myRun]);
  useEffect(
    () =>
      host?.provideResult(async () => {
        const { progress: now, myRun: mine } = latest.current;
        return resultSummaryOf(lesson, origin, now, mine ?? (await client.shareQuery()), resultPage);
      }),
    [host, lesson, origin, client, resultPage],
  );

  if (!step) return null;
  const blocked = continueBlocked(step, progress, watchMet);
  const last = progress.index >= steps.length - 1;
  const variants = lesson.variants.values.length;

  const openRun = async (run: ObservedRun) => {
    if (myRun === null) setMyRun(await client.shareQuery());
    await client.restoreFromQuery(run.query);
  };
  const backToMyRun = async () => {
    if (myRun === null) return;
    await client.restoreFromQuery(myRun);
    setMyRun(null);
  };
  /** To another step; a comparison run open in the console gives the console back to the learner's run first. */
  const go = async (by: 1 | -1) => {
    await backToMyRun();
    update((p) => ({ ...p, index: Math.min(steps.length - 1, Math.max(0, p.index + by)) }));
  };

  return (
    <aside className={collapsed ? 'lesson-player collapsed' : 'lesson-player'} data-testid="lesson-player" aria-label={`Lesson: ${lesson.title}`}>
      <header className="lesson-head">
        <div>
          <h2>{lesson.title}</h2>
          <p className="lesson-muted">
            <span data-testid="lesson-progress">
              Step {progress.index + 1} of {steps.length}
            </span>
            {' · '}
            {origin.student}
            {lesson.variants.by === 'student' && variants > 1 && ` · Variant ${origin.variant + 1} of ${variants}`}
          </p>
        </div>
        <button type="button" className="lesson-collapse" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed} aria-controls="lesson-body">
          {collapsed ? 'Show lesson' : 'Hide lesson'}
        </button>
      </header>
      <div id="lesson-body" className="lesson-body" hidden={collapsed}>
        {myRun !== null && (
          <div className="lesson-banner" role="status">
            The console shows a comparison run, not yours.{' '}
            <button type="button" onClick={() => void backToMyRun()}>
              Back to my run
            </button>
          </div>
        )}
        <section className="lesson-step" data-testid="lesson-step" data-step={step.id} data-type={step.type} aria-live="polite">
          <StepView
            lesson={lesson}
            step={step}
            progress={progress}
            eventCount={eventCount}
            watchMet={watchMet}
            client={client}
            lessonText={lessonText}
            variant={resolved.variant}
            update={update}
            onOpenRun={(run) => void openRun(run)}
          />
        </section>
        <nav className="lesson-nav" aria-label="Lesson steps">
          <button type="button" onClick={() => void go(-1)} disabled={progress.index === 0}>
            Back
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void go(1)}
            disabled={blocked !== null || last}
            aria-describedby={blocked ? 'lesson-blocked' : undefined}
            data-testid="lesson-continue"
          >
            Continue
          </button>
        </nav>
        {blocked && (
          <p id="lesson-blocked" className="lesson-muted">
            {blocked}
          </p>
        )}
        {last && <p className="lesson-muted">This is the last step. Copy your result and hand it in.</p>}
        <ResultBox
          client={client}
          origin={origin}
          progress={progress}
          myRun={myRun}
          page={resultPage}
          onCopied={(resultUrl) => host?.result({ lessonId: lesson.id, variant: origin.variant, resultUrl, passedSteps: passedStepsOf(lesson, progress) })}
        />
      </div>
    </aside>
  );
}

function StepView({
  lesson,
  step,
  progress,
  eventCount,
  watchMet,
  client,
  lessonText,
  variant,
  update,
  onOpenRun,
}: {
  lesson: Lesson;
  step: LessonStep;
  progress: LessonProgress;
  eventCount: number;
  watchMet: boolean | null;
  client: ConsoleClient;
  lessonText: string;
  variant: number;
  update: (change: (p: LessonProgress) => LessonProgress) => void;
  onOpenRun: (run: ObservedRun) => void;
}) {
  switch (step.type) {
    case 'narrate':
      return (
        <>
          {step.text && <LessonMarkdown text={step.text} />}
          {step.highlight && step.highlight.length > 0 && <p className="lesson-muted">Highlighted in the console: {describeHighlights(step.highlight)}.</p>}
          {step.play && (
            <p className="lesson-watch" role="status">
              {watchMet === true ? (
                'The run paused at the moment this step plays to. Continue when you are ready.'
              ) : (
                <>
                  <button type="button" className="primary" onClick={() => void client.play()}>
                    Play
                  </button>{' '}
                  The run pauses by itself at the moment this step is about.
                </>
              )}
            </p>
          )}
          {step.advanceWhen && !step.play && <p className="lesson-muted">This step goes on by itself when the run gets there: press play.</p>}
        </>
      );
    case 'predict':
      return (
        <PredictStepView
          key={step.id}
          step={step}
          committed={progress.predictions[step.id]}
          eventCount={eventCount}
          onCommit={(record) =>
            update((p) => ({
              ...p,
              predictions: { ...p.predictions, [step.id]: record },
              texts: record.why ? { ...p.texts, [step.id]: record.why } : p.texts,
            }))
          }
        />
      );
    case 'observe':
      return (
        <ObserveStepView
          step={step}
          outcome={progress.observed[step.id]}
          run={async () => {
            const outcome = await client.lessonObserve(lessonText, variant, step.id);
            // When the results were shown, so the grader can say if a prediction before them came later.
            const at = client.store.getState().playback.eventCount;
            update((p) => ({ ...p, observed: { ...p.observed, [step.id]: outcome }, done: { ...p.done, [step.id]: p.done[step.id] ?? at } }));
          }}
          onOpenRun={onOpenRun}
        />
      );
    case 'task':
      return (
        <TaskStepView
          step={step}
          outcome={progress.checks[step.id]}
          passedAtEvent={progress.done[step.id]}
          hintsShown={progress.hints[step.id] ?? 0}
          check={async () => {
            // Checked at one moment, paused: the event recorded is the one the grader replays to (decision 3).
            await client.pause();
            const outcome = await client.lessonCheck(step.check, progress.predictions);
            const at = client.store.getState().playback.eventCount;
            update((p) => ({
              ...p,
              checks: { ...p.checks, [step.id]: outcome },
              done: outcome.passed ? { ...p.done, [step.id]: at } : p.done,
            }));
          }}
          showHint={() => update((p) => ({ ...p, hints: { ...p.hints, [step.id]: (p.hints[step.id] ?? 0) + 1 } }))}
        />
      );
    case 'explain': {
      return (
        <div className="lesson-explain">
          {step.compareWithPrediction && <PredictionRecap lesson={lesson} stepId={step.compareWithPrediction} progress={progress} />}
          <LessonMarkdown text={step.text} />
        </div>
      );
    }
    case 'reflect':
      return (
        <label className="lesson-reflect">
          <LessonMarkdown text={step.prompt} />
          <textarea
            rows={3}
            value={progress.texts[step.id] ?? ''}
            onChange={(e) => {
              const value = e.target.value;
              update((p) => ({ ...p, texts: { ...p.texts, [step.id]: value } }));
            }}
            data-testid="lesson-reflect"
          />
        </label>
      );
    default:
      return null;
  }
}

/** An explanation is read beside what the learner predicted (and the lesson's answer, when it has one). */
function PredictionRecap({ lesson, stepId, progress }: { lesson: Lesson; stepId: string; progress: LessonProgress }) {
  const step = lesson.steps.find((s) => s.id === stepId);
  if (!step || step.type !== 'predict') return null;
  const mine = progress.predictions[stepId];
  const text = (choice: string | number | undefined) =>
    choice === undefined ? 'nothing' : typeof choice === 'number' ? `${choice} ${step.numeric?.unit ?? ''}` : (step.choices?.find((c) => c.id === choice)?.text ?? choice);
  return (
    <dl className="lesson-recap">
      <dt>You predicted</dt>
      <dd>{mine ? inline(String(text(mine.choice ?? mine.value))) : 'nothing (no prediction was committed)'}</dd>
      {step.answer !== undefined && (
        <>
          <dt>What happens</dt>
          <dd>{inline(String(text(step.answer)))}</dd>
        </>
      )}
    </dl>
  );
}
