import { lazy, Suspense, useSyncExternalStore } from 'react';
import type { EmbedLessonLink } from './embed-lesson-link';

// Loaded only when a lesson shows: the URL's lesson=, or a host's lesson.load.
const LessonRoot = lazy(() => import('../ui/lesson/lesson-root'));

/** The lesson player beside the embed: the URL's lesson, then a new player for each `lesson.load` (its key). */
export function EmbedLessonSlot({ link }: { link: EmbedLessonLink }) {
  const mounted = useSyncExternalStore(link.subscribe, link.current);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <LessonRoot key={mounted.key} search={mounted.search} host={link.host} />
    </Suspense>
  );
}
