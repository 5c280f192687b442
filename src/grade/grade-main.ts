import '../ui/global.css';
import './grade.css';
import { listBuiltInLessons } from '../lessons/built-in-lessons';
import { gradedSteps } from '../lessons/lesson-points';
import { resolveLessonQuery } from '../lessons/lesson-source';
import type { Lesson } from '../lessons/lesson-types';
import { parseLesson } from '../lessons/parse-lesson';
import { gradesCsv } from './grade-csv';
import { onePerStudent, type GraderRow } from './grade-lines';
import type { GradeReply, GradeRequest } from './grade-protocol';
import { renderGradeTable } from './grade-table';
import { resultLinesFromCsv, resultLinesFromText, type ResultLine } from './result-lines';

/**
 * The grader page (grade.html, teaching-embed.md §2.7): pick the lesson (`?lesson=<id | URL>`, a built-in, or a
 * file), paste result URLs or load the LMS's CSV, Grade — a Web Worker replays each result — then Download CSV.
 */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const builtinSelect = $<HTMLSelectElement>('lesson-builtin');
const lessonFile = $<HTMLInputElement>('lesson-file');
const lessonStatus = $<HTMLParagraphElement>('lesson-status');
const resultsText = $<HTMLTextAreaElement>('results');
const resultsFile = $<HTMLInputElement>('results-file');
const runButton = $<HTMLButtonElement>('run');
const gradeStatus = $<HTMLParagraphElement>('grade-status');
const csvButton = $<HTMLButtonElement>('csv');
const table = $<HTMLTableElement>('grades');
const summary = $<HTMLParagraphElement>('grades-summary');

let lesson: { lesson: Lesson; text: string } | null = null;
/** Lines from a loaded CSV; pasted text is used when there is none. */
let csvLines: ResultLine[] | null = null;
let rows: GraderRow[] = [];
let job = 0;
let worker: Worker | null = null;

const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;

for (const { id, title, source } of listBuiltInLessons()) builtinSelect.append(new Option(`${source} · ${title}`, id));

function setLesson(next: { lesson: Lesson; text: string } | null, status: string, problem = false): void {
  lesson = next;
  lessonStatus.textContent = status;
  lessonStatus.classList.toggle('problem', problem);
  rows = [];
  renderGradeTable(table, summary, lesson?.lesson.title ?? 'this lesson', lesson ? gradedSteps(lesson.lesson) : [], rows);
  updateButtons();
}

function loadedStatus(found: Lesson, where: string): string {
  const variants = Math.max(1, found.variants.values.length);
  return `✓ Loaded “${found.title}” (${found.id}) from ${where}: ${gradedSteps(found).length} graded steps, ${variants} ${variants === 1 ? 'variant' : 'variants'}.`;
}

function lessonProblems(where: string, problems: readonly string[]): string {
  return `✕ ${where} could not be loaded: ${problems.join('; ')}`;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.text();
}

async function loadFromQuery(search: string, where: string): Promise<void> {
  lessonStatus.textContent = `Loading ${where}…`;
  const found = await resolveLessonQuery(search, fetchText);
  if (found.ok) setLesson({ lesson: found.lesson, text: found.text }, loadedStatus(found.lesson, where));
  else setLesson(null, lessonProblems(where, found.problems), true);
}

function loadLessonText(text: string, name: string): void {
  const parsed = parseLesson(text);
  builtinSelect.value = '';
  if (parsed.ok) setLesson({ lesson: parsed.lesson, text }, loadedStatus(parsed.lesson, name));
  else setLesson(null, lessonProblems(name, parsed.problems), true);
}

function loadResultsCsv(text: string, name: string): void {
  csvLines = resultLinesFromCsv(text);
  gradeStatus.textContent = `${name}: ${csvLines.length} result ${csvLines.length === 1 ? 'URL' : 'URLs'} found. Press Grade.`;
  updateButtons();
}

function pendingLines(): ResultLine[] {
  return csvLines ?? resultLinesFromText(resultsText.value);
}

function updateButtons(): void {
  runButton.disabled = lesson === null || pendingLines().length === 0;
  csvButton.disabled = rows.length === 0;
}

