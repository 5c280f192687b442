/**
 * STUB by H1 (lesson format) so parse-lesson.ts can call it before the check language lands.
 * H2 owns this file and replaces it with the real syntax check of §2.3's operators.
 *
 * The problems of a check expression, each naming its place under `path` (`steps[3].check: …`); none when it is sound.
 */
export function checkExprProblems(expr: unknown, path: string): string[] {
  if (expr === undefined) return [`${path}: required (a check expression such as {"==": [1, 1]})`];
  return [];
}
