import {
  describeValue,
  FAILOVER_KEYS,
  SIM_PARAM_KEYS,
  checkFailoverValue,
  checkParamValue,
  type FailoverConfig,
  type NodeId,
  type SimParams,
} from '../engine/index';
import { DEFAULT_FAILOVER, DEFAULT_PARAMS } from './defaults';
import { isRecord, reportUnknownFields, type Problems } from './field-checks';

/**
 * The `params` and `failover` blocks: each field optional, each checked by
 * the same rules `config.set` uses at run time, missing ones from defaults.
 */

export function parseParams(raw: unknown, problems: Problems, preset: Partial<SimParams> = {}): SimParams | null {
  if (raw === undefined) return { ...DEFAULT_PARAMS, ...preset };
  if (!isRecord(raw)) {
    problems.push(`params: must be an object of settings, got ${describeValue(raw)}`);
    return null;
  }
  const before = problems.length;
  reportUnknownFields(raw, SIM_PARAM_KEYS, 'params.', problems);
  const params: SimParams = { ...DEFAULT_PARAMS, ...preset };
  const valid = new Set<keyof SimParams>();
  for (const key of SIM_PARAM_KEYS) {
    if (raw[key] === undefined) {
      valid.add(key);
      continue;
    }
    const problem = checkParamValue(key, raw[key]);
    if (problem) problems.push(`params.${key}: ${problem}`);
    else {
      params[key] = raw[key] as number;
      valid.add(key);
    }
  }
  // Only meaningful when both values are themselves valid; else the value problems say enough.
  if (valid.has('suspectAfterMs') && valid.has('deadAfterMs') && params.suspectAfterMs >= params.deadAfterMs) {
    problems.push(
      `params.suspectAfterMs: must be less than params.deadAfterMs (a node is suspected before it is declared dead), ` +
        `got ${params.suspectAfterMs} and ${params.deadAfterMs}`,
    );
  }
  return problems.length === before ? params : null;
}

/** `nodeIds` is null when the node list itself is broken: then node names cannot be judged. */
export function parseFailover(
  raw: unknown,
  nodeIds: readonly NodeId[] | null,
  problems: Problems,
  preset: Partial<FailoverConfig> = {},
): FailoverConfig | null {
  if (raw === undefined) return copyFailover({ ...DEFAULT_FAILOVER, ...preset });
  if (!isRecord(raw)) {
    problems.push(`failover: must be an object of settings, got ${describeValue(raw)}`);
    return null;
  }
  const before = problems.length;
  reportUnknownFields(raw, FAILOVER_KEYS, 'failover.', problems);
  const merged = { ...DEFAULT_FAILOVER, ...preset, ...pick(raw) };
  for (const key of FAILOVER_KEYS) {
    if (raw[key] === undefined) continue;
    const value = raw[key];
    const unjudgeable = nodeIds === null && Array.isArray(value) && value.every((id) => typeof id === 'string');
    const problem = unjudgeable ? null : checkFailoverValue(key, value, nodeIds ?? []);
    if (problem) problems.push(`failover.${key}: ${problem}`);
  }
  return problems.length === before ? copyFailover(merged as FailoverConfig) : null;
}

function pick(raw: Record<string, unknown>): Partial<Record<keyof FailoverConfig, unknown>> {
  const out: Partial<Record<keyof FailoverConfig, unknown>> = {};
  for (const key of FAILOVER_KEYS) if (raw[key] !== undefined) out[key] = raw[key];
  return out;
}

/** A copy that shares no array with the input or the defaults. */
function copyFailover(config: FailoverConfig): FailoverConfig {
  const { registeredNodes } = config;
  return { ...config, registeredNodes: registeredNodes === 'all' ? 'all' : [...registeredNodes] };
}
