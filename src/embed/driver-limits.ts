import { MAX_PLAYBACK_SPEED, MAX_SEED, MAX_SIM_HORIZON_MS, echoText } from '../engine/index';

/**
 * The driver's argument checks. A test author's script may pass anything
 * (1e15, NaN, a string); every number is checked against its named limit in
 * engine/input-limits.ts before the console acts, and refused with an Error
 * (a RangeError) whose message names the call, the argument, the limit and
 * the value given. Without them `advanceBy(1e15)` or `stepBack(-1e15)` would
 * simulate for ever and hang the tab.
 */

const HORIZON = `${MAX_SIM_HORIZON_MS} ms: 24 h, the longest run`;

/** How a refused value is repeated: numbers as JavaScript prints them, text at most ECHO_CHARS long. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return echoText(value);
  return value === null ? 'null' : typeof value;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `advanceBy(ms)`: forward from now, never past the longest run. */
export function checkAdvanceBy(ms: unknown, nowMs: number): number {
  const room = Math.max(0, MAX_SIM_HORIZON_MS - nowMs);
  if (isNumber(ms) && ms >= 0 && ms <= room) return ms;
  throw new RangeError(
    `advanceBy: ms must be a number from 0 to ${room} ms (the run reaches at most ${HORIZON}; it is at ${nowMs} ms), got ${shown(ms)}`,
  );
}

/** `runUntil(target, { maxMs })`: maxMs is absolute simulated time; by default ten simulated minutes from now. */
export function checkRunUntil(target: unknown, maxMs: unknown, nowMs: number): { target: 'healthy' | 'idle' | 'converged'; maxMs: number } {
  if (target !== 'healthy' && target !== 'idle' && target !== 'converged') {
    throw new RangeError(`runUntil: target must be "healthy", "idle" or "converged", got ${shown(target)}`);
  }
  if (maxMs === undefined) return { target, maxMs: Math.min(nowMs + 600_000, MAX_SIM_HORIZON_MS) };
  if (isNumber(maxMs) && maxMs >= 0 && maxMs <= MAX_SIM_HORIZON_MS) return { target, maxMs };
  throw new RangeError(`runUntil: maxMs must be a simulated time from 0 to at most ${HORIZON}, got ${shown(maxMs)}`);
}

/** `getRepairView(shard)`: a shard id (whether it exists is the engine's answer). */
export function checkShardName(shard: unknown): string {
  if (typeof shard === 'string' && shard.length > 0 && shard.length <= 64) return shard;
  throw new RangeError(`getRepairView: shard must be a shard id string such as "s001", got ${shown(shard)}`);
}

/** `getRepairView(shard, pair)`: two replica ids, or nothing (null / undefined: the engine picks). */
export function checkRepairPair(pair: unknown): [string, string] | undefined {
  if (pair === undefined || pair === null) return undefined;
  if (Array.isArray(pair) && pair.length === 2 && pair.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 64))
    return [pair[0] as string, pair[1] as string];
  throw new RangeError(`getRepairView: pair must be two replica ids such as ["n1", "n3"], got ${shown(pair)}`);
}

/** `seek(timeMs)`: any moment of the longest run, forward or back. */
export function checkSeek(timeMs: unknown): number {
  if (isNumber(timeMs) && timeMs >= 0 && timeMs <= MAX_SIM_HORIZON_MS) return timeMs;
  throw new RangeError(`seek: timeMs must be a simulated time from 0 to ${HORIZON}, got ${shown(timeMs)}`);
}

/** `stepBack(n)`: a count of events; more than have happened goes to the start. */
export function checkStepBack(n: unknown): number {
  if (isNumber(n) && Number.isInteger(n) && n >= 0) return n;
  throw new RangeError(`stepBack: n must be a whole number of events, 0 or more (more than have happened goes to the start), got ${shown(n)}`);
}

/** `setSpeed(x)`: the same range as the share URL's `speed`. */
export function checkSpeed(x: unknown): number {
  if (isNumber(x) && x > 0 && x <= MAX_PLAYBACK_SPEED) return x;
  throw new RangeError(`setSpeed: speed must be a number above 0 and at most ${MAX_PLAYBACK_SPEED} (×), got ${shown(x)}`);
}

/** `load(…, { seed })`: the engine's 32-bit seeds. */
export function checkSeed(seed: unknown): number {
  if (isNumber(seed) && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) return seed;
  throw new RangeError(`load: seed must be a whole number from 0 to ${MAX_SEED}, got ${shown(seed)}`);
}
