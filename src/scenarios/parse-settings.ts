import { registeredNodesProblem, type FailoverConfig, type NodeId, type SimParams } from '../engine/index';
import { problemAt, type Problems, type Soundness } from './field-checks';

/**
 * The `params` and `failover` blocks: each field is judged by the same schema
 * `config.set` uses at run time; here, what needs more than one field: SUSPECT
 * before DEAD (after a profile's presets), and registered nodes that exist.
 */

export function checkSettings(
  file: { params?: Partial<SimParams>; failover?: Partial<FailoverConfig> },
  ok: Soundness,
  params: SimParams,
  nodeIds: readonly NodeId[] | null,
  problems: Problems,
): void {
  // Only meaningful when both values are themselves valid; else the value problems say enough.
  if (ok.whole(['params', 'suspectAfterMs']) && ok.whole(['params', 'deadAfterMs']) && params.suspectAfterMs >= params.deadAfterMs) {
    problems.push(
      problemAt(
        ['params', 'suspectAfterMs'],
        'must be less than params.deadAfterMs (a node is suspected before it is declared dead), ' +
          `got ${params.suspectAfterMs} and ${params.deadAfterMs}`,
        { orderPath: ['params'] },
      ),
    );
  }
  const registered = file.failover?.registeredNodes;
  if (registered !== undefined && nodeIds !== null && ok.whole(['failover', 'registeredNodes'])) {
    const problem = registeredNodesProblem(registered, nodeIds);
    if (problem) problems.push(problemAt(['failover', 'registeredNodes'], problem));
  }
}

/** `base` under `top`, leaving out fields `top` does not set (a script may pass `undefined`). */
export function overlay<T extends object>(base: T, ...tops: (Partial<T> | null | undefined)[]): T {
  const out = { ...base };
  for (const top of tops) {
    for (const [key, value] of Object.entries(top ?? {})) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A copy that shares no array with the input, the presets or the defaults. */
export function copyFailover(config: FailoverConfig): FailoverConfig {
  const { registeredNodes } = config;
  return { ...config, registeredNodes: registeredNodes === 'all' ? 'all' : [...registeredNodes] };
}
