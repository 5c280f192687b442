import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_EMBED_OPTIONS } from '../embed/embed-options';
import { bootConsole } from '../ui/boot';
import { App } from '../ui/app';
import { SessionContext } from '../ui/session-context';
import { createEmbedViewStore } from './embed-view-store';
import { installEmbedChannel } from './embed-channel';
import { whenDriverRegistered } from '../embed/driver-registry';
import '../ui/global.css';

/**
 * The embed page (`/embed/`): the same engine and URL parameters as the console, in a layout for a docs page.
 * SKELETON: helper A replaces the options (parseEmbedOptions), the layout (EmbedApp) and the poster; helper B
 * installs the message channel (installEmbedChannel) here.
 */
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Failover Lab: #root element not found in embed/index.html');

const options = DEFAULT_EMBED_OPTIONS;
const view = createEmbedViewStore(options);
void view;
installEmbedChannel({ driver: whenDriverRegistered(), view, options });
const session = bootConsole(window.location.search);
const root = createRoot(rootElement);
session.ready.then(() =>
  root.render(
    <StrictMode>
      <SessionContext.Provider value={session}>
        <App />
      </SessionContext.Provider>
    </StrictMode>,
  ),
);
