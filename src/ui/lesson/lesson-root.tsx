import { useEffect, useState, type FormEvent } from 'react';
import { lessonHash } from '../../lessons/lesson-hash';
import { LESSON_PANELS } from '../../lessons/lesson-schema';
import { resolveLessonQuery } from '../../lessons/lesson-source';
import type { Lesson, ResolvedLesson } from '../../lessons/lesson-types';
import { applyVariant, variantFor } from '../../lessons/variants';
import { useSession } from '../session-context';
import type { LessonHost } from './lesson-host';
import { LessonPlayer } from './lesson-player';
import type { LessonOrigin } from './lesson-progress';
import './lesson.css';

/** Where a learner's id is kept between visits (decision 8). */
export const STUDENT_KEY = 'failover-lab.student';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'student'; lesson: Lesson; text: string; ref: string | null }
  | { kind: 'ready'; resolved: ResolvedLesson; text: string; origin: LessonOrigin };

/**
 * The lesson player's entry, loaded only when the URL has `lesson` or `lessonJson` (decision 1): it resolves the
 * lesson, asks the learner's id once when the URL has none, picks their variant, loads it as the console's run and
 * shows the player. A lesson that cannot load is an alert naming the problem; the console keeps its default scenario.
 */
export default function LessonRoot({ search, host }: { search: string; host?: LessonHost }) {
  const client = useSession();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const start = async (lesson: Lesson, text: string, ref: string | null, student: string) => {
    const hash = lessonHash(text);
    const variant = variantFor(lesson, hash, student);
    try {
      const resolved = applyVariant(lesson, variant);
      await client.lessonLoad(text, variant);
      const startAt = resolved.lesson.ui.start;
      if (startAt && 'timeMs' in startAt) await client.seek(startAt.timeMs);
      else if (startAt && 'event' in startAt) await client.seekToEvent(startAt.event);
      // An inline lesson travels in the result as its text (encodeResult writes it as lessonJson).
      setPhase({ kind: 'ready', resolved, text, origin: { ref, json: ref === null ? text : null, hash, student, variant } });
      host?.loaded({ ok: true, lessonId: lesson.id, title: lesson.title, variant });
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      void client.alert(`Lesson: ${problem}`, 'url');
      setPhase({ kind: 'failed' });
      host?.loaded({ ok: false, problem });
    }
  };

  useEffect(() => {
    let live = true;
    void resolveLessonQuery(search, fetchText).then((found) => {
      if (!live) return;
      if (!found.ok) {
        void client.alert(`Lesson: ${found.problems.join('; ')}. The console shows its default scenario instead.`, 'url');
        setPhase({ kind: 'failed' });
        host?.loaded({ ok: false, problem: found.problems.join('; ') });
        return;
      }
      const student = found.student ?? storedStudent();
      if (student) void start(found.lesson, found.text, found.ref, student);
      else {
        setPhase({ kind: 'student', lesson: found.lesson, text: found.text, ref: found.ref });
        host?.loaded({ ok: true, lessonId: found.lesson.id, title: found.lesson.title, variant: null });
      }
    });
    return () => {
      live = false;
    };
    // The URL is read once, when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (phase.kind === 'failed') return;
    document.documentElement.classList.add('has-lesson');
    return () => document.documentElement.classList.remove('has-lesson');
  }, [phase.kind]);

  // `ui.panels`: the console areas the lesson leaves out are hidden while it shows (lesson.css reads the attribute).
  const panels = phase.kind === 'ready' ? phase.resolved.lesson.ui.panels : undefined;
  useEffect(() => {
    if (!panels) return;
    const root = document.documentElement;
    root.dataset.lessonHide = LESSON_PANELS.filter((p) => !panels.includes(p)).join(' ');
    return () => {
      delete root.dataset.lessonHide;
    };
  }, [panels]);

  if (phase.kind === 'failed') return null;
  if (phase.kind === 'loading')
    return (
      <aside className="lesson-player" data-testid="lesson-player" aria-label="Lesson">
        <p role="status">Loading the lesson…</p>
      </aside>
    );
  if (phase.kind === 'student')
    return (
      <StudentForm
        title={phase.lesson.title}
        onDone={(student) => {
          try {
            localStorage.setItem(STUDENT_KEY, student);
          } catch {
            // Storage may be off (private mode): the id lives for this visit only.
          }
          void start(phase.lesson, phase.text, phase.ref, student);
        }}
      />
    );
  return <LessonPlayer client={client} resolved={phase.resolved} lessonText={phase.text} origin={phase.origin} host={host} />;
}

function StudentForm({ title, onDone }: { title: string; onDone: (student: string) => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const student = value.trim();
    if (student !== '') onDone(student);
  };
  return (
    <aside className="lesson-player" data-testid="lesson-player" aria-label={`Lesson: ${title}`}>
      <header className="lesson-head">
        <h2>{title}</h2>
      </header>
      <form className="lesson-body lesson-student" onSubmit={submit}>
        <label>
          Your name or student id (it goes into your result, and picks your variant of the exercise)
          <input type="text" value={value} onChange={(e) => setValue(e.target.value)} maxLength={100} autoComplete="off" data-testid="lesson-student" />
        </label>
        <button type="submit" className="primary" disabled={value.trim() === ''}>
          Start the lesson
        </button>
      </form>
    </aside>
  );
}

function storedStudent(): string | null {
  try {
    const stored = localStorage.getItem(STUDENT_KEY);
    return stored && stored.trim() !== '' ? stored : null;
  } catch {
    return null;
  }
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.text();
}
