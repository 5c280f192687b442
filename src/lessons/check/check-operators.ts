/**
 * The check language's vocabulary (teaching-embed.md §2.3, lessons-contract.md): each operator with how many
 * arguments it takes, and the limits that keep a stranger's lesson from hanging the page. One table, read by the
 * static check (check-syntax.ts) and the evaluator (evaluate-check.ts), so the two cannot disagree.
 */

export interface OperatorArity {
  min: number;
  /** Infinity: any number from `min`. */
  max: number;
}

export const CHECK_OPERATORS = {
  '==': { min: 2, max: 2 },
  '!=': { min: 2, max: 2 },
  '<': { min: 2, max: 3 },
  '<=': { min: 2, max: 3 },
  '>': { min: 2, max: 2 },
  '>=': { min: 2, max: 2 },
  and: { min: 1, max: Infinity },
  or: { min: 1, max: Infinity },
  '!': { min: 1, max: 1 },
  '!!': { min: 1, max: 1 },
  if: { min: 1, max: Infinity },
  in: { min: 2, max: 2 },
  var: { min: 1, max: 2 },
  '+': { min: 1, max: Infinity },
  '-': { min: 1, max: 2 },
  '*': { min: 1, max: Infinity },
  '/': { min: 2, max: 2 },
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  some: { min: 2, max: 2 },
  all: { min: 2, max: 2 },
  none: { min: 2, max: 2 },
  filter: { min: 2, max: 2 },
  map: { min: 2, max: 2 },
  count: { min: 1, max: 1 },
  'trace.count': { min: 2, max: 3 },
  'trace.first': { min: 2, max: 3 },
  node: { min: 2, max: 2 },
  shard: { min: 2, max: 2 },
} as const satisfies Record<string, OperatorArity>;

export type CheckOperator = keyof typeof CHECK_OPERATORS;
export const CHECK_OPERATOR_NAMES = Object.keys(CHECK_OPERATORS) as CheckOperator[];

/** Operators whose second argument is evaluated once per array item, with the item as the data `var` reads. */
export const ITERATING_OPERATORS: ReadonlySet<string> = new Set(['some', 'all', 'none', 'filter', 'map']);

/** Operators whose third argument is a literal filter object (its values may be expressions). */
export const TRACE_OPERATORS: ReadonlySet<string> = new Set(['trace.count', 'trace.first']);

export function isCheckOperator(name: string): name is CheckOperator {
  return Object.prototype.hasOwnProperty.call(CHECK_OPERATORS, name);
}

/** What a top-level `var` may start with: the runs by label, `you` (= runs.you) and the predictions. */
export const CHECK_ROOTS = ['runs', 'you', 'prediction'] as const;

/** What a run view has (lesson-types.ts RunView): a path `you.<x>` or `runs.<label>.<x>` must name one of these. */
export const RUN_VIEW_FIELDS = ['label', 'state', 'metrics', 'params', 'digest', 'eventCount', 'timeMs', 'trace', 'traceEvicted'] as const;

export const CHECK_LIMITS = {
  /** Deepest nesting of operators and arrays in one expression. */
  maxDepth: 32,
  /** Most operators, arrays and values in one expression. */
  maxNodes: 2_000,
  /** Longest string in one expression (a `var` path, a kind, a literal). */
  maxStringChars: 1_000,
  /**
   * Most work one evaluation may do: each operator applied and each array item or trace entry visited counts one.
   * A check over a 100,000-shard run's shards stays well inside it; a nest of loops over it does not.
   */
  maxSteps: 2_000_000,
} as const;

/** The placeholder an observe step's `compare` rows use for each run's label in turn. */
export const RUN_PLACEHOLDER = '$run';
