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

/**
 * Hints are best effort: writes at CL ANY to a shard whose replicas are all down live only as hints on their
 * coordinator, and a crash of the coordinator loses them for good.
 */
export const hintedHandoffAnyLost: ScenarioFile = {
  ...hintedHandoffWindow,
  id: 'hinted-handoff-any-lost',
  title: 'Hinted handoff at CL ANY: the coordinator crashes, its hints die with it',
  placement: { s001: ['n4', 'n5', 'n6'] },
  workload: { writesPerSec: 50, readsPerSec: 0 },
  params: { ...hintedHandoffWindow.params, writeConsistency: 'ANY' },
  timeline: [
    { atMs: 10000, command: { type: 'node.crash', node: 'n4' } },
    { atMs: 10000, command: { type: 'node.crash', node: 'n5' } },
    { atMs: 10000, command: { type: 'node.crash', node: 'n6' } },
    { atMs: 13000, command: { type: 'node.crash', node: 'n1' } },
    { atMs: 20000, command: { type: 'node.restart', node: 'n1' } },
    { atMs: 20000, command: { type: 'node.restart', node: 'n4' } },
    { atMs: 20000, command: { type: 'node.restart', node: 'n5' } },
    { atMs: 20000, command: { type: 'node.restart', node: 'n6' } },
    { atMs: 30000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};
