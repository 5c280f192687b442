import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { bootConsole } from './ui/boot';
import { App } from './ui/app';
import { SessionContext } from './ui/session-context';
import { hasLessonQuery } from './ui/lesson/lesson-query';
import './ui/global.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Failover Lab: #root element not found in index.html');

const session = bootConsole(window.location.search);
// The lesson player is its own chunk, fetched only when the URL names a lesson (the start-up bundle stays within budget).
const search = window.location.search;
const LessonRoot = hasLessonQuery(search) ? lazy(() => import('./ui/lesson/lesson-root')) : null;
const root = createRoot(rootElement);
// The page's first paint, before the engine's worker has loaded: the title, and what is happening.
root.render(
  <header className="app-header">
    <div className="brand">
      <h1>Failover Lab</h1>
    </div>
    <p className="console-starting" role="status">
      Starting the simulation…
    </p>
  </header>,
);

// The console renders from the engine's first frame; the engine runs in its worker, loaded after this first paint.
session.ready.then(
  () =>
    root.render(
      <StrictMode>
        <SessionContext.Provider value={session}>
          <App />
          {LessonRoot && (
            <Suspense fallback={null}>
              <LessonRoot search={search} />
            </Suspense>
          )}
        </SessionContext.Provider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <p className="console-starting" role="alert">
        The simulation could not start: {error instanceof Error ? error.message : String(error)}
      </p>,
    ),
);
