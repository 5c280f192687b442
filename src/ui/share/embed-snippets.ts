import { EMBED_PANELS, type EmbedControls, type EmbedPanel, type EmbedTheme } from '../../embed/embed-options';
import { fromBase64Url } from '../../lessons/base64url';

/**
 * The Share dialog's Embed tab, as pure functions: what a docs author picked → the embed URL and the snippets to
 * paste (`<iframe>`, the `<failover-lab>` element, MDX, reStructuredText). No DOM, no `location`: the dialog
 * passes the app's origin + base and the console's share query in.
 */

/** What the author picks in the Embed tab. */
export interface EmbedChoices {
  /** Written in the contract's order (EMBED_PANELS), whatever order they were ticked in. */
  panels: readonly EmbedPanel[];
  /** `now`: the console's current moment (`e=`, `t=`); `start`: the run from its beginning. */
  moment: 'now' | 'start';
  range: { fromEvent: number; toEvent: number } | null;
  until: 'none' | 'healthy' | 'idle';
  controls: EmbedControls;
  theme: EmbedTheme;
  /** A static preview with a Run button until the reader asks for the simulation. */
  poster: boolean;
  /** The embed's accessible name; '' = the page's own default, "Failover Lab: <scenario title>". */
  label: string;
}

export const DEFAULT_EMBED_CHOICES: EmbedChoices = {
  panels: ['cluster', 'playback'],
  moment: 'now',
  range: null,
  until: 'none',
  controls: 'playback',
  theme: 'auto',
  poster: false,
  label: '',
};

export interface SnippetSource {
  /** The app's origin + base path, ending in `/` (e.g. `https://lab.example/`). */
  appBase: string;
  /** The console's share query for its current moment (`scenario`/`scenarioJson`, `seed`, `c`…, `e`, `t`). */
  shareQuery: string;
  scenarioTitle: string;
}

export type SnippetFormat = 'iframe' | 'element' | 'mdx' | 'rst';

export const SNIPPET_FORMATS: readonly { id: SnippetFormat; name: string; where: string }[] = [
  { id: 'iframe', name: '<iframe>', where: 'Any page that takes raw HTML: plain HTML, mdBook, WordPress, most Markdown hosts.' },
  { id: 'element', name: '<failover-lab>', where: 'Docs sites that can load a script (the script tag once per page): follows the page’s theme and grows to fit.' },
  { id: 'mdx', name: 'MDX', where: 'Docusaurus, Astro, Nextra and other .mdx pages: valid JSX, nothing to configure.' },
  { id: 'rst', name: 'reStructuredText', where: 'Sphinx and Jupyter Book (.rst pages): a raw HTML directive.' },
];

/** The moment a share query names (`t=` ms, `e=` events), the start when it names none. */
export function momentOf(shareQuery: string): { timeMs: number; event: number } {
  const params = new URLSearchParams(shareQuery);
  return { timeMs: Number(params.get('t') ?? 0), event: Number(params.get('e') ?? 0) };
}

/** The moment's parameters: dropped when the embed starts from the beginning (commands stay; they apply when reached). */
const MOMENT_KEYS = new Set(['e', 't']);

/** Query text a person can read and edit: `,` `:` `@` stay as they are (legal in a query); everything else escaped. */
function queryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%40/g, '@');
}

function queryText(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([k, v]) => `${k}=${queryValue(v)}`).join('&');
}

function momentEntries(source: SnippetSource, choices: EmbedChoices): [string, string][] {
  return [...new URLSearchParams(source.shareQuery)].filter(([k]) => choices.moment === 'now' || !MOMENT_KEYS.has(k));
}

function orderedPanels(panels: readonly EmbedPanel[]): EmbedPanel[] {
  return EMBED_PANELS.filter((p) => panels.includes(p));
}

/** The embed page's options (§3.2): panels, controls and theme always (so an author can edit them), the rest when set. */
function optionEntries(choices: EmbedChoices): [string, string][] {
  const entries: [string, string][] = [
    ['panels', orderedPanels(choices.panels).join(',')],
    ['controls', choices.controls],
  ];
  if (choices.until !== 'none') entries.push(['until', choices.until]);
  if (choices.range) entries.push(['range', `${choices.range.fromEvent}-${choices.range.toEvent}`]);
  entries.push(['theme', choices.theme]);
  if (choices.poster) entries.push(['poster', '1']);
  const label = choices.label.trim();
  if (label) entries.push(['label', label]);
  return entries;
}

/** `<appBase>embed/?…`: the moment, then the embed's options. */
export function embedUrl(source: SnippetSource, choices: EmbedChoices): string {
  return `${source.appBase}embed/?${queryText([...momentEntries(source, choices), ...optionEntries(choices)])}`;
}

/** The full console at the same moment (the element's fallback link for readers without JavaScript). */
export function consoleUrl(source: SnippetSource, choices: EmbedChoices): string {
  return `${source.appBase}?${queryText(momentEntries(source, choices))}`;
}

