import type { GraderRow } from './grade-lines';

/**
 * The grader's table as CSV for a gradebook: one row per student, a column per graded step (passed / failed), the
 * points, whether they passed, the run's digest, problems, and a column per free text. RFC 4180 quoting; a cell a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'` — student ids and texts are typed
 * by learners.
 */
export function gradesCsv(rows: readonly GraderRow[], stepIds: readonly string[]): string {
  const textIds = [...new Set(rows.flatMap((r) => Object.keys(r.grade.texts)))];
  const header = ['student', 'variant', ...stepIds, 'points', 'max points', 'passed', 'digest', 'problems', ...textIds.map((id) => `text: ${id}`)];
  const lines = [header];
  for (const { grade } of rows) {
    const byId = new Map(grade.steps.map((s) => [s.id, s]));
    lines.push([
      grade.student,
      String(grade.variant),
      ...stepIds.map((id) => {
        const step = byId.get(id);
        return step === undefined ? '' : step.passed ? 'passed' : 'failed';
      }),
      String(grade.points),
      String(grade.maxPoints),
      grade.passed ? 'yes' : 'no',
      grade.digest,
      grade.problems.join('; '),
      ...textIds.map((id) => grade.texts[id] ?? ''),
    ]);
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
