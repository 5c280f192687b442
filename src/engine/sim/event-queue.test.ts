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
});