/** The iframe's accessible name: the author's label, else the embed page's own default. */
export function embedTitle(source: SnippetSource, choices: EmbedChoices): string {
  return choices.label.trim() || `Failover Lab: ${source.scenarioTitle}`;
}

/** Text safe inside a double-quoted HTML attribute (and between tags). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The attributes §3.6 asks of a pasted embed. The snippet is for another site, so the frame is cross-origin and
// keeps allow-same-origin (its own storage and workers); only a self-hosted copy should drop it.
const FRAME_ALLOW = 'fullscreen; clipboard-write';
const FRAME_REFERRER = 'strict-origin-when-cross-origin';
const FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

export function iframeSnippet(source: SnippetSource, choices: EmbedChoices): string {
  const pad = ' '.repeat('<iframe '.length);
  return [
    `<iframe src="${escapeHtml(embedUrl(source, choices))}"`,
    `${pad}title="${escapeHtml(embedTitle(source, choices))}"`,
    `${pad}style="width:100%; aspect-ratio:16/10; min-height:320px; border:0"`,
    `${pad}loading="lazy" allow="${FRAME_ALLOW}" referrerpolicy="${FRAME_REFERRER}"`,
    `${pad}sandbox="${FRAME_SANDBOX}"></iframe>`,
  ].join('\n');
}

/** The `<failover-lab>` element (§3.3) with its script, at the same moment and with the same options. */
export function elementSnippet(source: SnippetSource, choices: EmbedChoices): string {
  const moment = momentEntries(source, choices);
  const one = (key: string) => moment.find(([k]) => k === key)?.[1];
  const attributes: [string, string | undefined][] = [
    ['src', source.appBase],
    ['scenario', one('scenario')],
    ['timeline', one('timeline')],
    ['seed', one('seed')],
    ['commands', moment.filter(([k]) => k === 'c').map(([, v]) => v).join(' ') || undefined],
    ['time', one('t')],
    ['event', one('e')],
  ];
  for (const [k, v] of optionEntries(choices)) {
    if (k !== 'poster') attributes.push([k, v]);
  }
  attributes.push(['loading', 'lazy']);
  if (choices.poster) attributes.push(['reveal', 'interaction']);
  attributes.push(['height', 'auto']);

  const lines = [
    `<script type="module" src="${escapeHtml(`${source.appBase}embed/failover-lab.js`)}"></script>`,
    '',
    '<failover-lab',
    ...attributes.filter(([, v]) => v !== undefined).map(([k, v]) => `  ${k}="${escapeHtml(v!)}"`),
  ];
  lines[lines.length - 1] += '>';
  const scenarioJson = one('scenarioJson');
  const json = scenarioJson === undefined ? null : fromBase64Url(scenarioJson);
  // `<\/` keeps a `</script>` inside the scenario's words from ending the script element.
  if (json !== null) lines.push(`  <script type="application/json" slot="scenario">${json.replace(/<\//g, '<\\/')}</script>`);
  lines.push(`  <a href="${escapeHtml(consoleUrl(source, choices))}">Open the simulation</a>`, '</failover-lab>');
  return lines.join('\n');
}

/** A JSX attribute value: a plain string when JSX reads it as written, else a JS string expression. */
function jsxValue(text: string): string {
  return /["&\\{}<>]/.test(text) ? `{${JSON.stringify(text)}}` : `"${text}"`;
}

/**
 * The iframe as JSX for an .mdx page: self-closing, `style={{…}}` and React's camelCase `referrerPolicy`. The URL is
 * written as it is: a JSX string takes `&` literally, and the query never holds `;`, so nothing in it reads as an
 * entity.
 */
export function mdxSnippet(source: SnippetSource, choices: EmbedChoices): string {
  const url = embedUrl(source, choices);
  return [
    '<iframe',
    `  src=${/["\\]/.test(url) ? `{${JSON.stringify(url)}}` : `"${url}"`}`,
    `  title=${jsxValue(embedTitle(source, choices))}`,
    "  style={{ width: '100%', aspectRatio: '16/10', minHeight: 320, border: 0 }}",
    '  loading="lazy"',
    `  allow="${FRAME_ALLOW}"`,
    `  referrerPolicy="${FRAME_REFERRER}"`,
    `  sandbox="${FRAME_SANDBOX}"`,
    '/>',
  ].join('\n');
}

/** `.. raw:: html`, a blank line, then the iframe indented three spaces (Sphinx, Jupyter Book's .rst pages). */
export function rstSnippet(source: SnippetSource, choices: EmbedChoices): string {
  const body = iframeSnippet(source, choices)
    .split('\n')
    .map((line) => `   ${line}`);
  return ['.. raw:: html', '', ...body].join('\n');
}

export function snippetFor(format: SnippetFormat, source: SnippetSource, choices: EmbedChoices): string {
  switch (format) {
    case 'iframe':
      return iframeSnippet(source, choices);
    case 'element':
      return elementSnippet(source, choices);
    case 'mdx':
      return mdxSnippet(source, choices);
    case 'rst':
      return rstSnippet(source, choices);
  }
}
