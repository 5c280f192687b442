import { MAX_SIM_HORIZON_MS, type Simulation } from '../engine/index';
import type { RunRecorder } from '../store/run-recorder';
import { evaluateOutcome } from './check/evaluate-check';
import { runViewOf } from './check/run-view';
import type { CheckExpr, CheckScope, LessonRunTarget } from './lesson-types';

/** How far a lesson plays a run when it names no cap: ten simulated minutes (decision 4), like `runUntil`'s default. */
export const DEFAULT_LESSON_MAX_MS = 600_000;

/**
 * A run a lesson can move: the learner's (a RunRecorder, which records commands the way the console does, so its
 * result URL replays exactly) or an observe run (a bare simulation).
 */
export interface MovableRun {
  readonly sim: Simulation;
  /** One event forward; false when nothing is queued. */
  stepOnce(): boolean;
  advanceTo(timeMs: number): void;
  runUntil(target: 'healthy' | 'idle' | 'converged', maxMs: number): { reached: boolean };
}

export function movableSim(sim: Simulation): MovableRun {
  return {
    sim,
    stepOnce: () => sim.step() !== null,
    advanceTo: (timeMs) => sim.advanceBy(Math.max(0, timeMs - sim.timeMs)),
    runUntil: (target, maxMs) => sim.runUntil(target, { maxMs }),
  };
}

export function movableRecorder(recorder: RunRecorder): MovableRun {
  return {
    get sim() {
      return recorder.sim;
    },
    stepOnce: () => recorder.stepOnce(),
    advanceTo: (timeMs) => recorder.advanceTo(timeMs),
    runUntil: (target, maxMs) => recorder.runUntil(target, maxMs),
  };
}

/** The absolute time a run may reach: `maxMs` simulated ms from now (default ten minutes), within the engine's horizon. */
export function capFrom(nowMs: number, maxMs: number | undefined): number {
  return Math.min(MAX_SIM_HORIZON_MS, nowMs + (maxMs ?? DEFAULT_LESSON_MAX_MS));
}

/**
 * Plays a run to a lesson target, or to `capMs` (absolute) if the target never comes. A `{check}` target is
 * evaluated with the run as `label` (and `scope`'s other runs) — see playUntilCheck for when.
 */
export function runToTarget(run: MovableRun, target: LessonRunTarget, capMs: number, label = 'you', scope?: Omit<CheckScope, 'runs'> & { runs?: CheckScope['runs'] }): boolean {
  if (target === 'healthy' || target === 'idle' || target === 'converged') return run.runUntil(target, capMs).reached;
  if ('timeMs' in target) {
    const to = Math.min(target.timeMs, capMs);
    if (to > run.sim.timeMs) run.advanceTo(to);
    return run.sim.timeMs >= target.timeMs;
  }
  return playUntilCheck(run, target.check, capMs, label, scope);
}

/** Simulated ms between evaluations when only routine detail (heartbeats, single writes) happens: the metric sample grid. */
export const CHECK_EVERY_MS = 500;

/**
 * Plays until the check holds, evaluating it once the clock moves past a moment (after the last of the events that
 * share it) that wrote anything beyond routine detail — a node declared DEAD, a copy started — and otherwise every
 * CHECK_EVERY_MS of simulated time. So a check on what the story does stops at its exact moment, and a check on a
 * slowly growing count (writes acknowledged) at most half a second late, without re-reading a long trace after
 * every heartbeat (which made a check that never holds cost minutes over ten simulated minutes).
 */
export function playUntilCheck(run: MovableRun, check: CheckExpr, capMs: number, label: string, scope?: Omit<CheckScope, 'runs'> & { runs?: CheckScope['runs'] }): boolean {
  const holds = () => evaluateOutcome(check, { runs: { ...(scope?.runs ?? {}), [label]: runViewOf(label, run.sim) }, prediction: scope?.prediction ?? {} }).passed;
  if (holds()) return true;
  let seen = run.sim.getTraceWindow().recorded;
  let checkedAtMs = run.sim.timeMs;
  for (;;) {
    const next = run.sim.nextEventAtMs();
    if (next === null || next > capMs) {
      if (run.sim.timeMs < capMs) run.advanceTo(capMs);
      return holds();
    }
    run.stepOnce();
    const after = run.sim.nextEventAtMs();
    if (after !== null && after === run.sim.timeMs) continue; // more at this very moment
    const fresh = run.sim.getTrace(seen);
    if (fresh.length > 0) seen = fresh[fresh.length - 1].seq + 1;
    const story = fresh.some((entry) => entry.level !== 'detail');
    if (!story && run.sim.timeMs - checkedAtMs < CHECK_EVERY_MS) continue;
    checkedAtMs = run.sim.timeMs;
    if (holds()) return true;
  }
}
