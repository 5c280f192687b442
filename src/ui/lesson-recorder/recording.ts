import type { CheckProposal, RunMoment } from '../../lessons/propose-checks';
import type { Moment } from './build-lesson';
import type { QueryRun } from './recording-query';

/** A recording's state, shared by the recorder panel and its lesson form (kept apart so neither imports the other). */

/** One end of a recording: the run's share query (scenario, seed, commands, moment), its state and trace. */
export interface Mark {
  run: QueryRun;
  moment: Moment;
  /** The newest trace entry's seq at this moment: commands after it are the recording's. */
  lastSeq: number;
  view: RunMoment;
}

export type Recording =
  | { phase: 'idle' }
  | { phase: 'recording'; start: Mark }
  | { phase: 'goal'; start: Mark; goal: Mark; proposals: CheckProposal[] };

/** A simulated time in seconds, one decimal: the recorder's marks. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
