import { useMemo, useState } from 'react';
import { parseCliCommand } from '../../engine/index';
import type { Lesson, LessonSource } from '../../lessons/lesson-types';
import { parseLesson } from '../../lessons/parse-lesson';
import { getBuiltInScenarioData } from '../../scenarios/built-in-registry';
import { useConsole } from '../session-context';
import { checkInWorker, type CheckVerdict } from './check-in-worker';
import { buildLesson, lessonFileText, recordedCommands, setupCommands, toBase64Url, type LessonTexts } from './build-lesson';
import { seconds, type Recording } from './recording';

type GoalRecording = Extract<Recording, { phase: 'goal' }>;

const LEVELS: Lesson['level'][] = ['intro', 'core', 'advanced'];
const SOURCES: { id: LessonSource; words: string }[] = [
  { id: '000', words: '000 — the FailoverManager and re-replication' },
  { id: '001', words: '001 — re-homing at RF 3' },
  { id: '002', words: '002 — recovery and repair' },
  { id: '003', words: '003 — automatic failover (RethinkDB)' },
];
const CHOICES = 4;

/**
 * The goal is marked: the proposed checks to tick, the lesson's texts, and the lesson itself — validated by the same
 * parser a learner's page uses (parseLesson), downloadable as a file and openable in a new tab (`?lessonJson=`).
 */
