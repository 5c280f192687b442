/**
 * The embed page's own URL options (teaching-embed.md §3.2), on top of the console's (scenario, seed, c, e, t,
 * speed, timeline, reducedMotion, lesson…), which keep their meaning. Public contract: names and values only grow.
 *
 * Parsed in the page (no engine code): a bad value is named in a problem and its default used.
 */

/** Panels an embed can show, in the order given. `manager` is the failover manager (the lesson format's `failover`). */
export const EMBED_PANELS = ['cluster', 'placement', 'metrics', 'log', 'inspector', 'manager', 'playback'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

export type EmbedControls = 'full' | 'playback' | 'none';
export type EmbedTheme = 'auto' | 'light' | 'dark';

/** `until=`: where playback stops by itself. */
export type EmbedUntil =
  | { kind: 'time'; ms: number }
  | { kind: 'event'; event: number }
  | { kind: 'healthy' }
  | { kind: 'idle' };

export interface EmbedOptions {
  /** Default `['cluster', 'playback']`. */
  panels: EmbedPanel[];
  /** Default `playback`: play, step and scrub only, no fault buttons. */
  controls: EmbedControls;
  /** Default true; false = view only (no node or link actions, no selection changes the run). */
  interactive: boolean;
  /** Default false. Respects reduced motion (then it does not start). */
  autoplay: boolean;
  until: EmbedUntil | null;
  /** `range=<fromEvent>-<toEvent>`: the scrubber and step keys stay within these event counts. */
  range: { fromEvent: number; toEvent: number } | null;
  /** Default false: replay the range (or from the start to `until`) when it ends. */
  loop: boolean;
  /** Default false: a static preview and a Run button; the engine starts on click. */
  poster: boolean;
  /** The only origin the embed talks to (exact, e.g. `https://docs.example.com`); null: the parent, whatever its origin. */
  origin: string | null;
  /** Echoed in every message; '' without it. */
  instance: string;
  /** Accessible name of the embed's region and the document's title; default "Failover Lab: <scenario title>". */
  label: string | null;
  /** Default `auto`: the host's scheme (from the handshake or setTheme), else the system's. */
  theme: EmbedTheme;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = {
  panels: ['cluster', 'playback'],
  controls: 'playback',
  interactive: true,
  autoplay: false,
  until: null,
  range: null,
  loop: false,
  poster: false,
  origin: null,
  instance: '',
  label: null,
  theme: 'auto',
};

export interface EmbedOptionsResult {
  options: EmbedOptions;
  /** One sentence per bad parameter, naming it, the value and what was used instead. */
  problems: string[];
}
