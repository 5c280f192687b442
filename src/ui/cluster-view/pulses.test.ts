import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../engine/index';
import { scanHeartbeats } from './pulses';

const beat = (seq: number, node: string): TraceEntry =>
  ({ seq, timeMs: seq * 100, actor: node, kind: 'heartbeat.sent', level: 'detail', text: `${node} heartbeat`, data: { node } }) as unknown as TraceEntry;

describe('scanHeartbeats', () => {
  it('keeps spawning pulses once the trace window slides (its oldest entries dropped at the front)', () => {
    const all = Array.from({ length: 12 }, (_, i) => beat(i + 1, `n${(i % 3) + 1}`));
    const first = scanHeartbeats(null, all.slice(0, 8), 800, 10_000);
    // The next publish: the window holds 8 entries, so 4 left at the front and 4 new arrived at the end.
    const next = scanHeartbeats(first.cursor, all.slice(4, 12), 1200, 10_000);
    expect(next.reset).toBe(false);
    expect(next.spawns.map((s) => s.node)).toEqual(['n3', 'n1', 'n2', 'n3']);
  });

  it('starts over when the trace no longer continues what was seen (a step back re-simulates)', () => {
    const before = Array.from({ length: 6 }, (_, i) => beat(i + 1, 'n1'));
    const first = scanHeartbeats(null, before, 600, 10_000);
    const rebuilt = Array.from({ length: 4 }, (_, i) => beat(i + 1, 'n1'));
    expect(scanHeartbeats(first.cursor, rebuilt, 400, 10_000)).toMatchObject({ reset: true, spawns: [] });
  });
});
