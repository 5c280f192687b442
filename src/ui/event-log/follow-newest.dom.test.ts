// @vitest-environment happy-dom
// Goal: the event log stays on its newest entry while the learner follows it, and scrolls only after the
// browser's own layout: nothing reads the list's size while new entries are being committed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followNewest } from './follow-newest';

/** A ResizeObserver whose reports are delivered by hand, as the browser does after layout. */
class ManualResizeObserver {
  static all: ManualResizeObserver[] = [];
  observed: Element[] = [];
  constructor(private readonly callback: ResizeObserverCallback) {
    ManualResizeObserver.all.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  unobserve(el: Element) {
    this.observed = this.observed.filter((e) => e !== el);
  }
  disconnect() {
    this.observed = [];
  }
  /** The frame's layout happened: report every observed element. */
  report() {
    if (this.observed.length > 0) this.callback([], this as unknown as ResizeObserver);
    this.observed = [];
  }
}

const real = globalThis.ResizeObserver;
beforeEach(() => {
  ManualResizeObserver.all = [];
  globalThis.ResizeObserver = ManualResizeObserver as unknown as typeof ResizeObserver;
});
afterEach(() => {
  globalThis.ResizeObserver = real;
});

function list(entries: number): { box: HTMLOListElement; sizeReads: () => number } {
  const box = document.createElement('ol');
  for (let i = 0; i < entries; i++) box.appendChild(document.createElement('li'));
  document.body.appendChild(box);
  // A 200 px box of 20 px entries under 1000 px of older ones; scrollTop clamps as a browser's does.
  let reads = 0;
  let top = 0;
  const height = () => 1000 + box.children.length * 20;
  Object.defineProperty(box, 'scrollHeight', {
    get: () => {
      reads++;
      return height();
    },
  });
  Object.defineProperty(box, 'clientHeight', { get: () => 200 });
  Object.defineProperty(box, 'scrollTop', {
    get: () => top,
    set: (v: number) => {
      top = Math.max(0, Math.min(v, height() - 200));
    },
  });
  return { box, sizeReads: () => reads };
}

describe('event log follows the newest entry', () => {
  it('scrolls to the newest entry after layout, never while entries are committed', () => {
    const { box, sizeReads } = list(3);
    const follow = followNewest(box, 24);
    box.appendChild(document.createElement('li'));
    follow.watch();
    expect(sizeReads()).toBe(0);
    expect(box.scrollTop).toBe(0);
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(box.scrollHeight - 200);
    follow.dispose();
  });

  it('stays where the learner scrolled to read, and follows again back at the bottom', () => {
    const { box } = list(3);
    const follow = followNewest(box, 24);
    box.scrollTop = 40;
    box.dispatchEvent(new Event('scroll'));
    box.appendChild(document.createElement('li'));
    follow.watch();
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(40);

    box.scrollTop = box.scrollHeight - 200;
    box.dispatchEvent(new Event('scroll'));
    box.appendChild(document.createElement('li'));
    follow.watch();
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(box.scrollHeight - 200);
    follow.dispose();
  });

  it('follows again when entries land between the learner\'s scroll back down and that scroll\'s event', () => {
    const { box } = list(40);
    const follow = followNewest(box, 24);
    box.scrollTop = 0;
    box.dispatchEvent(new Event('scroll'));
    // The learner scrolls to the bottom and presses Play; three entries land before the browser delivers the
    // scroll's event, so it arrives 60 px short of the new bottom.
    box.scrollTop = box.scrollHeight - 200;
    for (let i = 0; i < 3; i++) box.appendChild(document.createElement('li'));
    follow.watch();
    box.dispatchEvent(new Event('scroll'));
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(box.scrollHeight - 200);
    follow.dispose();
  });

  it('stops following when the learner scrolls up while entries are landing', () => {
    const { box } = list(40);
    const follow = followNewest(box, 24);
    follow.watch();
    ManualResizeObserver.all[0].report();
    box.appendChild(document.createElement('li'));
    follow.watch();
    box.scrollTop -= 400;
    box.dispatchEvent(new Event('scroll'));
    const reading = box.scrollTop;
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(reading);
    follow.dispose();
  });

  it('stays where the learner scrolled up to, even while entries are landing', () => {
    const { box } = list(40);
    const follow = followNewest(box, 24);
    box.scrollTop = 0;
    box.dispatchEvent(new Event('scroll'));
    box.appendChild(document.createElement('li'));
    follow.watch();
    // A scroll down that stops more than a screen short of the newest entry is reading, not coming back.
    box.scrollTop = 300;
    box.dispatchEvent(new Event('scroll'));
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(300);
    follow.dispose();
  });

  it('says when the learner starts reading and when they follow again, once each', () => {
    const { box } = list(40);
    const heard: boolean[] = [];
    const follow = followNewest(box, 24, (following) => heard.push(following));
    box.scrollTop = 100;
    box.dispatchEvent(new Event('scroll'));
    box.scrollTop = 50;
    box.dispatchEvent(new Event('scroll'));
    box.scrollTop = box.scrollHeight - 200;
    box.dispatchEvent(new Event('scroll'));
    follow.stop();
    follow.stop();
    expect(heard).toEqual([false, true, false]);
    follow.dispose();
  });

  it('keeps following when entries arrive between its own scroll and that scroll\'s event', () => {
    const { box } = list(3);
    const follow = followNewest(box, 24);
    follow.watch();
    ManualResizeObserver.all[0].report();
    // Ten more entries land before the browser delivers the scroll event of that scroll.
    for (let i = 0; i < 10; i++) box.appendChild(document.createElement('li'));
    box.dispatchEvent(new Event('scroll'));
    follow.watch();
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(box.scrollHeight - 200);
    follow.dispose();
  });

  it('keeps following as old entries leave the top of a full log', () => {
    const { box } = list(40);
    const follow = followNewest(box, 24);
    follow.watch();
    ManualResizeObserver.all[0].report();
    // A new entry lands and the oldest leaves: without scroll anchoring the view does not move, and no scroll
    // event comes; the report pins the newest entry again.
    box.removeChild(box.firstElementChild!);
    box.appendChild(document.createElement('li'));
    box.appendChild(document.createElement('li'));
    follow.watch();
    ManualResizeObserver.all[0].report();
    expect(box.scrollTop).toBe(box.scrollHeight - 200);
    follow.dispose();
  });
});
