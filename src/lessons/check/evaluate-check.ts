import type { CheckExpr, CheckOutcome, CheckScope, RunView } from '../lesson-types';
import type { TraceEntry } from '../../engine/index';
import { CHECK_LIMITS, CHECK_OPERATORS, ITERATING_OPERATORS, RUN_PLACEHOLDER, isCheckOperator } from './check-operators';

/**
 * The check language (teaching-embed.md §2.3): a JsonLogic-style expression evaluated over a read-only view of
 * runs. Data only — no eval, no functions, no strings built into code — and strict where JsonLogic guesses: an
 * unknown operator, a wrong number of arguments, arithmetic on a non-number or a `var` path through nothing is a
 * CheckError naming the operator's place. A `var` whose last step is missing reads null (as JsonLogic does), so
 * `{"==": [{"var": "you.metrics.notThere"}, null]}` works. Every evaluation is bounded (CHECK_LIMITS): a hostile
 * lesson cannot hang the page.
 */
export class CheckError extends Error {
  override name = 'CheckError';
}

interface Context {
  scope: CheckScope;
  /** What `var` reads at the top: runs, you, prediction. */
  root: Record<string, unknown>;
  steps: number;
}

export function evaluateCheck(expr: CheckExpr, scope: CheckScope): unknown {
  const root: Record<string, unknown> = { runs: scope.runs, prediction: scope.prediction };
  if (Object.prototype.hasOwnProperty.call(scope.runs, 'you')) root.you = scope.runs.you;
  const context: Context = { scope, root, steps: 0 };
  return evaluate(expr, root, true, context, '', 0);
}

/** A check evaluated for a learner or a grader: never throws; a problem becomes `error`, in words, and not passed. */
export function evaluateOutcome(expr: CheckExpr, scope: CheckScope): CheckOutcome {
  try {
    const value = evaluateCheck(expr, scope);
    return { passed: truthy(value), value: plain(value) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { passed: false, value: null, error: error instanceof CheckError ? message : `the check could not run: ${message}` };
  }
}

/** JsonLogic's truth: an empty array is false, like 0, "", null and false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/**
 * An observe step's `compare` row (or any expression) for one run: every "$run" inside a string becomes the label
 * (`"runs.$run.metrics.bytesMoved"`, `["$run", "copy.started", {}]`). The expression itself is not changed.
 */
export function substituteRun(expr: CheckExpr, label: string): CheckExpr {
  if (typeof expr === 'string') return expr.split(RUN_PLACEHOLDER).join(label);
  if (Array.isArray(expr)) return expr.map((item) => substituteRun(item, label));
  if (typeof expr === 'object' && expr !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(expr)) out[key] = substituteRun(value, label);
    return out;
  }
  return expr;
}

