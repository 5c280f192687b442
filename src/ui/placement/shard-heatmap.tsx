import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { describeShardCode } from '../../engine/index';
import { shardIdOf, shardIndexOf } from '../../scenarios/shard-ids';
import { useConsole, useSession } from '../session-context';
import { hitTest, layoutCells, moveCursor, panRange, rangeAt, rangeLabel, zoomLevels, type ShardRange } from './heatmap-layout';
import { divergentMask, paintHeatmap, readPalette } from './heatmap-paint';
import { HeatmapLegend } from './heatmap-legend';
import { overlayIndex } from './shard-code-counts';
import type { GridOverlay } from './shard-grid';
import { useDivergentShards, useShardCodes } from './use-shard-codes';
import { isDivergentQuiet } from './divergence-summary';

/** The map's height at most: room for the node strip and the inspector below it. */
const MAX_HEIGHT = 240;

/**
 * Every shard as a cell of a canvas, coloured by state (with a shape or glyph when cells are big enough), for
 * clusters too large for the grid's buttons. It reads only `shardCodes`. Zoom narrows the view to a range of
 * shards; arrow keys move a cursor, Enter selects like the grid; the pointer names the shard under it.
 */
export function ShardHeatmap({ overlay }: { overlay: GridOverlay }) {
  const session = useSession();
  const codes = useShardCodes();
  const divergentShards = useDivergentShards();
  const leaderless = useConsole((s) => s.cluster.params.replication === 'leaderless');
  const total = codes.length;
  const divergent = useMemo(() => divergentMask(total, divergentShards), [total, divergentShards]);
  const selection = useConsole((s) => s.selection);
  const selected = selection?.kind === 'shard' ? shardIndexOf(selection.id, total) : null;
  const levels = useMemo(() => zoomLevels(total), [total]);
  const [level, setLevel] = useState(0);
  const [cursor, setCursor] = useState(selected ?? 0);
  const [focused, setFocused] = useState(false);
  const [hover, setHover] = useState<ShardRange | null>(null);
  const [width, setWidth] = useState(0);
  const [theme, setTheme] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painted = useRef<{ key: string; codes: Uint8Array; divergent: Uint8Array | null } | null>(null);
  const hintId = useId();

  const size = levels[Math.min(level, levels.length - 1)];
  const range = rangeAt(total, size, cursor);
  const layout = layoutCells(range.end - range.start, width, MAX_HEIGHT);

  // A shard selected elsewhere (Find shard, the inspector, the log) brings the cursor, and so the view, to it
  // (state adjusted while rendering, React's pattern for following a prop).
  const [followed, setFollowed] = useState(selected);
  if (followed !== selected) {
    setFollowed(selected);
    if (selected !== null) setCursor(selected);
  }

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setWidth(box.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    // Light/dark changes the CSS colours the canvas copies.
    const themeWatch = new MutationObserver(() => setTheme((t) => t + 1));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onMedia = () => setTheme((t) => t + 1);
    media.addEventListener('change', onMedia);
    return () => {
      observer.disconnect();
      themeWatch.disconnect();
      media.removeEventListener('change', onMedia);
    };
  }, []);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    // Frames bring a new codes array many times a second; most change nothing in view, so nothing is repainted.
    const key = `${overlay} ${width} ${range.start} ${range.end} ${selected} ${focused ? cursor : ''} ${theme}`;
    const last = painted.current;
    if (last && last.key === key && sameCodes(last.codes, codes, range) && sameCodes(last.divergent, divergent, range)) return;
    painted.current = { key, codes, divergent };
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(layout.width * dpr));
    canvas.height = Math.max(1, Math.round(layout.height * dpr));
    canvas.style.width = `${layout.width}px`;
    canvas.style.height = `${layout.height}px`;
    paintHeatmap(ctx, { layout, range, codes, divergent, overlay, palette: readPalette(canvas, overlay), dpr, selected, cursor: focused ? cursor : null });
    // layout and range are derived from the values listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codes, divergent, overlay, width, range.start, range.end, selected, cursor, focused, theme]);

  const zoom = (to: number, anchor = cursor) => {
    setLevel(Math.max(0, Math.min(levels.length - 1, to)));
    setCursor(anchor);
  };
  const pan = (direction: -1 | 1) => {
    const next = panRange(range, total, size, direction);
    if (next.start !== range.start) setCursor(next.start + Math.min(cursor - range.start, next.end - next.start - 1));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    let handled = true;
    if (e.key === 'Enter' || e.key === ' ') session.select({ kind: 'shard', id: shardIdOf(cursor, total) });
    else if (e.key === '+' || e.key === '=') zoom(level + 1);
    else if (e.key === '-') zoom(level - 1);
    else if (e.key === 'PageDown') pan(1);
    else if (e.key === 'PageUp') pan(-1);
    else {
      const next = moveCursor(e.key, cursor, layout, range, total);
      if (next === null) handled = false;
      else setCursor(next);
    }
    if (!handled) return;
    e.preventDefault();
    // The console's global arrow keys step and seek; inside the map they move the cursor.
    e.stopPropagation();
  };

  const pointAt = (e: PointerEvent<HTMLCanvasElement>): ShardRange | null => {
    const box = e.currentTarget.getBoundingClientRect();
    return hitTest(layout, range, e.clientX - box.left, e.clientY - box.top);
  };

  // A hover left over from before a zoom or a page no longer names what is under the pointer.
  const hovered = hover && hover.start >= range.start && hover.end <= range.end ? hover : null;
  const shown = hovered ?? (focused ? { start: cursor, end: cursor + 1 } : null);
  return (
    <div className="heatmap" data-testid="placement-heatmap" data-range-start={range.start} data-range-end={range.end}>
      <div className="heatmap-bar">
        <button type="button" onClick={() => zoom(level - 1)} disabled={level === 0} aria-label="Zoom out: show more shards" data-testid="placement-heatmap-zoom-out">
          −
        </button>
        <button
          type="button"
          onClick={() => zoom(level + 1)}
          disabled={level >= levels.length - 1}
          aria-label="Zoom in: show fewer shards, larger"
          data-testid="placement-heatmap-zoom-in"
        >
          +
        </button>
        <button type="button" onClick={() => pan(-1)} disabled={range.start === 0} aria-label="Previous shards" data-testid="placement-heatmap-prev">
          ◀
        </button>
        <button type="button" onClick={() => pan(1)} disabled={range.end >= total} aria-label="Next shards" data-testid="placement-heatmap-next">
          ▶
        </button>
        <span className="heatmap-range mono" data-testid="placement-heatmap-range" aria-live="polite">
          {rangeLabel(range, total)}
        </span>
        <span className="heatmap-in-view" data-testid="placement-heatmap-in-view">
          {inViewWords(codes, divergent, overlay, range)}
        </span>
      </div>
      <div className="heatmap-box" ref={boxRef}>
        <div
          className="heatmap-focus"
          role="group"
          tabIndex={0}
          aria-label={`Shard heat map, ${rangeLabel(range, total)}`}
          aria-describedby={hintId}
          data-testid="placement-heatmap-cells"
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        >
          <canvas
            ref={canvasRef}
            className="heatmap-canvas"
            data-testid="placement-heatmap-canvas"
            onPointerMove={(e) => setHover(pointAt(e))}
            onPointerLeave={() => setHover(null)}
            onClick={(e) => {
              const hit = pointAt(e as unknown as PointerEvent<HTMLCanvasElement>);
              if (!hit) return;
              setCursor(hit.start);
              if (hit.end - hit.start === 1) session.select({ kind: 'shard', id: shardIdOf(hit.start, total) });
              // A cell of several shards zooms in on them rather than guessing which one was meant.
              else zoom(level + 1, hit.start);
            }}
          />
        </div>
      </div>
      <p className="heatmap-hover" data-testid="placement-heatmap-hover" aria-live="polite">
        {shown ? hoverWords(codes, divergent, overlay, shown, total) : ''}
      </p>
      <p id={hintId} className="placement-note">
        Arrow keys move, Enter selects, + and − zoom, Page Up/Down pan{layout.perCell > 1 ? `; each cell holds ${layout.perCell} shards (its worst state)` : ''}.
      </p>
      <HeatmapLegend overlay={overlay} theme={theme} divergence={leaderless || divergent !== null} />
    </div>
  );
}

