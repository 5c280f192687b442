import { memo, useLayoutEffect, useRef } from 'react';
import { SHARD_REPLICA_STATES } from '../../engine/index';
import { DIVERGENT_STATE, drawShape, OVERLAY_GLYPHS, readPalette } from './heatmap-paint';
import { DIVERGENT_GLYPH } from './divergence-summary';
import { STATE_WORD } from './placement-summary';
import { QUORUM_STATES, QUORUM_WORD } from './quorum-summary';
import { useQuorumLegend } from './use-quorum-words';
import { RECOVERY_STATES, RECOVERY_WORD } from './recovery-summary';
import type { GridOverlay } from './shard-grid';

/** Each overlay state's words, in the order of its codes. */
const WORDS: Record<GridOverlay, readonly string[]> = {
  replicas: SHARD_REPLICA_STATES.map((s) => STATE_WORD[s]),
  writes: QUORUM_STATES.map((s) => QUORUM_WORD[s]),
  recovery: RECOVERY_STATES.map((s) => RECOVERY_WORD[s]),
};

/**
 * The key to the heat map without colour: each state's swatch with the shape small cells carry and the glyph
 * zoomed-in cells carry (the counts row above gives how many). `divergence`: the run is leaderless or some shard
 * diverges, so the recovery overlay's ≠ gets its entry.
 */
export const HeatmapLegend = memo(function HeatmapLegend({ overlay, theme, divergence }: { overlay: GridOverlay; theme: number; divergence: boolean }) {
  const quorum = useQuorumLegend();
  return (
    <ul className="heatmap-legend" data-testid="placement-heatmap-legend" aria-label="Heat map key">
      {WORDS[overlay].map((staticWord, state) => {
        // The writes overlay names the write consistency level in a leaderless cluster, and skips the primary states.
        const quorumState = QUORUM_STATES[state];
        if (overlay === 'writes' && !quorum.states.includes(quorumState)) return null;
        const word = overlay === 'writes' ? quorum.words[quorumState] : staticWord;
        return (
          <li key={word}>
            <Swatch overlay={overlay} state={state} theme={theme} />
            {OVERLAY_GLYPHS[overlay][state] && (
              <span className="heatmap-legend-glyph mono" aria-hidden="true">
                {OVERLAY_GLYPHS[overlay][state]}
              </span>
            )}
            {word}
          </li>
        );
      })}
      {overlay === 'recovery' && divergence && (
        <li key="divergent" data-testid="placement-heatmap-legend-divergent">
          <Swatch overlay={overlay} state={DIVERGENT_STATE} theme={theme} />
          <span className="heatmap-legend-glyph mono" aria-hidden="true">
            {DIVERGENT_GLYPH}
          </span>
          a replica holds stale keys (truth)
        </li>
      )}
    </ul>
  );
});

const SWATCH = 14;

/** `theme` changes when light/dark does: the swatch copies CSS colours, so it repaints then. */
function Swatch({ overlay, state, theme }: { overlay: GridOverlay; state: number; theme: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = SWATCH * dpr;
    canvas.height = SWATCH * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const palette = readPalette(canvas, overlay);
    ctx.fillStyle = palette.fills[state];
    ctx.fillRect(0, 0, SWATCH, SWATCH);
    drawShape(ctx, state, 2, 2, SWATCH - 4, palette.ink);
  }, [overlay, state, theme]);
  return <canvas ref={ref} className="heatmap-swatch" width={SWATCH} height={SWATCH} aria-hidden="true" />;
}
