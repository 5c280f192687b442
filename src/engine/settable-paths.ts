import { PARAM_RANGES, describeRange, inRange } from './input-limits';
import { describeIds, describeValue } from './problem-text';
import type { FailoverConfig, NodeId, SimParams } from './types';

/**
 * What `config.set` may change while a run is going, and the value rules each
 * setting must obey. The scenario parser uses the same rules for the
 * `params` block, so a file and a live change can never disagree.
 */

interface ParamRule {
  description: string;
}

/**
 * Every SimParams field must be listed here: the mapped type makes a missing one a compile error.
 * The allowed range of each is in PARAM_RANGES (input-limits.ts): a 0 ms heartbeat loops forever,
 * a 1e-6 ms one never finishes, 0 B/s never copies.
 */
export const PARAM_RULES: { readonly [K in keyof SimParams]: ParamRule } = {
  heartbeatIntervalMs: { description: 'how often each node sends a heartbeat to cp (ms)' },
  suspectAfterMs: { description: 'silence before the monitor marks a node SUSPECT (ms)' },
  deadAfterMs: { description: 'silence before the monitor declares a node DEAD (ms)' },
  rehomeGraceMs: { description: 'extra wait after DEAD before shards are re-homed (ms)' },
  rebuildBytesPerSecPerNode: { description: 'rebuild bandwidth of each node, in and out separately (bytes/s)' },
  maxConcurrentCopiesPerNode: { description: 'most copies a node runs at once, in and out separately' },
  // A minimum above zero: zero would let the migrator know of a dead end the instant it dies, which is truth, not something it can observe.
  copyStreamTimeoutMs: { description: 'time a copy stream may make no progress before the migrator re-plans it (ms)' },
  linkLatencyMs: { description: 'one-way latency of every link (ms)' },
  controlPlaneStepMs: { description: 'time each control-plane step of the failover path takes (ms)' },
  walReplayMs: { description: 'time a restarting node replays its write-ahead log before serving (ms)' },
  electionTimeoutMs: { description: 'time cp takes to elect a new primary once one is needed (ms)' },
};

export const SIM_PARAM_KEYS = Object.keys(PARAM_RULES) as (keyof SimParams)[];

export function isSimParamKey(key: string): key is keyof SimParams {
  return Object.prototype.hasOwnProperty.call(PARAM_RULES, key);
}

/** What a param must be, in words: `a number from 10 to 60000 ms`, `a whole number from 1 to 64`. */
export function paramValueHint(key: keyof SimParams): string {
  return describeRange(PARAM_RANGES[key]);
}

/** Null when `value` is allowed for this param, else why not (without the field name). */
export function checkParamValue(key: keyof SimParams, value: unknown): string | null {
  return inRange(value, PARAM_RANGES[key]) ? null : `must be ${paramValueHint(key)}, got ${describeValue(value)}`;
}

export const FAILOVER_KEYS: readonly (keyof FailoverConfig)[] = ['autoReReplicate', 'asyncReReplicate', 'registeredNodes'];

const FAILOVER_DESCRIPTIONS: { readonly [K in keyof FailoverConfig]: string } = {
  autoReReplicate: 're-replicate automatically when a node is declared DEAD (true/false)',
  asyncReReplicate: 'copy in the background (true) or block the failover path until copies end (false)',
  registeredNodes: 'nodes the migrator can reach: "all" or a list of node ids (none = callback-only fallback)',
};

/** Null when `value` is allowed for this failover setting, else why not (without the field name). */
export function checkFailoverValue(
  key: keyof FailoverConfig,
  value: unknown,
  nodeIds: readonly NodeId[],
): string | null {
  if (key !== 'registeredNodes') {
    return typeof value === 'boolean' ? null : `must be true or false, got ${describeValue(value)}`;
  }
  if (value === 'all') return null;
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    return `must be "all" or a list of node ids, got ${describeValue(value)}`;
  }
  const known = new Set(nodeIds);
  const unknown = value.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return `unknown node ${unknown.map((id) => JSON.stringify(id)).join(', ')} (this cluster has ${describeIds(nodeIds)})`;
  }
  const repeated = value.find((id, i) => value.indexOf(id) !== i);
  if (repeated !== undefined) return `lists node "${repeated}" twice`;
  return null;
}

export interface SettablePath {
  path: string;
  description: string;
}

/** Every path `config.set` accepts, in the order a settings panel would show them. */
export const SETTABLE_PATHS: readonly SettablePath[] = [
  ...SIM_PARAM_KEYS.map((key) => ({
    path: `params.${key}`,
    description: `${PARAM_RULES[key].description}; ${paramValueHint(key)}`,
  })),
  ...FAILOVER_KEYS.map((key) => ({ path: `failover.${key}`, description: FAILOVER_DESCRIPTIONS[key] })),
];

export const SETTABLE_PATH_NAMES: readonly string[] = SETTABLE_PATHS.map((p) => p.path);

/** Null when `config.set {path, value}` is allowed on a cluster with these nodes, else why not. */
export function checkSettable(path: string, value: unknown, nodeIds: readonly NodeId[]): string | null {
  const [section, key, ...rest] = path.split('.');
  if (rest.length === 0 && section === 'params' && key !== undefined && isSimParamKey(key)) {
    return checkParamValue(key, value);
  }
  if (rest.length === 0 && section === 'failover' && (FAILOVER_KEYS as readonly string[]).includes(key ?? '')) {
    return checkFailoverValue(key as keyof FailoverConfig, value, nodeIds);
  }
  return `unknown path "${path}"`;
}