/**
 * "s04123: under-replicated, takes writes" (and ", a replica holds stale keys" when one does) — or, for a cell of
 * several shards, their ids and how many are not healthy (and, in the recovery overlay, how many hold stale keys).
 */
function hoverWords(codes: Uint8Array, divergent: Uint8Array | null, overlay: GridOverlay, shown: ShardRange, total: number): string {
  if (shown.end - shown.start === 1) {
    const stale = divergent?.[shown.start] === 1 ? `, ${STALE_WORDS}` : '';
    return `${shardIdOf(shown.start, total)}: ${describeShardCode(codes[shown.start])}${stale}`;
  }
  const sick = countNotHealthy(codes, overlay, shown);
  return `${shardIdOf(shown.start, total)}–${shardIdOf(shown.end - 1, total)}: ${sick} of ${shown.end - shown.start} ${NOT_OK[overlay]}${staleCountWords(codes, divergent, overlay, shown)}`;
}

/** What ≠ means, as the placement counts say it: truth, which the engine knows and the cluster may not yet. */
const STALE_WORDS = 'a replica holds stale keys';

/**
 * "; 12 with a replica holding stale keys" in the recovery overlay: the shards in range the map draws ≠ (stale keys,
 * nothing recovering), counted as the counts row above counts them; a recovering one is counted by its own state.
 */
function staleCountWords(codes: Uint8Array, divergent: Uint8Array | null, overlay: GridOverlay, range: ShardRange): string {
  if (divergent === null || overlay !== 'recovery') return '';
  let n = 0;
  for (let i = range.start; i < range.end; i++) if (divergent[i] === 1 && isDivergentQuiet(codes, i)) n++;
  return n === 0 ? '' : `; ${n.toLocaleString('en')} with a replica holding stale keys`;
}

/** What a cell away from its overlay's first state means, in words. */
const NOT_OK: Record<GridOverlay, string> = {
  replicas: 'not healthy',
  writes: 'not taking writes',
  recovery: 'with a replica recovering or corrupt',
};

const ALL_OK: Record<GridOverlay, string> = {
  replicas: 'every shard in view is healthy',
  writes: 'every shard in view takes writes',
  recovery: 'no replica recovering or corrupt in view',
};

function inViewWords(codes: Uint8Array, divergent: Uint8Array | null, overlay: GridOverlay, range: ShardRange): string {
  const sick = countNotHealthy(codes, overlay, range);
  return (sick === 0 ? ALL_OK[overlay] : `${sick.toLocaleString('en')} ${NOT_OK[overlay]} in view`) + staleCountWords(codes, divergent, overlay, range);
}

function countNotHealthy(codes: Uint8Array, overlay: GridOverlay, range: ShardRange): number {
  let n = 0;
  for (let i = range.start; i < range.end; i++) if (overlayIndex(overlay, codes[i]) !== 0) n++;
  return n;
}

function sameCodes(a: Uint8Array | null, b: Uint8Array | null, range: ShardRange): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = range.start; i < range.end; i++) if (a[i] !== b[i]) return false;
  return true;
}
