import * as v from 'valibot';
import { didYouMean } from './did-you-mean';
import { ECHO_CHARS, MAX_CHECKED_PROBLEMS, MAX_LISTED_PROBLEMS, MAX_NAME_CHARS } from './input-limits';
import { hintsOf, type FieldHints } from './shape-schema';

/**
 * valibot's issues turned into problems a learner can act on: each names its
 * field by path, unknown fields are all named (with "did you mean"), and the
 * list reads in the order of the file — an object's unknown fields first, then
 * its fields in their declared order, list items by index, records by key order.
 * Problems found later by cross-field checks are merged into the same order.
 */

export type ShapePath = readonly (string | number)[];

export type ShapeProblem = (
  | { kind: 'unknown'; path: ShapePath; hint: string }
  | { kind: 'missing'; path: ShapePath; hints: FieldHints }
  | { kind: 'wrong'; path: ShapePath; message: string }
) & {
  /** Where the problem sorts, when not at `path` (a cross-field check sorts after its object's own fields). */
  orderPath?: ShapePath;
  /** Sorts before everything else at `orderPath` (a record key's problem before its value's). */
  lead?: boolean;
};

type Walkable = v.GenericSchema & {
  wrapped?: Walkable;
  getter?: (input: unknown) => Walkable;
  options?: readonly Walkable[];
  key?: string;
  entries?: Record<string, Walkable>;
  item?: Walkable;
  value?: Walkable;
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const hasOwn = (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key);

/** The schema that judges `input` itself, through optional, lazy, union and variant wrappers. */
function unwrap(schema: Walkable | undefined, input: unknown): Walkable | undefined {
  let current = schema;
  for (let guard = 0; current && guard < 20; guard++) {
    if (current.wrapped) current = current.wrapped;
    else if (current.getter) current = current.getter(input);
    else if (current.type === 'variant' && current.options && current.key) {
      const key = current.key;
      const tag = isObject(input) ? input[key] : undefined;
      current = current.options.find((o) => o.entries?.[key] && !v.safeParse(o.entries[key], tag).issues);
    } else if (current.type === 'union' && current.options) {
      current = current.options.find((o) => (Array.isArray(input) ? unwrap(o, input)?.item : unwrap(o, input)?.entries));
    } else return current;
  }
  return current;
}

function childSchema(schema: Walkable | undefined, key: string | number): Walkable | undefined {
  if (!schema) return undefined;
  if (schema.entries) return hasOwn(schema.entries, key) ? schema.entries[key] : undefined;
  return schema.item ?? (schema.type === 'record' ? schema.value : undefined);
}

/** The schema and the input value at `path`. */
function locate(root: v.GenericSchema, input: unknown, path: ShapePath): { schema?: Walkable; value: unknown } {
  let schema: Walkable | undefined = unwrap(root as Walkable, input);
  let value = input;
  for (const key of path) {
    value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
    schema = unwrap(childSchema(schema, key), value);
  }
  return { schema, value };
}

/** ` (did you mean "node"?)`, else the object's own hint. Overlong keys are cut and get no search. */
function unknownField(path: ShapePath, key: string, object: Walkable | undefined): ShapeProblem {
  if (key.length > MAX_NAME_CHARS) return { kind: 'unknown', path: [...path, `${key.slice(0, ECHO_CHARS)}…`], hint: '' };
  const known = Object.keys(object?.entries ?? {});
  return { kind: 'unknown', path: [...path, key], hint: didYouMean(key, known) || (hintsOf(object).otherwise ?? '') };
}

/** The hints of the field at `path`, read from its object's entry (outside any wrapper that hides them). */
function fieldHints(root: v.GenericSchema, input: unknown, path: ShapePath): FieldHints {
  return hintsOf(locate(root, input, path.slice(0, -1)).schema?.entries?.[path[path.length - 1]]);
}

function toProblems(root: v.GenericSchema, input: unknown, issue: v.BaseIssue<unknown>): ShapeProblem[] {
  const path: ShapePath = (issue.path ?? []).map((item) => item.key as string | number);
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    // valibot names only the first unknown key of an object: name them all.
    const at = path.slice(0, -1);
    const { schema, value } = locate(root, input, at);
    const known = schema?.entries ?? {};
    return Object.keys(value as object)
      .filter((key) => !hasOwn(known, key))
      .map((key) => unknownField(at, key, schema));
  }
  if (issue.type === 'strict_object' && issue.input === undefined) return [{ kind: 'missing', path, hints: fieldHints(root, input, path) }];
  // A variant (the command union) reports a bad discriminator at `.type`; the message is about the whole command.
  if (issue.type === 'variant' && issue.expected !== 'Object') return [{ kind: 'wrong', path: path.slice(0, -1), message: issue.message }];
  // `{"node": undefined}` from a script is a missing field, as in JSON.
  if (issue.input === undefined && path.length > 0) return [{ kind: 'missing', path, hints: fieldHints(root, input, path) }];
  return [{ kind: 'wrong', path, message: issue.message }];
}

