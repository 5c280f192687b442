import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import type { EmbedOptions } from '../embed/embed-options';
import { bootConsole } from '../ui/boot';
import { hasLessonQuery } from '../ui/lesson/lesson-query';
import { SessionContext } from '../ui/session-context';
import type { ConsoleClient } from '../worker/console-client';
import { embedViewOf } from '../worker/embed-view';
import { EmbedApp } from './embed-app';
import type { EmbedChannel } from './embed-channel';
import { createEmbedLessonLink } from './embed-lesson-link';
import { EmbedLessonSlot } from './embed-lesson-slot';
import { consoleLinkOf, consoleSearchOf } from './embed-links';
import { prefersReducedMotion } from './embed-theme';
import type { EmbedViewStore } from './embed-view-store';

/** What a view-only embed answers a command from its own controls (the host's driver is not limited). */
const VIEW_ONLY = 'This embed is view only: open it in Failover Lab to change the run.';

/**
 * Starts the console inside the embed: the engine's worker on the console's own parameters, the playback bounds,
 * then the embed layout from the first frame. Its own chunk, loaded by main.tsx at once or on the poster's Run, so
 * a poster costs neither the worker nor the console's code until then.
 */
export function startEmbedConsole(setup: {
  root: Root;
  search: string;
  options: EmbedOptions;
  problems: readonly string[];
  view: EmbedViewStore;
  channel?: EmbedChannel;
}): ConsoleClient {
  const { root, search, options, problems, view, channel } = setup;
  const session = bootConsole(consoleSearchOf(search));
  const lesson = hasLessonQuery(search);
  const { until, range, loop } = options;
  // After the URL's moment is rebuilt (requests are answered in order): a range starts from its first event.
  const bounds = embedViewOf(session);
  if (until !== null || range !== null || loop) void bounds.set({ until, range, loop });
  if (!options.interactive && !lesson) session.setCommandPolicy(() => VIEW_ONLY);
  // The lesson player and the host, both ways: the URL's lesson, a host's lesson.load, `lesson`/`result` events.
  // A learner's result link opens the full console.
  const lessons = createEmbedLessonLink({
    initialSearch: lesson ? search : '',
    send: (name, data) => channel?.sendLessonEvent(name, data),
    resultPage: consoleLinkOf('', window.location.href),
  });
  channel?.provideLesson(lessons.bridge);
  session.ready.then(
    () => {
      root.render(
        <StrictMode>
          <SessionContext.Provider value={session}>
            <EmbedApp view={view} problems={problems} search={search} />
            <EmbedLessonSlot link={lessons} />
          </SessionContext.Provider>
        </StrictMode>,
      );
      if (options.autoplay && !lesson && !prefersReducedMotion(search)) void session.play();
    },
    (error: unknown) =>
      root.render(
        <p className="embed-starting" role="alert">
          The simulation could not start: {error instanceof Error ? error.message : String(error)}
        </p>,
      ),
  );
  return session;
}
