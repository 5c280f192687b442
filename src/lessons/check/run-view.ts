import type { ClusterState, Metrics, SimParams, Simulation, TraceEntry } from '../../engine/index';
import type { RunView } from '../lesson-types';

/**
 * What a check reads about one run (teaching-embed.md §2.3), taken from a simulation at the moment it is asked.
 * Lazy: `state` (every node and shard as plain data) is built once, on first read, and only if a check reads it;
 * `metrics`, `params`, `digest` and `trace` cost little. The getters are the object's own properties, so a `var`
 * path reads them and nothing else (no prototype, no methods).
 *
 * A view is a snapshot only in spirit: read it before the simulation moves on (the console and the walker build a
 * new one for every evaluation).
 */
export function runViewOf(label: string, sim: Simulation): RunView {
  let state: ClusterState | null = null;
  let metrics: Metrics | null = null;
  let trace: TraceEntry[] | null = null;
  const stateOnce = (): ClusterState => (state ??= sim.getState());
  const view = {} as RunView;
  const define = <K extends keyof RunView>(key: K, get: () => RunView[K]) =>
    Object.defineProperty(view, key, { get, enumerable: true, configurable: false });
  define('label', () => label);
  define('state', stateOnce);
  define('metrics', () => (metrics ??= state ? state.metrics : sim.getMetrics()));
  define('params', (): SimParams => stateOnce().params);
  define('digest', () => sim.digest());
  define('eventCount', () => sim.eventCount);
  define('timeMs', () => sim.timeMs);
  define('trace', () => (trace ??= sim.getTrace()));
  define('traceEvicted', () => sim.getTraceWindow().evicted.byKind);
  return Object.freeze(view);
}
