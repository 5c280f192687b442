// @vitest-environment happy-dom
// Goal: heartbeat pulses cost the page nothing between publishes. A pulse flies and fades on the compositor;
// when it lands nothing is removed from the page, and the next heartbeats reuse the same dots.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../engine/index';
import type { ConsoleViewState } from '../../store/view-model';
import { PulseLayer } from './pulses';

interface FakeAnimation {
  onfinish: (() => void) | null;
  cancel(): void;
  finish(): void;
}
let animations: FakeAnimation[] = [];
const realAnimate = Element.prototype.animate;
beforeEach(() => {
  animations = [];
  Element.prototype.animate = function () {
    const a: FakeAnimation = {
      onfinish: null,
      cancel() {},
      finish() {
        a.onfinish?.();
      },
    };
    animations.push(a);
    return a as unknown as Animation;
  };
});
afterEach(() => {
  Element.prototype.animate = realAnimate;
});

let seq = 0;
function beat(node: string, timeMs: number, dropped = false): TraceEntry {
  seq++;
  return { seq, event: seq, timeMs, kind: dropped ? 'heartbeat.dropped' : 'heartbeat.sent', actor: node, level: 'detail', text: '', data: { node } } as unknown as TraceEntry;
}

function view(trace: TraceEntry[], timeMs: number): ConsoleViewState {
  return { trace, cluster: { params: { heartbeatIntervalMs: 1000 } }, playback: { timeMs, speed: 1 } } as unknown as ConsoleViewState;
}

function mutationsDuring(container: HTMLElement, act: () => void): MutationRecord[] {
  const observer = new MutationObserver(() => {});
  observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
  act();
  const records = observer.takeRecords();
  observer.disconnect();
  return records;
}

describe('heartbeat pulses', () => {
  it('leave the page untouched when they land, and reuse their dots for the next heartbeats', () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const route = { from: { x: 10, y: 100 }, to: { x: 200, y: 10 }, cut: { x: 100, y: 50 } };
    const pulses = new PulseLayer(container, { route: () => route, flash() {} });
    const trace: TraceEntry[] = [beat('n1', 0)];
    pulses.ingest(view(trace.slice(), 0));

    trace.push(beat('n1', 1000), beat('n2', 1000), beat('n3', 1000, true));
    pulses.ingest(view(trace.slice(), 1000));
    expect(container.querySelectorAll('.cv-pulse-dot')).toHaveLength(3);
    expect(container.querySelectorAll('.cv-pulse-burst')).toHaveLength(1);

    // Every pulse lands (and the dropped one's burst fades): nothing in the page changes.
    expect(mutationsDuring(container, () => [...animations].forEach((a) => a.finish()))).toEqual([]);

    // The next round reuses the dots already there.
    trace.push(beat('n1', 2000), beat('n2', 2000), beat('n3', 2000, true));
    expect(mutationsDuring(container, () => pulses.ingest(view(trace.slice(), 2000))).filter((r) => r.type === 'childList')).toEqual([]);
    pulses.destroy();
  });
});
