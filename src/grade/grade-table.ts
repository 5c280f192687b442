import type { LessonStep, StepGrade } from '../lessons/lesson-types';
import type { GraderRow } from './grade-lines';

/**
 * The grades as a real table: a header per column, one row per student, each step's result as a glyph and a word
 * (never colour alone), the reason under a failed one, points, passed, the run's digest, problems and free texts.
 */

const TYPE_WORDS: Partial<Record<LessonStep['type'], string>> = { predict: 'prediction', task: 'task' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; testId?: string } = {}, ...children: Node[]) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testId) node.dataset.testid = props.testId;
  node.append(...children);
  return node;
}

/** Draws the table; `summary` (shown above the scrolling table) gets the caption's words too. */
export function renderGradeTable(
  table: HTMLTableElement,
  summary: HTMLElement | null,
  title: string,
  steps: readonly LessonStep[],
  rows: readonly GraderRow[],
): void {
  const passed = rows.filter((r) => r.grade.passed).length;
  const caption = rows.length === 0 ? `No results graded yet for “${title}”.` : `${title}: ${rows.length} ${rows.length === 1 ? 'student' : 'students'}, ${passed} passed`;
  const head = el(
    'tr',
    {},
    th('Student'),
    th('Variant'),
    ...steps.map((s) => th(s.id, TYPE_WORDS[s.type])),
    th('Points'),
    th('Passed'),
    th('Digest'),
    th('Problems'),
    th('Answers in words'),
  );
  const body = el('tbody');
  for (const row of rows) body.append(renderRow(row, steps));
  table.replaceChildren(el('caption', { className: 'visually-hidden', text: caption }), el('thead', {}, head), body);
  if (summary) summary.textContent = caption;
}

function th(text: string, note?: string): HTMLTableCellElement {
  const cell = el('th', {}, document.createTextNode(text));
  cell.scope = 'col';
  if (note) cell.append(el('span', { className: 'grader-th-note', text: note }));
  return cell;
}

function renderRow({ line, grade }: GraderRow, steps: readonly LessonStep[]): HTMLTableRowElement {
  const byId = new Map(grade.steps.map((s) => [s.id, s]));
  const student = el('th', { text: grade.student === '' ? `(line ${line})` : grade.student });
  student.scope = 'row';
  const tr = el(
    'tr',
    { testId: grade.student === '' ? `grader-row-line-${line}` : `grader-row-${grade.student}`, className: grade.passed ? 'passed' : 'not-passed' },
    student,
    el('td', { text: grade.steps.length === 0 && grade.digest === '' ? '—' : String(grade.variant) }),
    ...steps.map((s) => stepCell(byId.get(s.id))),
    el('td', { className: 'num', text: grade.maxPoints === 0 && grade.steps.length === 0 ? '—' : `${round(grade.points)} / ${round(grade.maxPoints)}` }),
    el('td', { className: grade.passed ? 'yes' : 'no', text: grade.passed ? '✓ yes' : '✕ no' }),
    el('td', { className: 'mono', text: grade.digest === '' ? '—' : grade.digest }),
    listCell(grade.problems, '⚠ '),
    textsCell(grade.texts),
  );
  tr.dataset.line = String(line);
  return tr;
}

function stepCell(step: StepGrade | undefined): HTMLTableCellElement {
  if (!step) return el('td', { className: 'step none', text: '— not graded' });
  const cell = el('td', { className: `step ${step.passed ? 'passed' : 'failed'}` });
  cell.dataset.passed = String(step.passed);
  cell.append(el('span', { className: 'verdict', text: step.passed ? '✓ passed' : '✕ failed' }));
  if (step.detail) cell.append(el('span', { className: 'detail', text: step.detail }));
  return cell;
}

function listCell(items: readonly string[], mark: string): HTMLTableCellElement {
  if (items.length === 0) return el('td', { text: '—' });
  return el('td', { className: 'problems' }, el('ul', {}, ...items.map((item) => el('li', { text: `${mark}${item}` }))));
}

function textsCell(texts: Record<string, string>): HTMLTableCellElement {
  const entries = Object.entries(texts);
  if (entries.length === 0) return el('td', { text: '—' });
  const list = el('dl', { className: 'texts' });
  for (const [id, text] of entries) list.append(el('dt', { text: id }), el('dd', { text }));
  return el('td', {}, list);
}

const round = (n: number) => String(Math.round(n * 100) / 100);
