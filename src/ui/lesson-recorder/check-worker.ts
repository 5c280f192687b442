/**
 * The recorder's own Web Worker: `lesson check` on the lesson being written (lessons/check-lesson.ts), away from the
 * page so the console stays responsive while the solution and the empty answer are played. One request, one answer.
 */
import { checkLesson } from '../../lessons/check-lesson';

interface CheckRequest {
  text: string;
}

const scope = self as unknown as { onmessage: ((event: MessageEvent<CheckRequest>) => void) | null; postMessage(message: unknown): void };
scope.onmessage = (event) => {
  try {
    const report = checkLesson(event.data.text);
    scope.postMessage({ ok: report.ok, problems: report.problems });
  } catch (error) {
    scope.postMessage({ ok: false, problems: [error instanceof Error ? error.message : String(error)] });
  }
};
