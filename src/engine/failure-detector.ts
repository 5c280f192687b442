/**
 * The failure detector's rule, in one place: from when cp last heard a node,
 * the time now and the settings, what cp should believe about the node and
 * when that belief next changes if the silence goes on. The health monitor
 * acts on it (sim/heartbeats.ts), and the console's SUSPECT → DEAD countdown
 * reads the same deadline (sim/state-view.ts `deadAtMs`). Today's rule counts
 * silence against two thresholds; a different detector (phi-accrual, say) is a
 * change to this file alone.
 */
export type DetectorBelief = 'ACTIVE' | 'SUSPECT' | 'DEAD';

export interface DetectorParams {
  /** Silence after which the node is SUSPECT. */
  suspectAfterMs: number;
  /** Silence after which the node is DEAD. */
  deadAfterMs: number;
}

export interface DetectorReading {
  belief: DetectorBelief;
  /** When the belief moves on (SUSPECT, then DEAD) if the node stays silent; null once DEAD. */
  nextChangeAtMs: number | null;
}

export function readDetector(lastHeardAtMs: number, nowMs: number, params: DetectorParams): DetectorReading {
  const silenceMs = nowMs - lastHeardAtMs;
  if (silenceMs >= params.deadAfterMs) return { belief: 'DEAD', nextChangeAtMs: null };
  if (silenceMs >= params.suspectAfterMs) return { belief: 'SUSPECT', nextChangeAtMs: lastHeardAtMs + params.deadAfterMs };
  return { belief: 'ACTIVE', nextChangeAtMs: lastHeardAtMs + params.suspectAfterMs };
}

/** When continued silence makes the detector's belief reach `belief` (the deadline the monitor arms, the countdown shows). */
export function silenceDeadline(belief: 'SUSPECT' | 'DEAD', lastHeardAtMs: number, params: DetectorParams): number {
  return lastHeardAtMs + (belief === 'DEAD' ? params.deadAfterMs : params.suspectAfterMs);
}
