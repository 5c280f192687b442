import type { GradeRow } from '../../lessons/lesson-types';

/** A grade row as the CLI prints it: where the result came from, then the row. */
export type SourcedRow = GradeRow & { source: string };

/**
 * The gradebook export: one row per result — student, variant, points, max points, passed, one column per graded
 * step (1 passed, 0 not), digest, problems, then each free text. A cell a spreadsheet would read as a formula
 * (a student named "=HYPERLINK(…)") is prefixed with an apostrophe.
 */
export function gradeCsv(rows: readonly SourcedRow[]): string {
  const stepIds = unique(rows.flatMap((r) => r.steps.map((s) => s.id)));
  const textIds = unique(rows.flatMap((r) => Object.keys(r.texts)));
  const header = ['student', 'variant', 'points', 'maxPoints', 'passed', ...stepIds, 'digest', 'problems', ...textIds.map((id) => `text:${id}`), 'source'];
  const lines = [header, ...rows.map((r) => [
    r.student,
    String(r.variant),
    String(r.points),
    String(r.maxPoints),
    r.passed ? 'yes' : 'no',
    ...stepIds.map((id) => {
      const step = r.steps.find((s) => s.id === id);
      return step === undefined ? '' : step.passed ? '1' : '0';
    }),
    r.digest,
    r.problems.join(' | '),
    ...textIds.map((id) => r.texts[id] ?? ''),
    r.source,
  ])];
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
