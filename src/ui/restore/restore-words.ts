import type { RestorePhase } from '../../engine/index';

/** Each phase in words with a glyph, so the phase never rests on colour alone. */
export function phaseWords(phase: RestorePhase): { glyph: string; short: string; long: string } {
  switch (phase) {
    case 'requested':
      return { glyph: '…', short: 'starting', long: 'Starting' };
    case 'loading':
      return { glyph: '⇣', short: 'loading', long: 'Loading every shard from the backup' };
    case 'replayingArchive':
      return { glyph: '↻', short: 'replaying log', long: 'Replaying the archived log to the target time' };
    case 'finished':
      return { glyph: '✓', short: 'finished', long: 'Finished' };
  }
}
