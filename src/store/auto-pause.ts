import type { Scenario, Simulation } from '../engine/index';

/**
 * When playing stops by itself, and why. A run that has nothing left to do
 * but heartbeat would otherwise play on for ever, squeezing the story into
 * the left edge of every chart while the learner waits for more.
 */

/** One Play runs at most this long past the scenario's last scheduled command (a net for runs that never settle). */
export const SCENARIO_TAIL_MS = 180_000;
/** Play pressed when nothing is happening (or past the scenario's horizon) goes on this long, time to inject a fault. */
export const PLAY_ON_MS = 60_000;

/** Why playback paused by itself, or why "next significant event" did not move; the UI words it. */
export interface PlaybackNotice {
  /**
   * `idle`: nothing but heartbeats is left to happen. `limit`: one Play went as
   * far as it goes (the scenario's horizon, or a minute of quiet).
   * `nothingAhead`: "next significant event" found none; only heartbeats remain.
   */
  reason: 'idle' | 'limit' | 'nothingAhead';
  atMs: number;
  /** Whether the run was quiet (idle) at that moment. */
  idle: boolean;
  /** Every shard at RF with a primary and every live node ACTIVE (the engine's `healthy`). */
  healthy: boolean;
  underReplicated: number;
  lost: number;
  withoutPrimary: number;
}

/** The scenario's horizon: a while after its last scheduled command, for runs that never go idle. */
export function scenarioHorizonMs(scenario: Scenario): number {
  const lastCommandMs = scenario.timeline.reduce((m, t) => Math.max(m, t.atMs), 0);
  return lastCommandMs + SCENARIO_TAIL_MS;
}

/** Whether the engine's `idle` or `healthy` holds right now, without moving the run. */
export function holdsNow(sim: Simulation, target: 'idle' | 'healthy'): boolean {
  return sim.holds(target);
}

export function noticeFor(sim: Simulation, reason: PlaybackNotice['reason'], idle: boolean): PlaybackNotice {
  const m = sim.getMetrics();
  return {
    reason,
    atMs: sim.timeMs,
    idle,
    healthy: holdsNow(sim, 'healthy'),
    underReplicated: m.underReplicatedShards,
    lost: m.lostShards,
    withoutPrimary: m.shardsWithoutPrimary,
  };
}
