import type { HeartbeatMessage } from './rows';

/** The world's heartbeat record (`w.heartbeats`): heartbeats in flight to cp; written by heartbeats.ts, read by state-view. */
export interface HeartbeatRecord {
  /** Sent and not yet arrived (or lost), by id. */
  inFlight: Map<number, HeartbeatMessage>;
  nextId: number;
}

export function newHeartbeatRecord(): HeartbeatRecord {
  return { inFlight: new Map(), nextId: 1 };
}
