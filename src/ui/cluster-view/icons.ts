import type { MonitorBelief } from '../../engine/index';

/**
 * Belief icons as SVG path data in a unit circle (radius 1, centred on 0,0):
 * drawn as strokes, so they do not depend on which fonts carry ✓ ✕ ↻.
 * Scale with a transform and use `vector-effect: non-scaling-stroke`.
 */
export const BELIEF_GLYPH: Record<MonitorBelief, string> = {
  ACTIVE: 'M-0.46,0.02L-0.13,0.36L0.47,-0.34',
  SUSPECT: 'M0,-0.52L0,0.1M0,0.44L0,0.45',
  DEAD: 'M-0.36,-0.36L0.36,0.36M0.36,-0.36L-0.36,0.36',
  REJOINING: 'M0.46,-0.1A0.48,0.48 0 1 1 0.12,-0.47M0.12,-0.47L0.02,-0.78M0.12,-0.47L-0.2,-0.38',
};

export const BELIEF_CLASS: Record<MonitorBelief, string> = {
  ACTIVE: 'active',
  SUSPECT: 'suspect',
  DEAD: 'dead',
  REJOINING: 'rejoining',
};

export const BELIEFS: readonly MonitorBelief[] = ['ACTIVE', 'SUSPECT', 'DEAD', 'REJOINING'];