function grade(): void {
  if (!lesson) return;
  const lines = pendingLines();
  job++;
  rows = [];
  const steps = gradedSteps(lesson.lesson);
  const title = lesson.lesson.title;
  renderGradeTable(table, summary, title, steps, rows);
  gradeStatus.textContent = `Grading ${lines.length} ${lines.length === 1 ? 'result' : 'results'}…`;
  runButton.disabled = true;
  worker ??= new Worker(new URL('./grade-worker.ts', import.meta.url), { type: 'module', name: 'failover-lab-grader' });
  const graded: GraderRow[] = [];
  worker.onmessage = (event: MessageEvent<GradeReply>) => {
    const reply = event.data;
    if (reply.job !== job) return;
    if (reply.type === 'row') {
      graded.push(reply.row);
      rows = onePerStudent(graded);
      renderGradeTable(table, summary, title, steps, rows);
      gradeStatus.textContent = `Graded ${reply.done} of ${reply.total}…`;
    } else if (reply.type === 'finished') {
      const passed = rows.filter((r) => r.grade.passed).length;
      const problems = rows.filter((r) => r.grade.problems.length > 0).length;
      gradeStatus.textContent = `Done: ${rows.length} ${rows.length === 1 ? 'student' : 'students'}, ${passed} passed${problems > 0 ? `, ${problems} with problems (see the Problems column)` : ''}.`;
    } else {
      gradeStatus.textContent = `✕ ${reply.message}`;
    }
    updateButtons();
  };
  worker.onerror = (event) => {
    gradeStatus.textContent = `✕ The grader stopped: ${event.message}`;
    updateButtons();
  };
  const request: GradeRequest = { type: 'grade', job, lessonText: lesson.text, lines };
  worker.postMessage(request);
}

function downloadCsv(): void {
  if (!lesson || rows.length === 0) return;
  const csv = gradesCsv(rows, gradedSteps(lesson.lesson).map((s) => s.id));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = `${lesson.lesson.id}-grades.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/** A file picked or dropped onto a section. */
function onFile(input: HTMLInputElement, section: HTMLElement, use: (text: string, name: string) => void): void {
  const read = (file: File | undefined) => void file?.text().then((text) => use(text, file.name));
  input.addEventListener('change', () => read(input.files?.[0]));
  section.addEventListener('dragover', (event) => {
    event.preventDefault();
    section.classList.add('drop-target');
  });
  section.addEventListener('dragleave', () => section.classList.remove('drop-target'));
  section.addEventListener('drop', (event) => {
    event.preventDefault();
    section.classList.remove('drop-target');
    read(event.dataTransfer?.files[0]);
  });
}

builtinSelect.addEventListener('change', () => {
  const id = builtinSelect.value;
  if (id === '') return;
  lessonFile.value = '';
  history.replaceState(null, '', `?lesson=${encodeURIComponent(id)}${theme ? `&theme=${theme}` : ''}`);
  void loadFromQuery(`lesson=${encodeURIComponent(id)}`, 'the built-in lessons');
});
onFile(lessonFile, $('lesson-section'), loadLessonText);
onFile(resultsFile, $('results-section'), loadResultsCsv);
resultsText.addEventListener('input', () => {
  // Typing or pasting means the pasted text is what counts now.
  if (csvLines !== null) {
    csvLines = null;
    resultsFile.value = '';
  }
  updateButtons();
});
runButton.addEventListener('click', grade);
csvButton.addEventListener('click', downloadCsv);

const search = new URLSearchParams(location.search);
if (search.has('lesson') || search.has('lessonJson')) {
  const ref = search.get('lesson');
  if (ref !== null && listBuiltInLessons().some((l) => l.id === ref)) builtinSelect.value = ref;
  const builtIn = ref !== null && builtinSelect.value === ref;
  void loadFromQuery(location.search, ref === null ? 'the link (lessonJson)' : builtIn ? 'the built-in lessons' : ref);
} else {
  setLesson(null, 'No lesson loaded yet: choose a built-in lesson or your lesson file.');
}
