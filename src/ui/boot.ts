import { installDriver } from '../embed/driver-api';
import { ConsoleSession } from '../store/session';
import { decodeShareParams } from '../store/share-url';
import { urlProblemAlerts } from '../store/url-problems';

/**
 * Builds the console's session from the page URL. A bad parameter never
 * blanks the page: it becomes an alert naming it, and a default is used.
 */
export function bootConsole(search: string): ConsoleSession {
  const { state, problems } = decodeShareParams(search);
  const session = new ConsoleSession(state.scenario, state.seed);
  session.restore(state);
  for (const problem of urlProblemAlerts(problems)) session.alert(problem, 'url');
  applyTheme(new URLSearchParams(search).get('theme'));
  installDriver(session);
  return session;
}

/** `?theme=dark|light` pins the theme; otherwise the system's preference applies. */
export function applyTheme(theme: string | null): void {
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
}
