/** Exercise 7: hinted handoff covers an outage inside the hint window; past it, only repair brings the missed writes. */
import type { ScenarioFile } from '../scenario-file';
import { LEADERLESS_CLASSROOM } from './leaderless-classroom';

export const hintedHandoffWindow: ScenarioFile = {
  ...LEADERLESS_CLASSROOM,
  id: 'hinted-handoff-window',
  title: 'Hinted handoff: a 30 s outage, inside the 60 s hint window',
  workload: { writesPerSec: 50, readsPerSec: 20 },
  params: { ...LEADERLESS_CLASSROOM.params, readConsistency: 'ONE', hintedHandoff: true, maxHintWindowMs: 60000 },
  timeline: [
    { atMs: 10000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 40000, command: { type: 'node.restart', node: 'n3' } },
  ],
};

/** The same cluster with n3 away 90 s: hints stop at 60 s, and the writes after that wait for a repair. */
export const hintedHandoffWindowExceeded: ScenarioFile = {
  ...hintedHandoffWindow,
  id: 'hinted-handoff-window-exceeded',
  title: 'Hinted handoff: a 90 s outage, past the 60 s hint window',
  timeline: [
    { atMs: 10000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 100000, command: { type: 'node.restart', node: 'n3' } },
    { atMs: 120000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};
