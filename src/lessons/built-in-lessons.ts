/**
 * STUB by H1 (lesson-source.ts reads it) over an empty list. H4 owns this file and fills it with the gallery.
 */

/** The text of a built-in lesson file, or null for an unknown id. */
export function getBuiltInLessonText(id: string): string | null {
  void id;
  return null;
}

/** Every built-in lesson's id, in gallery order. */
export function builtInLessonIds(): string[] {
  return [];
}
