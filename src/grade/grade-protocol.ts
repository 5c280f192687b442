import type { GraderRow } from './grade-lines';
import type { ResultLine } from './result-lines';

/** Messages between the grader page and its Web Worker (grade-worker.ts), where the replays run. */
export type GradeRequest = { type: 'grade'; job: number; lessonText: string; lines: ResultLine[] };

export type GradeReply =
  | { type: 'row'; job: number; row: GraderRow; done: number; total: number }
  | { type: 'finished'; job: number }
  | { type: 'failed'; job: number; message: string };