function evaluate(expr: unknown, data: unknown, top: boolean, context: Context, at: string, depth: number): unknown {
  if (depth > CHECK_LIMITS.maxDepth) throw new CheckError(`${where(at)}: nested deeper than ${CHECK_LIMITS.maxDepth} levels`);
  tick(context, 1, at);
  if (expr === null || typeof expr === 'string' || typeof expr === 'boolean') return expr;
  if (typeof expr === 'number') {
    if (!Number.isFinite(expr)) throw new CheckError(`${where(at)}: ${String(expr)} is not a number a check can hold`);
    return expr;
  }
  if (Array.isArray(expr)) return expr.map((item, i) => evaluate(item, data, top, context, `${at}[${i}]`, depth + 1));
  if (typeof expr !== 'object') throw new CheckError(`${where(at)}: a check holds JSON values only, got ${typeof expr}`);
  const keys = Object.keys(expr);
  if (keys.length !== 1) {
    throw new CheckError(`${where(at)}: an operator is an object with exactly one key (e.g. {"==": [a, b]}), got ${keys.length} keys`);
  }
  const op = keys[0];
  const here = `${at}${at ? '.' : ''}${op}`;
  if (!isCheckOperator(op)) throw new CheckError(`${here}: unknown operator "${op}"`);
  const raw = (expr as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const arity = CHECK_OPERATORS[op];
  if (args.length < arity.min || args.length > arity.max) {
    throw new CheckError(`${here}: takes ${arityText(arity)}, got ${args.length}`);
  }
  const arg = (i: number): unknown => evaluate(args[i], data, top, context, `${here}[${i}]`, depth + 1);
  const all = (): unknown[] => args.map((_, i) => arg(i));

  switch (op) {
    case '==':
      return deepEqual(arg(0), arg(1));
    case '!=':
      return !deepEqual(arg(0), arg(1));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareChain(op, all(), here);
    case 'and': {
      let value: unknown = true;
      for (let i = 0; i < args.length; i++) {
        value = arg(i);
        if (!truthy(value)) return value;
      }
      return value;
    }
    case 'or': {
      let value: unknown = false;
      for (let i = 0; i < args.length; i++) {
        value = arg(i);
        if (truthy(value)) return value;
      }
      return value;
    }
    case '!':
      return !truthy(arg(0));
    case '!!':
      return truthy(arg(0));
    case 'if': {
      let i = 0;
      for (; i + 1 < args.length; i += 2) if (truthy(arg(i))) return arg(i + 1);
      return i < args.length ? arg(i) : null;
    }
    case 'in': {
      const needle = arg(0);
      const haystack = arg(1);
      if (Array.isArray(haystack)) {
        tick(context, haystack.length, here);
        return haystack.some((item) => deepEqual(item, needle));
      }
      if (typeof haystack === 'string' && typeof needle === 'string') return haystack.includes(needle);
      throw new CheckError(`${here}: expected a value and an array (or two strings), got ${describe(needle)} and ${describe(haystack)}`);
    }
    case 'var':
      return readVar(args, data, top, context, here, depth);
    case '+':
      return numbers(all(), here).reduce((a, b) => a + b, 0);
    case '*':
      return numbers(all(), here).reduce((a, b) => a * b, 1);
    case '-': {
      const values = numbers(all(), here);
      return values.length === 1 ? -values[0] : values[0] - values[1];
    }
    case '/': {
      const [a, b] = numbers(all(), here);
      if (b === 0) throw new CheckError(`${here}: division by zero`);
      return a / b;
    }
    case 'min':
      return Math.min(...numbers(all(), here));
    case 'max':
      return Math.max(...numbers(all(), here));
    case 'count': {
      const list = arg(0);
      if (!Array.isArray(list)) throw new CheckError(`${here}: expected an array, got ${describe(list)}`);
      return list.length;
    }
    case 'trace.count':
    case 'trace.first':
      return traceQuery(op, args, data, top, context, here, depth);
    case 'node':
    case 'shard': {
      const view = runOf(arg(0), context, `${here}[0]`);
      const id = arg(1);
      if (typeof id !== 'string') throw new CheckError(`${here}[1]: expected a ${op} id (a string), got ${describe(id)}`);
      const list: readonly { id: string }[] = op === 'node' ? view.state.nodes : view.state.shards;
      tick(context, list.length, here);
      return list.find((item) => item.id === id) ?? null;
    }
  }
  if (ITERATING_OPERATORS.has(op)) return iterate(op, args, data, top, context, here, depth);
  throw new CheckError(`${here}: unknown operator "${op}"`);
}

function iterate(op: string, args: unknown[], data: unknown, top: boolean, context: Context, here: string, depth: number): unknown {
  const list = evaluate(args[0], data, top, context, `${here}[0]`, depth + 1);
  if (list === null) return op === 'filter' || op === 'map' ? [] : op === 'none';
  if (!Array.isArray(list)) throw new CheckError(`${here}[0]: expected an array, got ${describe(list)}`);
  // The item is what `var` reads inside (JsonLogic): `{"var": "failedNode"}` is the item's field.
  const test = (item: unknown): unknown => evaluate(args[1], item, false, context, `${here}[1]`, depth + 1);
  switch (op) {
    case 'some':
      return list.some((item) => truthy(test(item)));
    case 'all':
      return list.length > 0 && list.every((item) => truthy(test(item)));
    case 'none':
      return !list.some((item) => truthy(test(item)));
    case 'filter':
      return list.filter((item) => truthy(test(item)));
    default:
      return list.map((item) => test(item));
  }
}

function readVar(args: unknown[], data: unknown, top: boolean, context: Context, here: string, depth: number): unknown {
  const path = evaluate(args[0], data, top, context, `${here}[0]`, depth + 1);
  const fallback = args.length > 1 ? evaluate(args[1], data, top, context, `${here}[1]`, depth + 1) : null;
  if (path === null || path === '') return top ? fail(`${here}: an empty path reads nothing at the top of a check (use "you.metrics…", "runs.<label>…" or "prediction.<step>…")`) : data;
  if (typeof path !== 'string' && typeof path !== 'number') throw new CheckError(`${here}: a path is a string or a number, got ${describe(path)}`);
  const segments = String(path).split('.');
  let current: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const sofar = segments.slice(0, i).join('.');
    if (current === null || current === undefined) {
      throw new CheckError(`${here} "${path}": "${sofar}" is missing, so there is nothing at "${segments.slice(0, i + 1).join('.')}"`);
    }
    if (typeof current !== 'object') {
      throw new CheckError(`${here} "${path}": "${sofar}" is ${describe(current)}, which has no "${segment}"`);
    }
    if (top && i === 0 && !has(current, segment)) {
      throw new CheckError(`${here} "${path}": a check reads ${Object.keys(context.root).join(', ')}; "${segment}" is none of them`);
    }
    if (top && i === 1 && segments[0] === 'runs' && !has(current, segment)) {
      throw new CheckError(`${here} "${path}": no run "${segment}" (runs: ${Object.keys(context.scope.runs).join(', ') || 'none'})`);
    }
    current = Array.isArray(current) ? indexOf(current, segment) : has(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current === undefined || current === null ? fallback : current;
}

function traceQuery(op: 'trace.count' | 'trace.first', args: unknown[], data: unknown, top: boolean, context: Context, here: string, depth: number): unknown {
  const view = runOf(evaluate(args[0], data, top, context, `${here}[0]`, depth + 1), context, `${here}[0]`);
  const kind = evaluate(args[1], data, top, context, `${here}[1]`, depth + 1);
  if (typeof kind !== 'string') throw new CheckError(`${here}[1]: expected a trace kind (a string such as "node.declaredDead"), got ${describe(kind)}`);
  const filter = traceFilter(args[2], data, top, context, `${here}[2]`, depth);
  const trace = view.trace;
  tick(context, trace.length, here);
  const matches = (entry: TraceEntry): boolean => entry.kind === kind && filter.every(([key, value]) => deepEqual(entry.data[key], value));
  // The trace keeps only its newest entries; the ones that fell out are counted by kind. An unfiltered count adds
  // them; a filtered count or a first entry cannot be known any more, and saying a number anyway would be a guess.
  const evicted = view.traceEvicted?.[kind] ?? 0;
  if (evicted > 0 && (op === 'trace.first' || filter.length > 0)) {
    throw new CheckError(
      `${here}: ${evicted} "${kind}" entr${evicted === 1 ? 'y' : 'ies'} of run "${view.label}" fell out of the kept trace window, so ${op === 'trace.first' ? 'the first one' : 'a filtered count'} cannot be known; check sooner or count without a filter`,
    );
  }
  if (op === 'trace.count') {
    let count = evicted;
    for (const entry of trace) if (matches(entry)) count++;
    return count;
  }
  const first = trace.find(matches);
  return first ? { timeMs: first.timeMs, event: first.event, seq: first.seq, kind: first.kind, actor: first.actor, text: first.text, data: first.data } : null;
}

/** A trace filter: a literal object whose values may be expressions; an entry matches when every key equals its `data[key]`. */
function traceFilter(raw: unknown, data: unknown, top: boolean, context: Context, at: string, depth: number): [string, unknown][] {
  if (raw === undefined) return [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CheckError(`${at}: a trace filter is an object of data fields (e.g. {"node": "n2"}), got ${describe(raw)}`);
  }
  return Object.entries(raw).map(([key, value]) => [key, evaluate(value, data, top, context, `${at}.${key}`, depth + 1)]);
}

function runOf(label: unknown, context: Context, at: string): RunView {
  if (typeof label !== 'string') throw new CheckError(`${at}: expected a run label (a string such as "you"), got ${describe(label)}`);
  if (!has(context.scope.runs, label)) throw new CheckError(`${at}: no run "${label}" (runs: ${Object.keys(context.scope.runs).join(', ') || 'none'})`);
  return context.scope.runs[label];
}

function compareChain(op: '<' | '<=' | '>' | '>=', values: unknown[], here: string): boolean {
  const kind = typeof values[0];
  if (!values.every((v) => (typeof v === 'number' && kind === 'number') || (typeof v === 'string' && kind === 'string'))) {
    throw new CheckError(`${here}: compares two numbers (or two strings), got ${values.map(describe).join(' and ')}`);
  }
  const ok = (a: number | string, b: number | string) => (op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b);
  for (let i = 0; i + 1 < values.length; i++) if (!ok(values[i] as number | string, values[i + 1] as number | string)) return false;
  return true;
}

function numbers(values: unknown[], here: string): number[] {
  values.forEach((v, i) => {
    if (typeof v !== 'number') throw new CheckError(`${here}[${i}]: expected a number, got ${describe(v)}`);
  });
  return values as number[];
}

function indexOf(list: unknown[], segment: string): unknown {
  if (segment === 'length') return list.length;
  if (!/^\d+$/.test(segment)) return undefined;
  return list[Number(segment)];
}

function has(object: unknown, key: string): boolean {
  return typeof object === 'object' && object !== null && Object.prototype.hasOwnProperty.call(object, key);
}

/** JSON equality: numbers, strings, booleans by value; null and a missing value alike; arrays and objects by content. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => has(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function tick(context: Context, n: number, at: string): void {
  context.steps += n;
  if (context.steps > CHECK_LIMITS.maxSteps) {
    throw new CheckError(`${where(at)}: the check does too much work (more than ${CHECK_LIMITS.maxSteps.toLocaleString('en-US')} steps); make it smaller`);
  }
}

function fail(message: string): never {
  throw new CheckError(message);
}

function where(at: string): string {
  return at || 'the check';
}

function arityText(arity: { min: number; max: number }): string {
  const noun = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (arity.min === arity.max) return noun(arity.min);
  if (arity.max === Infinity) return `at least ${noun(arity.min)}`;
  return `${arity.min} to ${noun(arity.max)}`;
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** A value a check returned, as plain JSON for a message across a worker boundary (a run view is summarised). */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) return value;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return null;
  }
}
