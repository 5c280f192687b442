// Goal: a timer the engine no longer wants is taken off the clock, not ignored when it fires.
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';

function drain(queue: EventQueue<string>): string[] {
  const out: string[] = [];
  for (let item = queue.pop(); item; item = queue.pop()) out.push(`${item.timeMs}:${item.event}`);
  return out;
}

describe('event queue cancel handles', () => {
  it('a cancelled event never fires, and the others keep their (time, scheduling) order', () => {
    const queue = new EventQueue<string>();
    queue.push(20, 'b');
    const stale = queue.push(10, 'stale');
    queue.push(10, 'a');
    queue.push(20, 'c');
    expect(queue.cancel(stale)).toBe(true);
    expect(queue.size).toBe(3);
    expect(queue.peek()?.event).toBe('a');
    expect(queue.items().map((i) => i.event).sort()).toEqual(['a', 'b', 'c']);
    expect(drain(queue)).toEqual(['10:a', '20:b', '20:c']);
  });

  it('cancelling twice, or after the event fired, changes nothing', () => {
    const queue = new EventQueue<string>();
    const first = queue.push(1, 'first');
    queue.push(2, 'second');
    expect(queue.pop()).toBe(first);
    expect(queue.cancel(first)).toBe(false);
    const third = queue.push(3, 'third');
    expect(queue.cancel(third)).toBe(true);
    expect(queue.cancel(third)).toBe(false);
    expect(queue.size).toBe(1);
    expect(drain(queue)).toEqual(['2:second']);
    expect(queue.peek()).toBeUndefined();
  });

  it('stays ordered over many cancels (the heap is compacted, never mis-ordered)', () => {
    const queue = new EventQueue<string>();
    const handles = Array.from({ length: 500 }, (_, i) => queue.push((i * 37) % 101, `e${i}`));
    handles.forEach((h, i) => i % 3 !== 0 && queue.cancel(h));
    const fired = [];
    for (let item = queue.pop(); item; item = queue.pop()) fired.push(item);
    expect(fired).toHaveLength(167);
    for (let i = 1; i < fired.length; i++)
      expect(fired[i - 1].timeMs < fired[i].timeMs || (fired[i - 1].timeMs === fired[i].timeMs && fired[i - 1].seq < fired[i].seq)).toBe(true);
  });

  it('an event cancelled while it is the earliest is dropped and no longer counted', () => {
    const queue = new EventQueue<string>();
    queue.push(5, 'later');
    const soonest = queue.push(1, 'soonest');
    queue.push(3, 'middle');
    expect(queue.cancel(soonest)).toBe(true);
    expect(queue.size).toBe(2);
    expect(queue.peek()?.event).toBe('middle');
    expect(queue.size).toBe(2);
    expect(drain(queue)).toEqual(['3:middle', '5:later']);
    expect(queue.size).toBe(0);
  });

  it('re-arms only a fired handle, which then fires again after what was scheduled before it', () => {
    const queue = new EventQueue<string>();
    const tick = queue.push(1, 'tick');
    const other = queue.push(5, 'other');
    expect(queue.rearm(tick, 9)).toBe(false);
    expect(queue.pop()).toBe(tick);
    expect(queue.rearm(tick, 5)).toBe(true);
    expect(queue.rearm(tick, 7)).toBe(false);
    expect(queue.size).toBe(2);
    // Due at 5 like `other`, but scheduled after it.
    expect(queue.pop()).toBe(other);
    expect(queue.pop()).toBe(tick);
    expect(tick.timeMs).toBe(5);
    queue.push(3, 'x');
    expect(queue.rearm(tick, 2)).toBe(true);
    expect(queue.cancel(tick)).toBe(true);
    expect(queue.rearm(tick, 4)).toBe(false);
    expect(drain(queue)).toEqual(['3:x']);
  });

  it('fires in (time, scheduling) order when pushes, pops, peeks and cancels interleave (front slot and heap alike)', () => {
    // A reference: every pending event in a list, the earliest found by a scan. Times are drawn so that an event
    // often lands ahead of everything (the queue's front slot), often ties, and often lands deep in the heap.
    let state = 12345;
    const rand = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const queue = new EventQueue<number>();
    const reference: { timeMs: number; seq: number; event: number }[] = [];
    const handles: ReturnType<EventQueue<number>['push']>[] = [];
    let now = 0;
    let fired = 0;
    for (let step = 0; step < 20_000; step++) {
      const op = rand(10);
      if (op < 5) {
        const timeMs = now + (rand(3) === 0 ? rand(2) : rand(50));
        const handle = queue.push(timeMs, step);
        handles.push(handle);
        reference.push({ timeMs, seq: handle.seq, event: step });
      } else if (op < 8) {
        const earliest = reference.reduce<(typeof reference)[number] | undefined>(
          (best, e) => (best === undefined || e.timeMs < best.timeMs || (e.timeMs === best.timeMs && e.seq < best.seq) ? e : best),
          undefined,
        );
        if (op === 7) {
          expect(queue.peek()?.event).toBe(earliest?.event);
          continue;
        }
        const item = queue.pop();
        expect(item?.event).toBe(earliest?.event);
        if (earliest) {
          reference.splice(reference.indexOf(earliest), 1);
          now = earliest.timeMs;
          fired++;
        }
        // Half the time the event fired re-arms itself (a periodic timer): the same handle, due again, a new seq.
        if (item && rand(2) === 0) {
          const timeMs = now + rand(3);
          expect(queue.rearm(item, timeMs)).toBe(true);
          expect(queue.isPending(item)).toBe(true);
          reference.push({ timeMs, seq: item.seq, event: item.event });
        }
      } else if (handles.length > 0) {
        const handle = handles[rand(handles.length)];
        const pending = reference.findIndex((e) => e.event === handle.event);
        expect(queue.cancel(handle)).toBe(pending >= 0);
        if (pending >= 0) reference.splice(pending, 1);
      }
      expect(queue.size).toBe(reference.length);
    }
    expect(fired).toBeGreaterThan(3_000);
    expect(
      queue
        .items()
        .map((i) => i.event)
        .sort((a, b) => a - b),
    ).toEqual(reference.map((e) => e.event).sort((a, b) => a - b));
  });
});
