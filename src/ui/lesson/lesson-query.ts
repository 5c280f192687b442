/**
 * The only lesson code in the page's start-up bundle (decision 1): whether the URL asks for a lesson, and what the
 * console itself should read from such a URL. Everything else about lessons loads through `import()`.
 */
export function hasLessonQuery(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('lesson') || params.has('lessonJson');
}

/**
 * A lesson URL (or a learner's result URL) carries the lesson's own run: `c=`, `e=`, `t=` belong to the lesson's
 * scenario, not to the console's default one. The console starts from its default and keeps only the speed; the
 * player then loads the lesson's scenario.
 */
export function consoleQueryOf(search: string): string {
  if (!hasLessonQuery(search)) return search;
  const speed = new URLSearchParams(search).get('speed');
  return speed === null ? '' : `?speed=${encodeURIComponent(speed)}`;
}
