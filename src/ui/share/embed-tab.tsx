import { useId, useState } from 'react';
import { EMBED_PANELS, type EmbedControls, type EmbedPanel, type EmbedTheme } from '../../embed/embed-options';
import { formatSimTime } from '../format';
import { copyText } from './copy-text';
import { EmbedPreview } from './embed-preview';
import {
  DEFAULT_EMBED_CHOICES,
  SNIPPET_FORMATS,
  embedTitle,
  embedUrl,
  momentOf,
  snippetFor,
  type EmbedChoices,
  type SnippetFormat,
  type SnippetSource,
} from './embed-snippets';
import type { SharedMoment } from './shared-moment';

/** Each panel in the words of the console's own headings. */
const PANEL_NAMES: Record<EmbedPanel, string> = {
  cluster: 'Cluster',
  placement: 'Placement',
  metrics: 'Metrics',
  log: 'Event log',
  inspector: 'Inspector',
  manager: 'Failover manager',
  playback: 'Playback bar',
};

const CONTROLS: { id: EmbedControls; name: string }[] = [
  { id: 'playback', name: 'Play, step and scrub' },
  { id: 'full', name: 'Every control, faults too' },
  { id: 'none', name: 'None: a still picture' },
];

const THEMES: { id: EmbedTheme; name: string }[] = [
  { id: 'auto', name: 'Auto (follows the page)' },
  { id: 'light', name: 'Light' },
  { id: 'dark', name: 'Dark' },
];

const UNTIL: { id: EmbedChoices['until']; name: string }[] = [
  { id: 'none', name: 'Keep going' },
  { id: 'healthy', name: 'Stop when the cluster is healthy again' },
  { id: 'idle', name: 'Stop when nothing is left to happen' },
];

/** How the scrubber is limited: not at all, the story up to this moment, or two event numbers. */
type RangeKind = 'none' | 'upToMoment' | 'events';

/**
 * The Embed tab (§3.7): what to show (panels, moment, range, controls, theme, poster, label), a live preview, and
 * the snippet to paste in one of four formats.
 */
