import { didYouMean } from '../../engine/index';
import {
  CHECK_LIMITS,
  CHECK_OPERATORS,
  CHECK_OPERATOR_NAMES,
  CHECK_ROOTS,
  ITERATING_OPERATORS,
  RUN_VIEW_FIELDS,
  TRACE_OPERATORS,
  isCheckOperator,
} from './check-operators';

/**
 * The problems of a check expression before it ever runs, each naming its place under `path`
 * (`steps[6].check.and[2].sme: unknown operator "sme" (did you mean "some"?)`); none when it is sound.
 * What it catches: an object that is not one operator, an unknown operator, a wrong number of arguments, a `var`
 * path that cannot name anything at the top of a check (`you.metric.bytesMoved`), a trace filter that is not an
 * object, and an expression too deep or too large (CHECK_LIMITS). What only the run can tell (a run label an
 * observe step makes, a metric's name) is left to the evaluator, which names it too.
 */
export function checkExprProblems(expr: unknown, path: string): string[] {
  if (expr === undefined) return [`${path}: required (a check expression such as {"==": [1, 1]})`];
  const walk = { problems: [] as string[], nodes: 0, tooBig: false };
  visit(expr, path, true, 0, walk);
  return walk.problems;
}

interface Walk {
  problems: string[];
  nodes: number;
  tooBig: boolean;
}

function visit(expr: unknown, at: string, top: boolean, depth: number, walk: Walk): void {
  if (walk.tooBig) return;
  if (++walk.nodes > CHECK_LIMITS.maxNodes) {
    walk.problems.push(`${at}: the check is too large (more than ${CHECK_LIMITS.maxNodes} values and operators)`);
    walk.tooBig = true;
    return;
  }
  if (depth > CHECK_LIMITS.maxDepth) {
    walk.problems.push(`${at}: nested deeper than ${CHECK_LIMITS.maxDepth} levels`);
    walk.tooBig = true;
    return;
  }
  if (expr === null || typeof expr === 'boolean') return;
  if (typeof expr === 'string') {
    if (expr.length > CHECK_LIMITS.maxStringChars) walk.problems.push(`${at}: a string of ${expr.length} characters, more than ${CHECK_LIMITS.maxStringChars}`);
    return;
  }
  if (typeof expr === 'number') {
    if (!Number.isFinite(expr)) walk.problems.push(`${at}: ${String(expr)} is not a number a check can hold`);
    return;
  }
  if (Array.isArray(expr)) {
    expr.forEach((item, i) => visit(item, `${at}[${i}]`, top, depth + 1, walk));
    return;
  }
  if (typeof expr !== 'object') {
    walk.problems.push(`${at}: a check holds JSON values only, got ${typeof expr}`);
    return;
  }
  const keys = Object.keys(expr);
  if (keys.length !== 1) {
    walk.problems.push(`${at}: an operator is an object with exactly one key (e.g. {"==": [a, b]}), got ${keys.length === 0 ? 'none' : `${keys.length}: ${keys.slice(0, 5).join(', ')}`}`);
    return;
  }
  const op = keys[0];
  const here = `${at}.${op}`;
  if (!isCheckOperator(op)) {
    const hint = op.length <= 40 ? didYouMean(op, CHECK_OPERATOR_NAMES) : '';
    walk.problems.push(`${here}: unknown operator "${op.length > 40 ? `${op.slice(0, 40)}…` : op}"${hint} (operators: ${CHECK_OPERATOR_NAMES.join(' ')})`);
    return;
  }
  const raw = (expr as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const arity = CHECK_OPERATORS[op];
  if (args.length < arity.min || args.length > arity.max) {
    walk.problems.push(`${here}: takes ${arityText(arity)}, got ${args.length}`);
    return;
  }
  if (op === 'var') {
    varProblems(args, here, top, walk);
    args.forEach((arg, i) => visit(arg, `${here}[${i}]`, top, depth + 1, walk));
    return;
  }
  args.forEach((arg, i) => {
    const argAt = `${here}[${i}]`;
    if (TRACE_OPERATORS.has(op) && i === 2) return filterProblems(arg, argAt, top, depth, walk);
    // Inside some/all/none/filter/map the second argument reads each item: its `var`s are the item's fields.
    visit(arg, argAt, ITERATING_OPERATORS.has(op) && i === 1 ? false : top, depth + 1, walk);
  });
  if (TRACE_OPERATORS.has(op) && typeof args[1] !== 'string' && !isOperatorObject(args[1])) {
    walk.problems.push(`${here}[1]: expected a trace kind (a string such as "node.declaredDead")`);
  }
}

function filterProblems(arg: unknown, at: string, top: boolean, depth: number, walk: Walk): void {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    walk.problems.push(`${at}: a trace filter is an object of data fields (e.g. {"node": "n2"})`);
    return;
  }
  for (const [key, value] of Object.entries(arg)) visit(value, `${at}.${key}`, top, depth + 1, walk);
}

/** A literal path at the top of a check must start at runs, you or prediction, and reach a run view's field. */
function varProblems(args: unknown[], here: string, top: boolean, walk: Walk): void {
  const path = args[0];
  if (isOperatorObject(path)) return;
  if (typeof path !== 'string' && typeof path !== 'number' && path !== null) {
    walk.problems.push(`${here}[0]: a path is a string such as "you.metrics.bytesMoved"`);
    return;
  }
  if (!top) return;
  const segments = String(path ?? '').split('.');
  const [root] = segments;
  if (!(CHECK_ROOTS as readonly string[]).includes(root)) {
    walk.problems.push(`${here}: "${String(path)}" starts at "${root}"; a check reads ${CHECK_ROOTS.join(', ')}${didYouMean(root, CHECK_ROOTS)}`);
    return;
  }
  const field = root === 'you' ? segments[1] : root === 'runs' ? segments[2] : undefined;
  if (root === 'runs' && segments.length < 2) return;
  if (field !== undefined && !(RUN_VIEW_FIELDS as readonly string[]).includes(field)) {
    walk.problems.push(`${here}: "${String(path)}": a run has no "${field}"${didYouMean(field, RUN_VIEW_FIELDS)} (a run has ${RUN_VIEW_FIELDS.join(', ')})`);
  }
}

function isOperatorObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arityText(arity: { min: number; max: number }): string {
  const noun = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (arity.min === arity.max) return noun(arity.min);
  if (arity.max === Infinity) return `at least ${noun(arity.min)}`;
  return `${arity.min} to ${noun(arity.max)}`;
}
