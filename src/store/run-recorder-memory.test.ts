import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { MAX_HISTORY_SAMPLES, RunRecorder } from './run-recorder';
import { SAMPLE_EVERY_MS } from './view-model';

describe('a long run keeps its metric history bounded (issue 9, item 6)', () => {
  it('thins the samples to a coarser regular grid instead of growing for ever', () => {
    const run = new RunRecorder(scenario({ id: 'long', nodes: 3, shards: 3, shardSizeBytes: 4 * 1024 * 1024 }), 1);
    run.advanceTo(3 * 3_600_000);
    expect(run.history.length).toBeLessThanOrEqual(MAX_HISTORY_SAMPLES + 1);
    expect(run.history.length).toBeGreaterThan(MAX_HISTORY_SAMPLES / 4);
    const steps = new Set(run.history.slice(1).map((s, i) => s.timeMs - run.history[i].timeMs));
    expect(steps.size).toBe(1);
    const [step] = steps;
    expect(step).toBeGreaterThan(SAMPLE_EVERY_MS);
    expect(run.history[0].timeMs).toBe(0);
    // The curve still reaches the present.
    expect(3 * 3_600_000 - run.history[run.history.length - 1].timeMs).toBeLessThanOrEqual(step);
  });

  it('a short run keeps every sample at the fine grain', () => {
    const run = new RunRecorder(scenario({ id: 'short', nodes: 3, shards: 3, shardSizeBytes: 4 * 1024 * 1024 }), 1);
    run.advanceTo(60_000);
    expect(run.history.map((s) => s.timeMs)).toEqual(Array.from({ length: 121 }, (_, i) => i * SAMPLE_EVERY_MS));
  });
});
