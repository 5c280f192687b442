/**
 * The grader's Web Worker: replays each result with the teacher's lesson (grade-lines.ts) off the page's thread,
 * and sends each row as soon as it is graded, so a class of thirty fills the table one student at a time.
 */
import { parseLesson } from '../lessons/parse-lesson';
import { gradeLine } from './grade-lines';
import type { GradeReply, GradeRequest } from './grade-protocol';

const scope = self as unknown as { postMessage(message: GradeReply): void; onmessage: ((event: MessageEvent<GradeRequest>) => void) | null };

scope.onmessage = (event) => {
  const { job, lessonText, lines } = event.data;
  const parsed = parseLesson(lessonText);
  if (!parsed.ok) {
    scope.postMessage({ type: 'failed', job, message: `the lesson does not load: ${parsed.problems.join('; ')}` });
    return;
  }
  lines.forEach((line, i) => {
    scope.postMessage({ type: 'row', job, row: gradeLine(lessonText, parsed.lesson, line), done: i + 1, total: lines.length });
  });
  scope.postMessage({ type: 'finished', job });
};