export function LessonForm({ recording, onDiscard }: { recording: GoalRecording; onDiscard: () => void }) {
  const scenarioTitle = useConsole((s) => s.scenario.title);
  const { start, goal, proposals } = recording;
  const done = recordedCommands(goal.run.commands, start.moment, goal.moment);
  const doneText = done.map((c) => c.cli).join(', ');
  const [ticked, setTicked] = useState<boolean[]>(() => proposals.map(() => false));
  const [texts, setTexts] = useState<LessonTexts>(() => ({
    title: '',
    summary: done.length > 0 ? `${scenarioTitle}: what happens after ${doneText}?` : `${scenarioTitle}: what happens next?`,
    objectives: ['Say what the console shows, and why: in the event log, the metrics and the cluster view'],
    minutes: 10,
    level: 'intro',
    source: '001',
    prompt: done.length > 0 ? `Do it yourself: ${doneText}. Then play on and press Check.` : 'Play on and press Check.',
    hints: [],
    explanation: '',
    predict: null,
  }));
  const set = <K extends keyof LessonTexts>(key: K, value: LessonTexts[K]) => setTexts((t) => ({ ...t, [key]: value }));
  const [predict, setPredict] = useState({ prompt: '', choices: Array<string>(CHOICES).fill(''), answer: 0 });

  const built = useMemo(() => {
    const checks = proposals.filter((_, i) => ticked[i]).map((p) => p.check);
    const missing: string[] = [];
    if (checks.length === 0) missing.push('tick at least one check: the task needs something to check');
    if (!texts.title.trim()) missing.push('give the lesson a title');
    if (done.length === 0) missing.push('no commands were recorded between the start and the goal: the learner would have nothing to do');
    if (missing.length > 0) return { lesson: null, text: null, problems: missing };
    const setup = setupCommands(goal.run.commands, start.moment);
    const setupTimeline = setup.flatMap((c) => {
      const parsed = parseCliCommand(c.cli);
      return parsed.ok ? [{ atMs: c.atMs, command: parsed.command as unknown }] : [];
    });
    // Setup commands join the scenario's own timeline, so a built-in id becomes the built-in's data.
    const scenario = setup.length > 0 && typeof goal.run.scenario === 'string' ? (getBuiltInScenarioData(goal.run.scenario) as unknown as Record<string, unknown>) : goal.run.scenario;
    const wantsPredict = predict.prompt.trim() !== '' || predict.choices.some((c) => c.trim() !== '');
    const lesson = buildLesson({
      scenario,
      seed: goal.run.seed,
      commands: goal.run.commands,
      setupTimeline,
      start: start.moment,
      goal: goal.moment,
      checks,
      texts: { ...texts, predict: wantsPredict ? predict : null },
    });
    const text = lessonFileText(lesson);
    const parsed = parseLesson(text);
    const problems = parsed.ok ? [] : parsed.problems;
    if (wantsPredict && predict.choices.filter((c) => c.trim()).length < 2) problems.unshift('the prediction needs a question and at least two choices');
    return { lesson: parsed.ok ? lesson : null, text, problems };
  }, [proposals, ticked, texts, predict, done.length, goal, start]);

  // `lesson check` on exactly this text: the solution must pass the ticked checks and doing nothing must fail them.
  const [verdict, setVerdict] = useState<{ text: string; result: CheckVerdict | null } | null>(null);
  const shown = verdict && verdict.text === built.text ? verdict.result : undefined;
  const runCheck = () => {
    const text = built.text;
    if (!text) return;
    setVerdict({ text, result: null });
    void checkInWorker(text).then((result) => setVerdict((v) => (v && v.text === text ? { text, result } : v)));
  };

  const download = () => {
    if (!built.lesson || !built.text) return;
    const url = URL.createObjectURL(new Blob([built.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${built.lesson.id}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const tryHref = built.lesson && built.text ? `${location.pathname}?lessonJson=${toBase64Url(built.text)}` : null;
  const moments = new Set(done.map((c) => c.afterEvent)).size;

  return (
    <div className="recorder-goal">
      <fieldset className="recorder-proposals">
        <legend>Checks the console proposes (true at {seconds(goal.moment.timeMs)}, false at {seconds(start.moment.timeMs)})</legend>
        {proposals.length === 0 ? (
          <p className="recorder-muted">Nothing changed between the two moments, so there is nothing to check. Discard and record again.</p>
        ) : (
          <ul>
            {proposals.map((p, i) => (
              <li key={p.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={ticked[i]}
                    onChange={(e) => setTicked((t) => t.map((v, j) => (j === i ? e.target.checked : v)))}
                    data-testid={`recorder-proposal-${i}`}
                  />
                  <span>{p.label}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p className="recorder-muted">
          The learner passes the task when every ticked check holds.
          {moments > 1 &&
            ' You gave commands at more than one moment: the solution gives them one after another when the task starts (a lesson’s solution cannot wait between them), so run Check the lesson.'}
        </p>
      </fieldset>

      <div className="recorder-fields">
        <label>
          <span>Title</span>
          <input type="text" value={texts.title} onChange={(e) => set('title', e.target.value)} data-testid="recorder-title" placeholder="e.g. A node dies: where do its shards go?" />
        </label>
        <label>
          <span>Summary (the first step's text)</span>
          <textarea rows={2} value={texts.summary} onChange={(e) => set('summary', e.target.value)} data-testid="recorder-summary" />
        </label>
        <label>
          <span>What the learner does (the task)</span>
          <textarea rows={2} value={texts.prompt} onChange={(e) => set('prompt', e.target.value)} data-testid="recorder-prompt" />
        </label>
        <label>
          <span>Hints, one per line (unlocked one by one)</span>
          <textarea rows={2} value={texts.hints.join('\n')} onChange={(e) => set('hints', e.target.value.split('\n'))} data-testid="recorder-hints" />
        </label>
        <label>
          <span>Explanation (shown after the task)</span>
          <textarea rows={2} value={texts.explanation} onChange={(e) => set('explanation', e.target.value)} data-testid="recorder-explanation" />
        </label>
        <label>
          <span>Objectives, one per line</span>
          <textarea rows={2} value={texts.objectives.join('\n')} onChange={(e) => set('objectives', e.target.value.split('\n'))} data-testid="recorder-objectives" />
        </label>
        <div className="recorder-inline">
          <label>
            <span>Minutes</span>
            <input type="number" min={1} max={240} value={texts.minutes} onChange={(e) => set('minutes', Math.max(1, Math.round(Number(e.target.value) || 1)))} />
          </label>
          <label>
            <span>Level</span>
            <select value={texts.level} onChange={(e) => set('level', e.target.value as Lesson['level'])}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Source</span>
            <select value={texts.source} onChange={(e) => set('source', e.target.value as LessonSource)}>
              {SOURCES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.words}
                </option>
              ))}
            </select>
          </label>
        </div>
        <details className="recorder-predict">
          <summary>Ask for a prediction first (optional)</summary>
          <label>
            <span>Question</span>
            <input type="text" value={predict.prompt} onChange={(e) => setPredict({ ...predict, prompt: e.target.value })} data-testid="recorder-predict-prompt" />
          </label>
          <fieldset>
            <legend>Choices (mark the right one)</legend>
            {predict.choices.map((choice, i) => (
              <div key={i} className="recorder-choice">
                <input
                  type="radio"
                  name="recorder-answer"
                  checked={predict.answer === i}
                  onChange={() => setPredict({ ...predict, answer: i })}
                  aria-label={`Choice ${'abcd'[i]} is the right answer`}
                />
                <input
                  type="text"
                  value={choice}
                  onChange={(e) => setPredict({ ...predict, choices: predict.choices.map((c, j) => (j === i ? e.target.value : c)) })}
                  aria-label={`Choice ${'abcd'[i]}`}
                  data-testid={`recorder-choice-${i}`}
                />
              </div>
            ))}
          </fieldset>
        </details>
      </div>

      <div className="recorder-actions">
        {built.problems.length > 0 && (
          <div className="recorder-problems" data-testid="recorder-problems">
            <p>
              <span className="recorder-glyph" aria-hidden="true">
                ⚠
              </span>{' '}
              Before this lesson can be downloaded:
            </p>
            <ul>
              {built.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <button type="button" onClick={runCheck} disabled={!built.lesson || shown === null} data-testid="recorder-check">
          Check the lesson
        </button>
        <button type="button" className="primary" onClick={download} disabled={!built.lesson} data-testid="recorder-download">
          Download {built.lesson?.id ?? 'lesson'}.json
        </button>
        {tryHref ? (
          <a className="button-link" href={tryHref} target="_blank" rel="noopener" data-testid="recorder-try">
            Try it (new tab)
          </a>
        ) : (
          <button type="button" disabled data-testid="recorder-try">
            Try it (new tab)
          </button>
        )}
        <button type="button" onClick={onDiscard}>
          Discard and record again
        </button>
        <div className="recorder-verdict" role="status" data-testid="recorder-check-result" data-ok={shown ? String(shown.ok) : undefined}>
          {shown === null && 'Checking: playing the solution, then an empty answer…'}
          {shown?.ok && (
            <>
              <span className="recorder-glyph">✓</span> Lesson check passed: the solution passes every ticked check, and doing nothing fails them.
            </>
          )}
          {shown && !shown.ok && (
            <>
              <span className="recorder-glyph">✕</span> Lesson check failed:
              <ul>
                {shown.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
