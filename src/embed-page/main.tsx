import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { parseEmbedOptions } from '../embed/parse-embed-options';
import { whenDriverRegistered } from '../embed/driver-registry';
import { installEmbedChannel } from './embed-channel';
import { EmbedPoster, posterFactsOf } from './embed-poster';
import { applyEmbedTheme } from './embed-theme';
import { createEmbedViewStore } from './embed-view-store';
import { ProblemsBanner } from './problems-banner';
import '../ui/global.css';
import './embed.css';

/**
 * The embed page (`/embed/`): the same engine and URL parameters as the console, in a layout for a docs page
 * (teaching-embed.md §3). Its start-up code is only this: the options, the theme, the message channel and the poster.
 * The console (its React tree, its code and the engine's worker) loads through `import()` — at once, or on the
 * poster's Run button with `poster=1`.
 */
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Failover Lab: #root element not found in embed/index.html');

const search = window.location.search;
const { options, problems } = parseEmbedOptions(search);
const view = createEmbedViewStore(options);
// theme=light|dark was applied before the first paint (embed/index.html); from here the view store decides
// (the host's setTheme, or null: the system's).
applyEmbedTheme(view.getState().theme);
view.subscribe((state, previous) => {
  if (state.theme !== previous.theme) applyEmbedTheme(state.theme);
});
// The console's chunk provides the lesson player (lesson.load, lesson.result) when it starts.
const channel = installEmbedChannel({ driver: whenDriverRegistered(), view, options, lessonLater: true });

const root = createRoot(rootElement);
const startConsole = () => import('./embed-console').then(({ startEmbedConsole }) => startEmbedConsole({ root, search, options, problems, view, channel }));

if (options.poster) {
  const facts = posterFactsOf(search);
  document.title = options.label ?? `Failover Lab: ${facts.title}`;
  root.render(
    <div className="embed-root" role="region" aria-label={document.title} data-testid="embed-root">
      <PosterProblems />
      <EmbedPoster facts={facts} search={search} onRun={() => void startConsole()} />
    </div>,
  );
} else {
  root.render(
    <p className="embed-starting" role="status">
      Starting the simulation…
    </p>,
  );
  void startConsole();
}

/** The poster's banner: the embed's own option problems (the console's alerts come once it runs). */
function PosterProblems() {
  const [shown, setShown] = useState<readonly string[]>(problems);
  return <ProblemsBanner items={shown} onDismiss={() => setShown([])} />;
}
