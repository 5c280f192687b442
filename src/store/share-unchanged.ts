import type { ConsoleViewState } from './view-model';

/**
 * Structural sharing between two published view states. A frame from the engine's worker arrives by structured
 * clone, so every object in it is new even where nothing changed: a view selecting `s.scenario` or `s.cluster.nodes`
 * would re-render on every publish. `shareUnchanged(previous, next)` gives back `next` with every part that is
 * deep-equal to the same part of `previous` replaced by the previous object, so an unchanged part keeps its
 * identity and `Object.is` selectors (zustand, React memo, the map's layers) skip their work.
 *
 * Plain objects, arrays and typed arrays are compared; anything else (a Map, a class instance) counts as changed
 * unless it is the same object. `next` is fresh from the worker and read by no one yet, so it is updated in place
 * rather than copied.
 */
export function shareUnchanged<T>(previous: T, next: T): T {
  return share(previous, next) as T;
}

function share(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous;
  if (typeof previous !== 'object' || typeof next !== 'object' || previous === null || next === null) return next;
  if (Array.isArray(next)) return Array.isArray(previous) ? shareArray(previous, next) : next;
  if (ArrayBuffer.isView(next)) return sameBytes(previous, next) ? previous : next;
  if (!isPlain(previous) || !isPlain(next)) return next;
  return shareObject(previous as Record<string, unknown>, next as Record<string, unknown>);
}

function shareArray(previous: unknown[], next: unknown[]): unknown[] {
  let same = previous.length === next.length;
  const n = Math.min(previous.length, next.length);
  for (let i = 0; i < n; i++) {
    const shared = share(previous[i], next[i]);
    if (shared !== previous[i]) same = false;
    next[i] = shared;
  }
  return same ? previous : next;
}

function shareObject(previous: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  let same = true;
  let keys = 0;
  for (const key in next) {
    keys++;
    if (!Object.prototype.hasOwnProperty.call(previous, key)) {
      same = false;
      continue;
    }
    const shared = share(previous[key], next[key]);
    if (shared !== previous[key]) same = false;
    next[key] = shared;
  }
  if (same && keys !== Object.keys(previous).length) same = false;
  return same ? previous : next;
}

function sameBytes(previous: object, next: ArrayBufferView): boolean {
  if (!ArrayBuffer.isView(previous) || previous.constructor !== next.constructor || previous.byteLength !== next.byteLength) return false;
  const a = new Uint8Array(previous.buffer, previous.byteOffset, previous.byteLength);
  const b = new Uint8Array(next.buffer, next.byteOffset, next.byteLength);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A newly published view state with its unchanged parts kept from the previous one (see shareUnchanged). Left as
 * they come: the trace and the metric history, which already keep their identity through their deltas (and whose
 * entries' identity tells the heartbeat pulses that a run was re-simulated), and the cluster's shard and copy lists,
 * the two big lists, which change on most publishes while a rebuild runs and whose views compare them shard by
 * shard and copy by copy themselves; comparing them here would cost more than it saves.
 */
export function shareFrameState(previous: ConsoleViewState, next: ConsoleViewState): ConsoleViewState {
  const { trace, history, cluster, ...rest } = next;
  const { shards, copies, ...clusterRest } = cluster;
  const { trace: _trace, history: _history, cluster: previousCluster, ...previousRest } = previous;
  const { shards: _shards, copies: _copies, ...previousClusterRest } = previousCluster;
  const sharedRest = shareUnchanged(previousRest, rest);
  const sharedCluster = shareUnchanged(previousClusterRest, clusterRest);
  return { ...sharedRest, trace, history, cluster: { ...sharedCluster, shards, copies } };
}
