import { installDriver } from '../embed/driver-api';
import { startConsoleWorker, type ConsoleClient } from '../worker/console-client';
import { consoleQueryOf } from './lesson/lesson-query';

/**
 * Starts the console: the engine's worker, told to rebuild what the page URL describes (a bad parameter never
 * blanks the page: the worker turns it into an alert naming it and uses a default), the theme, and the driver.
 */
export function bootConsole(search: string): ConsoleClient {
  const client = startConsoleWorker();
  void client.restoreFromQuery(consoleQueryOf(search));
  applyTheme(new URLSearchParams(search).get('theme'));
  installDriver(client);
  return client;
}

/** `?theme=dark|light` pins the theme; otherwise the system's preference applies. */
export function applyTheme(theme: string | null): void {
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
}
