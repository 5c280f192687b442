import { useState } from 'react';
import { createPortal } from 'react-dom';
import { proposeChecks } from '../../lessons/propose-checks';
import { getBuiltInScenarioData } from '../../scenarios/built-in-registry';
import { useConsole, useSession } from '../session-context';
import { recordedCommands, setupCommands } from './build-lesson';
import { LessonForm } from './lesson-form';
import { readShareQuery } from './recording-query';
import { seconds, type Mark, type Recording } from './recording';
import './recorder.css';

/**
 * Record a lesson (teaching-embed.md §2.9): Start recording marks the moment and the scenario; the teacher uses the
 * console as usual; "This is the goal" marks the goal, and the console proposes checks from what differs between the
 * two moments (lessons/propose-checks.ts). The teacher ticks the ones that make the point and writes the texts
 * (lesson-form.tsx), then downloads lesson.json or tries it in a new tab.
 */
export function RecorderPanel({ open, onClose, slotId }: { open: boolean; onClose: () => void; slotId: string }) {
  const session = useSession();
  const [recording, setRecording] = useState<Recording>({ phase: 'idle' });
  const [busy, setBusy] = useState(false);
  const [early, setEarly] = useState<string | null>(null);

  // Each mark pauses the run first, so the query, the state and the trace describe one moment.
  const mark = async (): Promise<Mark> => {
    await session.pause();
    const query = await session.shareQuery();
    const [state, trace] = [await session.getState(), await session.getTrace()];
    const run = readShareQuery(query, getBuiltInScenarioData);
    return { run, moment: run.moment, lastSeq: trace.length > 0 ? trace[trace.length - 1].seq : -1, view: { state, trace } };
  };
  const act = (work: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const start = act(async () => setRecording({ phase: 'recording', start: await mark() }));
  const markGoal = act(async () => {
    if (recording.phase !== 'recording') return;
    const goal = await mark();
    // A goal before the start (the teacher stepped back past it) has nothing to propose: say so, stay recording.
    if (goal.moment.eventCount < recording.start.moment.eventCount) {
      setEarly(`The goal must come after the start (${seconds(recording.start.moment.timeMs)}): play forward, then mark it.`);
      return;
    }
    setEarly(null);
    setRecording({ phase: 'goal', start: recording.start, goal, proposals: proposeChecks(recording.start.view, goal.view) });
  });
  const discard = () => setRecording({ phase: 'idle' });

  const slot = document.getElementById(slotId);
  if (!slot) return null;
  return createPortal(
    <section id="lesson-recorder" className="lesson-recorder" aria-label="Record a lesson" hidden={!open} data-testid="lesson-recorder">
      <div className="recorder-head">
        <h2>Record a lesson</h2>
        <span className="recorder-state" role="status">
          {stateWords(recording)}
        </span>
        <button type="button" className="link-button" onClick={onClose}>
          Hide
        </button>
      </div>
      {recording.phase === 'idle' && (
        <div className="recorder-row">
          <p>
            Set up the scenario and seed first. <strong>Start recording</strong> marks this moment; then use the console as
            usual (faults, settings, play) and press <strong>This is the goal</strong> when the run shows your point. The
            console then proposes checks from what changed.
          </p>
          <button type="button" className="primary" onClick={start} disabled={busy} data-testid="recorder-start">
            ● Start recording
          </button>
        </div>
      )}
      {recording.phase === 'recording' && (
        <div className="recorder-row">
          <RecordedSoFar start={recording.start} />
          <button type="button" className="primary" onClick={markGoal} disabled={busy} data-testid="recorder-goal">
            ⚑ This is the goal
          </button>
          <button type="button" onClick={discard}>
            Discard
          </button>
          {early && (
            <p className="recorder-early" role="alert">
              {early}
            </p>
          )}
        </div>
      )}
      {recording.phase === 'goal' && <LessonForm key={recording.goal.lastSeq} recording={recording} onDiscard={discard} />}
    </section>,
    slot,
  );
}

/** The commands given since the start, as the event log words them ("You: crash n3."). */
function RecordedSoFar({ start }: { start: Mark }) {
  const entries = useConsole((s) => s.trace).filter((e) => e.seq > start.lastSeq && e.kind === 'command' && e.actor === 'user');
  return (
    <div className="recorder-so-far">
      <p>Do what the learner should do (a fault, a setting), then play to the moment that shows the point.</p>
      {entries.length === 0 ? (
        <p className="recorder-muted">No commands yet.</p>
      ) : (
        <ol className="recorder-commands" aria-label="Commands recorded">
          {entries.map((e) => (
            <li key={e.seq}>
              {seconds(e.timeMs)}: {e.text}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function stateWords(recording: Recording): string {
  if (recording.phase === 'idle') return 'Not recording';
  if (recording.phase === 'recording') return `● Recording since ${seconds(recording.start.moment.timeMs)}`;
  const n = recordedCommands(recording.goal.run.commands, recording.start.moment, recording.goal.moment).length;
  const setup = setupCommands(recording.goal.run.commands, recording.start.moment).length;
  return (
    `Recorded ${seconds(recording.start.moment.timeMs)} → ${seconds(recording.goal.moment.timeMs)}: ` +
    `${n} command${n === 1 ? '' : 's'}${setup > 0 ? `, ${setup} before the start (setup)` : ''}`
  );
}
