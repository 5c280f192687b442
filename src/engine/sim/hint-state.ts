import type { Scheduled } from './event-queue';
import type { SimEvent } from './rows';

/**
 * The world's hinted-handoff record (`w.hints`, design recovery-repair.md §7.6): the hints each coordinator (or
 * sloppy-quorum stand-in) keeps for replicas that missed a write, the outages those replicas are in as the
 * coordinators believe them (their hint windows), and the deliveries under way. Written by hints.ts only.
 */
export interface HintEntry {
  shard: number;
  key: number;
  writeId: number;
  atMs: number;
}

export interface HintQueue {
  count: number;
  bytes: number;
  oldestMs: number;
  entries: HintEntry[];
}

export interface HintOutage {
  /** When a coordinator first found the replica not answering: the start of its hint window. */
  sinceMs: number;
  /** `hint.windowExpired` is told once per outage. */
  expiredTold: boolean;
}

export interface HintRecord {
  /** coordinator (node index) → target (node index) → its queue. No empty queues are kept. */
  byCoordinator: Map<number, Map<number, HintQueue>>;
  /** target → its outage, from its first missed write until it is seen alive again. */
  outages: Map<number, HintOutage>;
  /** `${coordinator}>${target}` → the pending end of a delivery batch. */
  deliveries: Map<string, Scheduled<SimEvent>>;
  /** Hints dropped because their target no longer holds the shard (re-homed, wiped). */
  discarded: number;
  /** Invariant 10's evidence: hints created past the window, and hints applied twice; both must stay 0. */
  storedPastWindow: number;
  appliedTwice: number;
}

export function newHintRecord(): HintRecord {
  return { byCoordinator: new Map(), outages: new Map(), deliveries: new Map(), discarded: 0, storedPastWindow: 0, appliedTwice: 0 };
}
