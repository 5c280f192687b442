import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootConsole } from './ui/boot';
import { App } from './ui/app';
import { SessionContext } from './ui/session-context';
import './ui/global.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Failover Lab: #root element not found in index.html');

const session = bootConsole(window.location.search);

createRoot(rootElement).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <App />
    </SessionContext.Provider>
  </StrictMode>,
);