/**
 * A valibot config that stops the walk once it finds more than `budget` issues. valibot reads
 * `lang` once for every issue it creates, and `abortEarly` each time a list,
 * object or record item fails: counting the one and answering the other
 * makes every container stop at its next failing item once the budget is spent.
 * (shape-problems.test.ts pins this: 700,000 bad items stop near the budget.)
 */
function stoppingAfter(budget: number): { config: v.Config<v.BaseIssue<unknown>>; stopped: () => boolean } {
  let issues = 0;
  const config = {
    abortPipeEarly: true,
    get lang() {
      issues++;
      return undefined;
    },
    get abortEarly() {
      return issues > budget;
    },
  };
  // Past the budget: the issue that went over it may have been followed by more, never looked for.
  return { config, stopped: () => issues > budget };
}

export type ShapeResult<T> =
  | { ok: true; value: T }
  /** `stopped`: checking stopped after MAX_CHECKED_PROBLEMS problems; there may be more than listed. */
  | { ok: false; problems: ShapeProblem[]; stopped: boolean };

/**
 * Every shape problem of `input`, in reading order, up to MAX_CHECKED_PROBLEMS
 * (then `stopped`); the typed output when there is none.
 */
export function checkShape<S extends v.GenericSchema>(schema: S, input: unknown): ShapeResult<v.InferOutput<S>> {
  const { config, stopped } = stoppingAfter(MAX_CHECKED_PROBLEMS);
  // safeParse copies the config's fields, so the schema is run directly with the counting one.
  const dataset = schema['~run']({ value: input }, config);
  if (!dataset.issues) return { ok: true, value: dataset.value as v.InferOutput<S> };
  const problems = dataset.issues.flatMap((issue) => toProblems(schema, input, issue));
  return { ok: false, problems: sortProblems(schema, input, problems), stopped: stopped() };
}

/**
 * What a refusal lists: the first MAX_LISTED_PROBLEMS lines, then one line
 * that counts the rest (or says checking stopped), so 100,000 bad items never
 * make a message of megabytes.
 */
export function listProblems(lines: readonly string[], stopped = false, max = MAX_LISTED_PROBLEMS): string[] {
  if (!stopped && lines.length <= max) return [...lines];
  const shown = lines.slice(0, max);
  const rest = lines.length - shown.length;
  if (stopped) return [...shown, `…and more problems (checking stopped after the first ${MAX_CHECKED_PROBLEMS})`];
  return [...shown, `…and ${rest} more problem${rest === 1 ? '' : 's'}`];
}

type KeyOrder = (record: Record<string, unknown>) => ReadonlyMap<string, number>;

/**
 * Each step of a path as a rank: an object's unknown keys -1, its declared
 * fields by declaration order, a record's keys by their order in the input,
 * list items by index.
 */
function ranksOf(root: v.GenericSchema, input: unknown, problem: ShapeProblem, keyOrder: KeyOrder): number[] {
  const path = problem.orderPath ?? problem.path;
  const ranks: number[] = [];
  let schema = unwrap(root as Walkable, input);
  let value = input;
  for (const key of path) {
    if (typeof key === 'number') ranks.push(key);
    else if (schema?.entries) ranks.push(Object.keys(schema.entries).indexOf(key));
    else ranks.push(isObject(value) ? keyOrder(value).get(key) ?? -1 : 0);
    value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
    schema = unwrap(childSchema(schema, key), value);
  }
  if (problem.lead) ranks.push(-2);
  return ranks;
}

/** Reading order; a problem about a whole object comes after those about its fields. Stable. */
export function sortProblems(root: v.GenericSchema, input: unknown, problems: readonly ShapeProblem[]): ShapeProblem[] {
  // A record's key order, computed once per record: 100,000 problems in one record stay linear.
  const orders = new WeakMap<object, Map<string, number>>();
  const keyOrder: KeyOrder = (record) => {
    let order = orders.get(record);
    if (!order) orders.set(record, (order = new Map(Object.keys(record).map((key, i) => [key, i]))));
    return order;
  };
  const keyed = problems.map((problem) => ({ problem, ranks: ranksOf(root, input, problem, keyOrder) }));
  keyed.sort((x, y) => {
    const n = Math.min(x.ranks.length, y.ranks.length);
    for (let i = 0; i < n; i++) if (x.ranks[i] !== y.ranks[i]) return x.ranks[i] - y.ranks[i];
    return y.ranks.length - x.ranks.length;
  });
  return keyed.map((k) => k.problem);
}

/** `timeline[0].command.groups[1]`, from a base path text and the keys below it. */
export function pathText(path: ShapePath, base = ''): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? key : `${text}.${key}`),
    base,
  );
}

/** A problem as one line, its field named by full path: `params.deadAfterMs: must be …`. */
export function describeProblem(problem: ShapeProblem, base = ''): string {
  const at = pathText(problem.path, base);
  const prefix = at === '' ? '' : `${at}: `;
  switch (problem.kind) {
    case 'unknown':
      return `unknown field "${at}"${problem.hint}`;
    case 'missing':
      return `${prefix}${problem.hints.required ?? (problem.hints.expects ? `required (${problem.hints.expects})` : 'required')}`;
    case 'wrong':
      return `${prefix}${problem.message}`;
  }
}
