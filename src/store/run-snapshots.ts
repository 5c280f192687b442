import { forkedBytes, type Simulation } from '../engine/index';
import type { MetricsSample } from './view-model';

/**
 * One moment of a run, kept so a seek can start there instead of at zero: a fork of the simulation that is never
 * run (restoring forks it again) and the recorder's own state at that moment.
 */
export interface RunSnapshot {
  sim: Simulation;
  eventCount: number;
  timeMs: number;
  /** How many recorded commands had been applied. */
  applied: number;
  /** The metric history up to here (the samples are shared: a sample never changes once taken). */
  history: MetricsSample[];
  nextSampleMs: number;
  sampleEveryMs: number;
  traceSeen: number;
  /** The work (SnapshotPolicy.workClock units) it took to simulate from the start to here. */
  work: number;
  /** Roughly the bytes it holds beyond what it shares with earlier snapshots (more once an earlier one is dropped). */
  bytes: number;
  /** What it would hold sharing nothing: the most `bytes` can grow to. */
  fullBytes: number;
}

/**
 * The kept snapshots of one run, in order (events and time both grow along a run), all on the current timeline:
 * acting in the past drops those after that moment. Their memory is bounded: past `maxBytes` snapshots go one at a
 * time, each time the one whose loss a seek anywhere in the run would feel least for the bytes it frees (dropLeastMissed),
 * so as many stay as fit; the first (the run's start) always stays, and the newest while two others do. New ones then
 * come no closer together than the kept ones stand on average.
 */
export class RunSnapshots {
  private list: RunSnapshot[] = [];
  /** Estimated bytes of all kept snapshots, each counting what it does not share with the kept one before it. */
  bytes = 0;
  /** Once the cap was reached: the kept snapshots' mean gap in work, the least spacing for new ones (0 before). */
  spacingFloor = 0;

  constructor(private readonly maxBytes: number) {}

  get count(): number {
    return this.list.length;
  }

  /** The last snapshot at or before a position (by events, then time). */
  atOrBefore(eventCount: number, timeMs = Infinity): RunSnapshot | undefined {
    return this.list[this.indexAtOrBefore(eventCount, timeMs)];
  }

  /** The last snapshot strictly before `eventCount` events. */
  before(eventCount: number): RunSnapshot | undefined {
    return this.list[this.indexAtOrBefore(eventCount - 1, Infinity)];
  }

  /** The last snapshot taken no later than `timeMs`. */
  atOrBeforeTime(timeMs: number): RunSnapshot | undefined {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].timeMs <= timeMs) lo = mid + 1;
      else hi = mid;
    }
    return this.list[lo - 1];
  }

  /** The first snapshot after a position, or undefined. */
  after(eventCount: number, timeMs: number): RunSnapshot | undefined {
    return this.list[this.indexAtOrBefore(eventCount, timeMs) + 1];
  }

  add(snapshot: RunSnapshot): void {
    const at = this.indexAtOrBefore(snapshot.eventCount, snapshot.timeMs) + 1;
    this.list.splice(at, 0, snapshot);
    this.bytes += snapshot.bytes;
    if (this.bytes <= this.maxBytes) return;
    const newest = this.list[this.list.length - 1];
    while (this.bytes > this.maxBytes && this.list.length > 1) this.dropLeastMissed();
    const first = this.list[0];
    const last = this.list[this.list.length - 1];
    if (this.list.length > 1) this.spacingFloor = Math.max(this.spacingFloor, (last.work - first.work) / (this.list.length - 1));
    // Only the start fits beside another: the next one comes no sooner than twice as far as the one just dropped, so
    // a run whose snapshots never fit stops taking them instead of taking and dropping one every spacing.
    else this.spacingFloor = Math.max(2 * this.spacingFloor, 2 * (newest.work - first.work));
  }

  /** Acting in the past replaces the future: drops every snapshot after this position. */
  dropAfter(eventCount: number, timeMs: number): void {
    const keep = this.indexAtOrBefore(eventCount, timeMs) + 1;
    for (const dropped of this.list.splice(keep)) this.bytes -= dropped.bytes;
  }

  /** The snapshots' bytes, one estimate each (for the measurement script and tests). */
  estimates(): number[] {
    return this.list.map((s) => s.bytes);
  }

  /**
   * Drops the snapshot a seek would miss least for its bytes (or the second of two), and counts the one after it
   * again against its new predecessor: what it shared with the dropped one it now holds alone, unless the one before
   * shares it too. A seek lands anywhere in the run's time and re-simulates from the snapshot before it, on average
   * half the work of its gap; so a gap costs its length in time times its work, and dropping a snapshot merges two
   * gaps. Dense moments (a minute of re-homing costs more work than ten of heartbeats) then keep fewer snapshots,
   * and long quiet stretches, where most seeks land, more.
   */
  private dropLeastMissed(): void {
    let drop = this.list.length - 1;
    if (this.list.length > 2) {
      let best = Infinity;
      for (let i = 1; i < this.list.length - 1; i++) {
        const [a, b, c] = [this.list[i - 1], this.list[i], this.list[i + 1]];
        const merged = (c.timeMs - a.timeMs) * (c.work - a.work) - (b.timeMs - a.timeMs) * (b.work - a.work) - (c.timeMs - b.timeMs) * (c.work - b.work);
        const cost = merged / Math.max(1, b.bytes);
        if (cost < best) {
          best = cost;
          drop = i;
        }
      }
    }
    const [dropped] = this.list.splice(drop, 1);
    this.bytes -= dropped.bytes;
    const next = this.list[drop];
    if (next) {
      const before = this.list[drop - 1];
      this.bytes -= next.bytes;
      next.bytes = forkedBytes(next.sim, before.sim).copied + historyBytes(next.history.length);
      this.bytes += next.bytes;
    }
  }

  private indexAtOrBefore(eventCount: number, timeMs: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.list[mid];
      if (s.eventCount < eventCount || (s.eventCount === eventCount && s.timeMs <= timeMs)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** A snapshot's bytes, beyond what it shares and in all: the fork's estimates plus its history list. */
export function snapshotBytes(sim: Simulation, historyLength: number): { bytes: number; fullBytes: number } {
  const fork = forkedBytes(sim);
  return { bytes: fork.copied + historyBytes(historyLength), fullBytes: fork.full + historyBytes(historyLength) };
}

/** The history list is a copy of pointers to shared samples: a word each, and the record around it. */
const historyBytes = (samples: number): number => 8 * samples + 256;
