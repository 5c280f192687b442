import {
  DEFAULT_EMBED_OPTIONS,
  EMBED_PANELS,
  type EmbedOptions,
  type EmbedOptionsResult,
  type EmbedPanel,
  type EmbedTheme,
  type EmbedUntil,
} from './embed-options';

/** The longest run the engine plays (24 h): an `until` time past it could never be reached. */
const MAX_RUN_MS = 86_400_000;
/** `instance` and `label` are echoed in messages and read aloud: kept to a sentence. */
const MAX_TEXT = 200;

/**
 * Reads the embed page's own URL options (teaching-embed.md §3.2) from `location.search`. Every bad value is named in
 * one sentence ("URL parameter panels: unknown panel 'foo' (panels: …); showing cluster,playback.") and its default
 * is used, so an embed with a typo still shows something. The console's parameters (scenario, seed, c, e, t…) are read
 * by the engine's worker, not here.
 */
export function parseEmbedOptions(search: string): EmbedOptionsResult {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS, panels: [...DEFAULT_EMBED_OPTIONS.panels] };
  const read = (name: string): string | null => params.get(name);

  const panels = read('panels');
  if (panels !== null) options.panels = parsePanels(panels, problems);

  const controls = read('controls');
  if (controls !== null) options.controls = choice(controls, 'controls', ['full', 'playback', 'none'] as const, DEFAULT_EMBED_OPTIONS.controls, problems);

  options.interactive = flag(read('interactive'), 'interactive', DEFAULT_EMBED_OPTIONS.interactive, problems);
  options.autoplay = flag(read('autoplay'), 'autoplay', DEFAULT_EMBED_OPTIONS.autoplay, problems);
  options.loop = flag(read('loop'), 'loop', DEFAULT_EMBED_OPTIONS.loop, problems);
  options.poster = flag(read('poster'), 'poster', DEFAULT_EMBED_OPTIONS.poster, problems);

  const until = read('until');
  if (until !== null) options.until = parseUntil(until, problems);

  const range = read('range');
  if (range !== null) options.range = parseRange(range, problems);

  const origin = read('origin');
  if (origin !== null) options.origin = parseOrigin(origin, problems);

  const instance = read('instance');
  if (instance !== null) options.instance = text(instance, 'instance', problems) ?? '';

  const label = read('label');
  if (label !== null) options.label = text(label, 'label', problems);

  const theme = read('theme');
  if (theme !== null) options.theme = choice<EmbedTheme>(theme, 'theme', ['auto', 'light', 'dark'] as const, DEFAULT_EMBED_OPTIONS.theme, problems);

  return { options, problems };
}

/** A value quoted the way every problem quotes it: short, and visibly the learner's own text. */
function quote(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `'${short}'`;
}

function parsePanels(value: string, problems: string[]): EmbedPanel[] {
  const fallback = DEFAULT_EMBED_OPTIONS.panels;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const known = new Set<string>(EMBED_PANELS);
  const chosen: EmbedPanel[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const name of names) {
    if (!known.has(name)) unknown.push(name);
    else if (chosen.includes(name as EmbedPanel)) repeated.push(name);
    else chosen.push(name as EmbedPanel);
  }
  const used = chosen.length > 0 ? chosen : [...fallback];
  const showing = `showing ${used.join(',')}.`;
  if (names.length === 0) problems.push(`URL parameter panels: no panel named (panels: ${EMBED_PANELS.join(', ')}); ${showing}`);
  for (const name of unknown) {
    problems.push(`URL parameter panels: unknown panel ${quote(name)} (panels: ${EMBED_PANELS.join(', ')}); ${showing}`);
  }
  for (const name of repeated) problems.push(`URL parameter panels: ${quote(name)} is named twice; it is shown once, ${showing}`);
  return used;
}

function choice<T extends string>(value: string, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`URL parameter ${name}: ${quote(value)} is not one of ${allowed.join(', ')}; using ${fallback}.`);
  return fallback;
}

function flag(value: string | null, name: string, fallback: boolean, problems: string[]): boolean {
  if (value === null) return fallback;
  if (value === '1') return true;
  if (value === '0') return false;
  problems.push(`URL parameter ${name}: ${quote(value)} is not 1 or 0; using ${fallback ? 1 : 0}.`);
  return fallback;
}

function parseUntil(value: string, problems: string[]): EmbedUntil | null {
  const refuse = (why: string): null => {
    problems.push(`URL parameter until: ${quote(value)} ${why} (until takes <ms>, e:<event>, healthy or idle); playing does not stop there.`);
    return null;
  };
  if (value === 'healthy' || value === 'idle') return { kind: value };
  if (value.startsWith('e:')) {
    const event = wholeNumber(value.slice(2));
    if (event === null) return refuse('is not an event number');
    return { kind: 'event', event };
  }
  if (!/^\d+(\.\d+)?$/.test(value)) return refuse('is not a time in ms, an event or a condition');
  const ms = Number(value);
  if (ms > MAX_RUN_MS) return refuse(`is past the longest run (${MAX_RUN_MS.toLocaleString('en-US')} ms, 24 h)`);
  return { kind: 'time', ms };
}

function parseRange(value: string, problems: string[]): EmbedOptions['range'] {
  const match = /^(\d+)-(\d+)$/.exec(value.trim());
  const from = match ? wholeNumber(match[1]) : null;
  const to = match ? wholeNumber(match[2]) : null;
  if (from === null || to === null) {
    problems.push(`URL parameter range: ${quote(value)} is not <fromEvent>-<toEvent> (e.g. range=120-180); the whole run is shown.`);
    return null;
  }
  if (from >= to) {
    problems.push(`URL parameter range: ${quote(value)} ends at or before it starts (event ${to} is not after event ${from}); the whole run is shown.`);
    return null;
  }
  return { fromEvent: from, toEvent: to };
}

/** A whole number of events (at most 2^53), or null. */
function wholeNumber(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * What a bad `origin=` is stored as: no `event.origin` can equal it (a serialized origin is `"null"` or
 * `scheme://host[:port]`, never with a space), so no host connects. Keeping the bad value as given would not do:
 * `origin=null` would then let in every opaque-origin parent (a sandboxed iframe, a file: page).
 */
export const UNMATCHABLE_ORIGIN = 'no host (origin= is not an exact origin)';

/**
 * An exact origin (`https://docs.example.com`; a trailing `/` is forgiven). A bad one is named and stored as
 * UNMATCHABLE_ORIGIN: a mistyped `origin=` must not open the embed to every page that frames it.
 */
function parseOrigin(value: string, problems: string[]): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const web = url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
  if (web && url!.origin === value) return value;
  if (web && `${url!.origin}/` === value) return url!.origin;
  problems.push(`URL parameter origin: ${quote(value)} is not an exact origin such as https://docs.example.com; no host page can connect to this embed.`);
  return UNMATCHABLE_ORIGIN;
}

function text(value: string, name: string, problems: string[]): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (trimmed.length <= MAX_TEXT) return trimmed;
  problems.push(`URL parameter ${name}: longer than ${MAX_TEXT} characters; using its first ${MAX_TEXT}.`);
  return trimmed.slice(0, MAX_TEXT);
}
