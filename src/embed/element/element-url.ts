// base64url.ts has no imports, so the element's one-file build inlines it and shares no chunk with the app.
import { toBase64Url } from '../../lessons/base64url';

/**
 * The `<failover-lab>` element's attributes as the embed page's URL (teaching-embed.md §3.3): each attribute maps
 * to the URL option of the same meaning, so an element and a pasted iframe show the same thing.
 */

/** Attributes copied to the URL parameter of the same name. */
const SAME_NAME = ['scenario', 'timeline', 'seed', 'speed', 'panels', 'controls', 'interactive', 'autoplay', 'until', 'range', 'loop', 'lesson', 'student', 'label', 'instance'] as const;
/** Attributes whose URL parameter has another (the console's short) name. */
const RENAMED = { time: 't', event: 'e' } as const;

export const URL_ATTRIBUTES = [...SAME_NAME, ...Object.keys(RENAMED), 'commands', 'src'] as const;

export interface EmbedUrlInput {
  /** The attribute's value, or null when absent. */
  attribute(name: string): string | null;
  /** The app's base URL (the `src` attribute, else where the element's script came from). */
  base: string;
  /** The scheme the element resolved for theme=auto (or the attribute's light/dark). */
  theme: 'light' | 'dark';
  /** The host page's origin, passed as origin= so the embed talks to nobody else; null when opaque (file://). */
  hostOrigin: string | null;
  /** Inline scenario / lesson JSON from `<script type="application/json" slot="scenario|lesson">`. */
  scenarioJson?: string | null;
  lessonJson?: string | null;
  /** A click on the poster's Run button: the reader asked it to run. */
  run?: boolean;
}

export function embedUrl(input: EmbedUrlInput): URL {
  const url = new URL('embed/', appBase(input.base));
  const params = url.searchParams;
  for (const name of SAME_NAME) {
    const value = input.attribute(name);
    if (value !== null) params.set(name, value);
  }
  for (const [name, param] of Object.entries(RENAMED)) {
    const value = input.attribute(name);
    if (value !== null) params.set(param, value);
  }
  for (const command of commandsOf(input.attribute('commands'))) params.append('c', command);
  if (input.scenarioJson) params.set('scenarioJson', toBase64Url(input.scenarioJson));
  if (input.lessonJson) params.set('lessonJson', toBase64Url(input.lessonJson));
  params.set('theme', input.theme);
  if (input.hostOrigin) params.set('origin', input.hostOrigin);
  if (input.run && input.attribute('autoplay') === null) params.set('autoplay', '1');
  return url;
}

/** The full console at the same place, for the fallback link and `shareUrl` (no embed-only options). */
export function consoleUrl(input: Pick<EmbedUrlInput, 'attribute' | 'base'>, moment?: { timeMs: number; event: number }): URL {
  const url = new URL(appBase(input.base));
  const params = url.searchParams;
  for (const name of ['scenario', 'timeline', 'seed', 'speed', 'lesson', 'student'] as const) {
    const value = input.attribute(name);
    if (value !== null) params.set(name, value);
  }
  for (const command of commandsOf(input.attribute('commands'))) params.append('c', command);
  const t = moment ? String(moment.timeMs) : input.attribute('time');
  const e = moment ? String(moment.event) : input.attribute('event');
  if (e !== null) params.set('e', e);
  if (t !== null) params.set('t', t);
  return url;
}

/** `src` names the app's root ("https://lab.example/"); a src pointing at its embed page works too. */
function appBase(base: string): URL {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/embed\/?(index\.html)?$/, '');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * `commands`: space-separated CLI commands. One already in the share form `<atMs>@<event>@<command>` passes as it
 * is; a bare one (`node.crash:n3`) applies at the start.
 */
function commandsOf(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((command) => (/^\d+(\.\d+)?@\d+@/.test(command) ? command : `0@0@${command}`));
}
