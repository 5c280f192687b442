import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { scenario } from '../testing/load-scenario';
import { buildReport, formatSummary } from './report';

describe('the report tells how a node came back', () => {
  it('gives the replay counts, the mode and the phase, and a summary line', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'report-recovery',
        nodes: 6,
        racks: 3,
        shards: 30,
        workload: { writesPerSec: 40, readsPerSec: 0 },
        timeline: [
          { atMs: 8000, command: { type: 'node.crash', node: 'n3', kind: 'power' } },
          { atMs: 9000, command: { type: 'node.restart', node: 'n3' } },
        ],
      }),
    });
    const run = sim.runUntil('healthy', { maxMs: 120_000 });
    const report = buildReport(sim, { until: 'healthy', reached: run.reached, reason: run.reason });
    const n3 = report.nodes.find((n) => n.id === 'n3')!;
    expect(n3.recovery.phase).toBe('serving');
    expect(n3.recovery.crashKind).toBe('power');
    const replay = n3.recovery.replay!;
    expect(replay.mode).toBe('pointInTime');
    // n3 held a third of the shards' writes since the start (no checkpoint yet at 8 s): all of them were read again.
    expect(replay.scanned).toBeGreaterThan(50);
    expect(replay.applied + replay.skipped + replay.discarded).toBeLessThanOrEqual(replay.scanned);
    expect(replay.applied).toBeGreaterThan(0);
    // The report gives the formula's total; the metric, the time the replay took on the clock, to the millisecond.
    expect(Math.round(replay.ms)).toBe(sim.getMetrics().lastReplayMs);
    const untouched = report.nodes.find((n) => n.id === 'n1')!;
    expect(untouched.recovery).toMatchObject({ phase: 'serving', crashKind: null, replay: null });
    expect(formatSummary(report)).toMatch(/Recovery: n3 serving; pointInTime replay of \d+ record\(s\): \d+ applied/);
  });
});
