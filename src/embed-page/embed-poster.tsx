import { useState } from 'react';
import { fromBase64Url } from '../lessons/base64url';
import { formatSimTime } from '../ui/format';
import { PlayIcon } from '../ui/icons';
import { OpenFullLinkStatic } from './open-full-link';
import type { PosterSummary } from './poster-summary';
import summaries from './poster-summaries.json';

/** What the poster can say without the engine: the scenario's title and shape, and the moment it opens at. */
export interface PosterFacts {
  title: string;
  summary: PosterSummary | null;
  moment: string;
}

export function posterFactsOf(search: string): PosterFacts {
  const params = new URLSearchParams(search);
  const lesson = params.get('lesson');
  const id = params.get('scenario') ?? (params.has('scenarioJson') || lesson !== null || params.has('lessonJson') ? null : 'rehome-worked-example');
  const summary = id !== null ? ((summaries as Record<string, PosterSummary>)[id] ?? null) : null;
  const title = summary?.title ?? (lesson !== null ? `Lesson: ${lesson}` : params.has('lessonJson') ? 'A lesson' : params.has('scenarioJson') ? inlineTitle(params.get('scenarioJson')!) : 'A simulation');
  return { title, summary, moment: momentOf(params) };
}

/** An inline scenario's own title, read without validating it (the engine does that on Run). */
function inlineTitle(base64url: string): string {
  // UTF-8, not atob's Latin-1: a title with accents or other scripts reads as its author wrote it.
  const text = fromBase64Url(base64url);
  if (text === null) return 'A scenario of your own';
  try {
    const json = JSON.parse(text) as { title?: unknown } | null;
    if (typeof json !== 'object' || json === null) return 'A scenario of your own';
    return typeof json.title === 'string' && json.title.trim() !== '' ? json.title.slice(0, 120) : 'A scenario of your own';
  } catch {
    return 'A scenario of your own';
  }
}

function momentOf(params: URLSearchParams): string {
  const t = Number(params.get('t'));
  const e = Number(params.get('e'));
  if (params.has('t') && Number.isFinite(t) && t > 0) return `opens at ${formatSimTime(t)}`;
  if (params.has('e') && Number.isFinite(e) && e > 0) return `opens at event ${e}`;
  return 'opens at the start';
}

/**
 * The poster (`poster=1`): a static picture of the cluster and what will run, and a real button. Nothing of the engine
 * or the console has loaded yet: Run starts them (the worker's file is fetched only then).
 */
export function EmbedPoster({ facts, search, onRun }: { facts: PosterFacts; search: string; onRun: () => void }) {
  const [starting, setStarting] = useState(false);
  const { title, summary } = facts;
  const shape = summary
    ? `${summary.nodes.toLocaleString('en-US')} nodes in ${summary.racks.length} ${summary.racks.length === 1 ? 'rack' : 'racks'} · ${summary.shards.toLocaleString('en-US')} shards × ${summary.replicationFactor} copies`
    : null;
  return (
    <div className="embed-poster" data-testid="embed-poster">
      {summary && (
        <div className="embed-poster-map">
          <PosterMap racks={summary.racks} />
        </div>
      )}
      <div className="embed-poster-text">
        <p className="embed-poster-kicker">Failover Lab · interactive simulation</p>
        <h2>{title}</h2>
        <p className="embed-poster-facts">
          {shape && (
            <>
              {shape}
              <br />
            </>
          )}
          {facts.moment}, paused
        </p>
        <button
          type="button"
          className="primary embed-run"
          data-testid="embed-run"
          disabled={starting}
          aria-label={`Run the simulation: ${title}`}
          onClick={() => {
            setStarting(true);
            onRun();
          }}
        >
          <PlayIcon /> {starting ? 'Starting…' : 'Run the simulation'}
        </button>
        <OpenFullLinkStatic search={search} />
      </div>
    </div>
  );
}

/**
 * Racks as boxes holding their nodes as dots (a count past 12), wrapped in rows: a drawing, not the live map. The
 * dots are neutral: the poster knows the layout, not who is up at the moment it opens on.
 */
function PosterMap({ racks }: { racks: number[] }) {
  const perRow = Math.min(racks.length, racks.length > 12 ? 10 : 6);
  const rows = Math.ceil(racks.length / perRow);
  const rackW = 54;
  // As tall as the fullest rack's dots (two a row, at most 12, then its count underneath).
  const fullest = Math.max(...racks);
  const rackH = Math.max(34, 12 + Math.ceil(Math.min(fullest, 12) / 2) * 13 + (fullest > 12 ? 14 : 0));
  const gap = 10;
  const cpH = 34;
  const width = perRow * rackW + (perRow - 1) * gap;
  const height = cpH + 26 + rows * rackH + (rows - 1) * gap;
  return (
    <svg viewBox={`-2 -2 ${width + 4} ${height + 4}`} role="img" aria-label={`A cluster of ${racks.reduce((a, b) => a + b, 0)} nodes in ${racks.length} racks`}>
      <rect x={width / 2 - 40} y={0} width={80} height={cpH} rx={8} fill="var(--panel)" stroke="var(--accent)" strokeWidth={2} />
      <text x={width / 2} y={cpH / 2 + 5} textAnchor="middle" fontSize={14} fontWeight={650} fill="var(--fg)">
        cp
      </text>
      {racks.map((count, i) => {
        const x = (i % perRow) * (rackW + gap);
        const y = cpH + 26 + Math.floor(i / perRow) * (rackH + gap);
        const dots = Math.min(count, 12);
        return (
          <g key={i}>
            {i < perRow && <line x1={width / 2} y1={cpH} x2={x + rackW / 2} y2={y} stroke="var(--link)" strokeWidth={1} />}
            <rect x={x} y={y} width={rackW} height={rackH} rx={6} fill="var(--panel)" stroke="var(--border)" strokeWidth={1.5} />
            {Array.from({ length: dots }, (_, d) => (
              <circle key={d} cx={dots === 1 ? x + rackW / 2 : x + 15 + (d % 2) * 24} cy={dots === 1 ? y + rackH / 2 : y + 14 + Math.floor(d / 2) * 13} r={dots === 1 ? 7 : 5} fill="var(--muted)" />
            ))}
            {count > 12 && (
              <text x={x + rackW / 2} y={y + rackH - 2} textAnchor="middle" fontSize={10} fill="var(--muted)">
                {count}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
