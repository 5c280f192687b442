import type { RunMoment } from './propose-checks';

/**
 * Test helper: evaluates the few operators propose-checks.ts writes (`var`, comparisons, `and`, `some`, `filter`,
 * `count`, `trace.count`) over one moment labelled `you`, JsonLogic's way. It lets the proposer's tests say "holds at
 * the goal, not at the start" without depending on the full check language (check/evaluate-check.ts).
 */
export function evaluateSubset(expr: unknown, moment: RunMoment, data: unknown = null): unknown {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return expr;
  const [op, raw] = Object.entries(expr as Record<string, unknown>)[0];
  const args = Array.isArray(raw) ? raw : [raw];
  const ev = (e: unknown) => evaluateSubset(e, moment, data);
  switch (op) {
    case 'var':
      return readVar(String(args[0]), moment, data);
    case '==':
      return ev(args[0]) == ev(args[1]);
    case '!=':
      return ev(args[0]) != ev(args[1]);
    case '>':
      return (ev(args[0]) as number) > (ev(args[1]) as number);
    case '>=':
      return (ev(args[0]) as number) >= (ev(args[1]) as number);
    case '<':
      return (ev(args[0]) as number) < (ev(args[1]) as number);
    case 'and':
      return args.every((a) => ev(a));
    case 'some':
      return (ev(args[0]) as unknown[]).some((item) => evaluateSubset(args[1], moment, item));
    case 'filter':
      return (ev(args[0]) as unknown[]).filter((item) => evaluateSubset(args[1], moment, item));
    case 'count':
      return (ev(args[0]) as unknown[]).length;
    case 'trace.count': {
      const [, kind, filter] = args as [string, string, Record<string, unknown>];
      return moment.trace.filter((e) => e.kind === kind && Object.entries(filter).every(([k, v]) => e.data[k] === v)).length;
    }
    default:
      throw new Error(`evaluateSubset: no operator ${op}`);
  }
}

function readVar(path: string, moment: RunMoment, data: unknown): unknown {
  const parts = path.split('.');
  let value: unknown;
  if (data !== null) value = data;
  else {
    if (parts.shift() !== 'you') throw new Error(`evaluateSubset: ${path} is not the learner's run`);
    value = { state: moment.state, metrics: moment.state.metrics, params: moment.state.params };
  }
  for (const part of parts) value = value === null || value === undefined ? null : (value as Record<string, unknown>)[part];
  return value ?? null;
}
