import { CommandError, createConsoleSimulation, MAX_SIM_HORIZON_MS, replicaStateOfCode, type Command } from '../engine/index';
import { resolveScenario } from './resolve-scenario';
import type { HeadlessReport, HeadlessRequest } from './protocol';

/**
 * A run apart from the console's own, start to finish, for lessons that compare two choices ("the same crash with
 * a grace period"): scenario + seed + commands + until → what a learner would compare. It never touches the
 * console's run, its playback or its view. Deterministic like every run: the same request gives the same digest.
 */
export function runHeadless(request: HeadlessRequest): HeadlessReport {
  if (typeof request !== 'object' || request === null) throw new TypeError('runHeadless: request must be an object');
  const { scenario, seed } = resolveScenario(request.scenario, { seed: request.seed, timeline: request.timeline });
  const sim = createConsoleSimulation({ scenario, seed });
  const commands = [...(request.commands ?? [])].sort((a, b) => a.atMs - b.atMs);
  const lastAtMs = commands.reduce((m, c) => Math.max(m, c.atMs), 0);
  const maxMs = checkTime('maxMs', request.maxMs ?? Math.min(MAX_SIM_HORIZON_MS, lastAtMs + 600_000));
  const refused: HeadlessReport['refused'] = [];
  for (const { atMs, command } of commands) {
    checkTime('commands[].atMs', atMs);
    if (atMs > maxMs) break;
    sim.advanceBy(Math.max(0, atMs - sim.timeMs));
    try {
      sim.dispatch(command as Command);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      refused.push({ atMs, command, error: error.message });
    }
  }
  const until = request.until;
  let result;
  if (until === 'healthy' || until === 'idle') result = sim.runUntil(until, { maxMs });
  else if (typeof until === 'object' && until !== null && typeof until.timeMs === 'number') {
    const to = Math.min(checkTime('until.timeMs', until.timeMs), maxMs);
    sim.advanceBy(Math.max(0, to - sim.timeMs));
    result = { reached: sim.timeMs >= until.timeMs, timeMs: sim.timeMs, reason: `time ${sim.timeMs} ms` };
  } else throw new RangeError('runHeadless: until must be "healthy", "idle" or { timeMs }');
  // No ShardView is built: at 100,000 shards that alone costs a second; the codes say each shard's state.
  const state = sim.getState({ shards: [] });
  const codes = Array.from(sim.getShardStateCodes());
  const trace = sim.getTrace();
  return {
    scenario: scenario.id,
    seed,
    result,
    metrics: state.metrics,
    digest: sim.digest(),
    eventCount: sim.eventCount,
    refused,
    nodes: { total: state.nodes.length, up: state.nodes.filter((n) => n.up).length, byHealth: countBy(state.nodes, (n) => n.health) },
    shards: { total: codes.length, byState: countBy(codes, replicaStateOfCode) },
    trace: { entries: sim.getTraceWindow().recorded, byLevel: countBy(trace, (t) => t.level), byKind: countBy(trace, (t) => t.kind) },
  };
}

function checkTime(name: string, ms: unknown): number {
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_SIM_HORIZON_MS) return ms;
  throw new RangeError(`runHeadless: ${name} must be a simulated time from 0 to ${MAX_SIM_HORIZON_MS} ms, got ${String(ms)}`);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