export function EmbedTab({ moment, scenarioTitle }: { moment: SharedMoment | null; scenarioTitle: string }) {
  const id = useId();
  const [choices, setChoices] = useState<Omit<EmbedChoices, 'range'>>(DEFAULT_EMBED_CHOICES);
  const [rangeKind, setRangeKind] = useState<RangeKind>('none');
  const [rangeText, setRangeText] = useState<{ from: string; to: string } | null>(null);
  const [format, setFormat] = useState<SnippetFormat>('iframe');
  const [status, setStatus] = useState('');

  if (!moment) return <p className="share-note">Preparing the embed…</p>;
  if (moment.problem) return <p className="share-problem">{moment.problem}</p>;

  const now = momentOf(moment.query);
  const eventsText = rangeText ?? { from: '0', to: String(Math.max(now.event, 1)) };
  const parsedRange = parseRange(eventsText);
  const range =
    rangeKind === 'upToMoment' && now.event > 0
      ? { fromEvent: 0, toEvent: now.event }
      : rangeKind === 'events' && typeof parsedRange !== 'string'
        ? parsedRange
        : null;
  const full: EmbedChoices = { ...choices, range };
  const source: SnippetSource = { appBase: moment.appBase, shareQuery: moment.query, scenarioTitle };
  const snippet = snippetFor(format, source, full);

  const set = <K extends keyof EmbedChoices>(key: K, value: EmbedChoices[K]) => {
    setStatus('');
    setChoices((c) => ({ ...c, [key]: value }));
  };
  const togglePanel = (panel: EmbedPanel, on: boolean) =>
    set('panels', on ? [...choices.panels, panel] : choices.panels.filter((p) => p !== panel));
  const copy = async () => setStatus((await copyText(snippet)) ? 'Copied' : 'Select the text above and copy it: the clipboard is not available here');

  return (
    <div className="share-embed">
      <form className="embed-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Panels</legend>
          <div className="embed-panels">
            {EMBED_PANELS.map((panel) => {
              const on = choices.panels.includes(panel);
              return (
                <label key={panel}>
                  {/* The last panel cannot go: an embed shows at least one. */}
                  <input type="checkbox" checked={on} disabled={on && choices.panels.length === 1} onChange={(e) => togglePanel(panel, e.target.checked)} />
                  {PANEL_NAMES[panel]}
                </label>
              );
            })}
          </div>
        </fieldset>

        <fieldset>
          <legend>Opens at</legend>
          <label>
            <input type="radio" name={`${id}-moment`} checked={choices.moment === 'now'} onChange={() => set('moment', 'now')} />
            This moment ({formatSimTime(now.timeMs)})
          </label>
          <label>
            <input type="radio" name={`${id}-moment`} checked={choices.moment === 'start'} onChange={() => set('moment', 'start')} />
            The start
          </label>
        </fieldset>

        <fieldset>
          <legend>Scrubber limits</legend>
          <label>
            <input type="radio" name={`${id}-range`} checked={rangeKind === 'none'} onChange={() => setRangeKind('none')} />
            None: the whole run
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-range`}
              checked={rangeKind === 'upToMoment'}
              disabled={now.event === 0}
              onChange={() => setRangeKind('upToMoment')}
            />
            From the beginning up to this moment
          </label>
          <label>
            <input type="radio" name={`${id}-range`} checked={rangeKind === 'events'} onChange={() => setRangeKind('events')} />
            Events
          </label>
          {rangeKind === 'events' && (
            <div className="embed-range">
              <label>
                from
                <input type="number" min={0} step={1} value={eventsText.from} onChange={(e) => setRangeText({ ...eventsText, from: e.target.value })} />
              </label>
              <label>
                to
                <input type="number" min={1} step={1} value={eventsText.to} onChange={(e) => setRangeText({ ...eventsText, to: e.target.value })} />
              </label>
              <p className={typeof parsedRange === 'string' ? 'share-problem' : 'share-note'}>
                {typeof parsedRange === 'string' ? parsedRange : `This moment is event ${now.event.toLocaleString('en-US')}.`}
              </p>
            </div>
          )}
        </fieldset>

        <label className="share-field">
          <span>Playing</span>
          <select value={choices.until} onChange={(e) => set('until', e.target.value as EmbedChoices['until'])}>
            {UNTIL.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="share-field">
          <span>Controls</span>
          <select value={choices.controls} onChange={(e) => set('controls', e.target.value as EmbedControls)}>
            {CONTROLS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>

        <fieldset>
          <legend>Theme</legend>
          <div className="embed-inline">
            {THEMES.map((t) => (
              <label key={t.id}>
                <input type="radio" name={`${id}-theme`} checked={choices.theme === t.id} onChange={() => set('theme', t.id)} />
                {t.name}
              </label>
            ))}
          </div>
        </fieldset>

        <label className="embed-check">
          <input type="checkbox" checked={choices.poster} onChange={(e) => set('poster', e.target.checked)} />
          Poster: a still picture and a Run button; the simulation loads on a click
        </label>
        <label className="share-field">
          <span>Label (its name for screen readers and its title)</span>
          <input type="text" value={choices.label} placeholder={embedTitle(source, { ...full, label: '' })} onChange={(e) => set('label', e.target.value)} />
        </label>
      </form>

      <div className="embed-output">
        <EmbedPreview url={embedUrl(source, full)} />
        <fieldset className="embed-formats">
          <legend>Copy as</legend>
          <div className="embed-inline">
            {SNIPPET_FORMATS.map((f) => (
              <label key={f.id}>
                <input
                  type="radio"
                  name={`${id}-format`}
                  checked={format === f.id}
                  onChange={() => {
                    setFormat(f.id);
                    setStatus('');
                  }}
                />
                <code>{f.name}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="share-note">{SNIPPET_FORMATS.find((f) => f.id === format)!.where}</p>
        <textarea
          className="embed-snippet"
          readOnly
          value={snippet}
          rows={8}
          aria-label="Snippet to paste"
          spellCheck={false}
          onFocus={(e) => e.target.select()}
          data-testid="share-embed-snippet"
        />
        <div className="share-actions">
          <button type="button" className="primary" onClick={copy} data-testid="share-embed-copy">
            Copy
          </button>
          <span role="status" className="share-status-text" data-testid="share-embed-status">
            {status}
          </span>
        </div>
      </div>
    </div>
  );
}

/** Two event numbers as a range, or what is wrong with them. */
function parseRange(text: { from: string; to: string }): { fromEvent: number; toEvent: number } | string {
  const from = Number(text.from);
  const to = Number(text.to);
  if (text.from.trim() === '' || text.to.trim() === '' || !Number.isInteger(from) || !Number.isInteger(to) || from < 0)
    return 'Give two whole numbers of events, from 0 up; no range is set until then.';
  if (to <= from) return 'The second event must come after the first; no range is set until then.';
  return { fromEvent: from, toEvent: to };
}
