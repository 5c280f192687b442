import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './ui/app-shell';
import './ui/global.css';

const rootElement = document.getElementById('root');
if (!rootElement) {
  throw new Error('Failover Lab: #root element not found in index.html');
}

createRoot(rootElement).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
