/**
 * The simulation's clock: a binary min-heap of events ordered by (timeMs, seq).
 * `seq` is assigned at scheduling time, so two events due at the same
 * millisecond always fire in the order they were scheduled. That single rule
 * is what makes every run reproducible.
 *
 * `push` returns the scheduled item, which is also its cancel handle: a timer
 * the engine no longer wants (a machine left the state that armed it, a rate
 * changed) is cancelled and never fires, instead of firing and being ignored.
 * Cancelled items are dropped lazily when they reach the top, and the heap is
 * rebuilt when they outnumber the live ones.
 *
 * The earliest event is often kept beside the heap (`front`): an event scheduled
 * ahead of everything pending (a client write's next arrival, every half
 * millisecond at 2,000 writes/s, against a few hundred timers seconds away) is
 * then pushed and popped without walking the heap. The firing order is the
 * same: (timeMs, seq) decides, wherever an event waits.
 */
export interface Scheduled<E> {
  readonly timeMs: number;
  readonly seq: number;
  readonly event: E;
}

interface Slot<E> extends Scheduled<E> {
  timeMs: number;
  seq: number;
  state: 'pending' | 'fired' | 'cancelled';
}

export class EventQueue<E> {
  private heap: Slot<E>[] = [];
  /** An event due before every event in the heap (cancelled or not), or null; see above. */
  private front: Slot<E> | null = null;
  private nextSeq = 0;
  private cancelled = 0;

  /** Events still due (cancelled ones do not count). */
  get size(): number {
    return this.heap.length + (this.front === null ? 0 : 1) - this.cancelled;
  }

  push(timeMs: number, event: E): Scheduled<E> {
    const item: Slot<E> = { timeMs, seq: this.nextSeq++, event, state: 'pending' };
    this.insert(item);
    return item;
  }

  /**
   * Puts a fired event back on the clock at `timeMs`, as `push` would a new one (the next seq), in the same object: a
   * timer that re-arms itself each time it fires (a client write's next arrival, ~340k a run in bench case b) then
   * makes no object a time. Only for a handle nobody else keeps; false, and nothing done, unless it has fired.
   */
  rearm(handle: Scheduled<E>, timeMs: number): boolean {
    const item = handle as Slot<E>;
    if (item.state !== 'fired') return false;
    item.timeMs = timeMs;
    item.seq = this.nextSeq++;
    item.state = 'pending';
    this.insert(item);
    return true;
  }

  private insert(item: Slot<E>): void {
    const front = this.front;
    if (front === null) {
      if (this.heap.length === 0 || before(item, this.heap[0])) this.front = item;
      else this.siftUp(item);
    } else if (before(item, front)) {
      this.siftUp(front);
      this.front = item;
    } else this.siftUp(item);
  }

  /** Takes a pending event off the clock. False when it already fired or was cancelled. */
  cancel(handle: Scheduled<E>): boolean {
    const item = handle as Slot<E>;
    if (item.state !== 'pending') return false;
    item.state = 'cancelled';
    this.cancelled++;
    if (this.cancelled > 64 && this.cancelled * 2 > this.heap.length) this.compact();
    return true;
  }

  /** Whether the event is still due (neither fired nor cancelled). */
  isPending(handle: Scheduled<E>): boolean {
    return (handle as Slot<E>).state === 'pending';
  }

  peek(): Scheduled<E> | undefined {
    this.dropCancelledTop();
    return this.front ?? this.heap[0];
  }

  pop(): Scheduled<E> | undefined {
    this.dropCancelledTop();
    const front = this.front;
    let top: Slot<E> | undefined;
    if (front !== null) {
      top = front;
      this.front = null;
    } else top = this.removeTop();
    if (top) top.state = 'fired';
    return top;
  }

  /** Every pending event, in no particular order (for views and idle checks). */
  items(): readonly Scheduled<E>[] {
    const all = this.front === null ? this.heap : [this.front, ...this.heap];
    return this.cancelled === 0 ? all : all.filter((item) => item.state === 'pending');
  }

  private dropCancelledTop(): void {
    if (this.front !== null) {
      if (this.front.state !== 'cancelled') return;
      this.front = null;
      this.cancelled--;
    }
    while (this.heap.length > 0 && this.heap[0].state === 'cancelled') {
      this.removeTop();
      this.cancelled--;
    }
  }

  private removeTop(): Slot<E> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && before(heap[r], heap[l]) ? r : l;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  private siftUp(item: Slot<E>): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  /** Rebuilds the heap from its live items; (timeMs, seq) order is total, so the firing order is unchanged. */
  private compact(): void {
    const live = this.heap.filter((item) => item.state === 'pending');
    if (this.front !== null && this.front.state === 'pending') live.push(this.front);
    this.front = null;
    this.heap = [];
    this.cancelled = 0;
    for (const item of live) this.siftUp(item);
  }
}

function before<E>(a: Scheduled<E>, b: Scheduled<E>): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}
