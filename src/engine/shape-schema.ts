import * as v from 'valibot';
import { MAX_NAME_CHARS, describeRange, type NumberRange } from './input-limits';
import { describeValue } from './problem-text';

/**
 * Building blocks for the public shapes (commands here, scenario files in
 * src/scenarios): one valibot definition gives the TypeScript type, the
 * validation and the published JSON Schema. Every message is written for a
 * learner and says what was expected and what came instead; the field's path
 * is added by `shape-problems.ts`, so a message never repeats it.
 */

export type Message = (issue: v.BaseIssue<unknown>) => string;

/** `must be a node id string, got 42` (and why, when a value is only too long). */
export const mustBe =
  (expects: string, note?: string): Message =>
  (issue) =>
    `must be ${expects}, got ${describeValue(issue.input)}${note ? ` (${note})` : ''}`;

/** What a field expects, for messages about it: read back by `hintsOf`. */
export interface FieldHints {
  /** `a node id string`: said when the field is missing (`required (a node id string)`). */
  expects?: string;
  /** Said instead of `required` when the field is missing: `required — how many shards…`. */
  required?: string;
  /** Said after an unknown field of this object when no known name is close: ` (node.crash takes node, kind)`. */
  otherwise?: string;
}

/** Attaches hints to a schema (a valibot metadata action, invisible to validation). */
export function hinted<S extends v.GenericSchema>(schema: S, hints: FieldHints) {
  return v.pipe(schema, v.metadata({ hints }));
}

/** The hints attached to a schema (through optional/nullable wrappers), or none. */
export function hintsOf(schema: v.GenericSchema | undefined): FieldHints {
  let current = schema as (v.GenericSchema & { wrapped?: v.GenericSchema; pipe?: readonly unknown[] }) | undefined;
  while (current?.wrapped) current = current.wrapped as typeof current;
  for (const item of current?.pipe ?? []) {
    const meta = (item as { type?: string; metadata?: { hints?: FieldHints } }).metadata;
    if ((item as { type?: string }).type === 'metadata' && meta?.hints) return meta.hints;
  }
  return {};
}

/** A name (node, rack, shard, path…): a non-empty string of at most MAX_NAME_CHARS. */
export function nameString(expects: string) {
  const message = mustBe(expects);
  return v.pipe(
    v.string(message),
    v.minLength(1, message),
    v.maxLength(MAX_NAME_CHARS, mustBe(expects, `at most ${MAX_NAME_CHARS} characters`)),
  );
}

/** A number in a closed range (whole when the range says so); past the maximum `tooBig` may say more. */
export function numberIn(range: NumberRange, message: Message = mustBe(describeRange(range)), tooBig: Message = message) {
  const low = v.minValue<number, number, Message>(range.min, message);
  const high = v.maxValue<number, number, Message>(range.max, tooBig);
  const floor = range.offOrAtLeast;
  if (floor !== undefined) {
    // "0 (off) or at least …" (scrub intervals): a value between is refused with the range's own words.
    const offOrFloor = v.check<number, Message>((n) => n === 0 || n >= floor, message);
    return range.integer
      ? v.pipe(v.number(message), v.integer(message), low, high, offOrFloor)
      : v.pipe(v.number(message), low, high, offOrFloor);
  }
  return range.integer ? v.pipe(v.number(message), v.integer(message), low, high) : v.pipe(v.number(message), low, high);
}

/**
 * valibot's object and record schemas take arrays for objects; a learner's
 * `"params": []` is refused here with the schema's own message.
 */
export function objectsOnly<S extends v.GenericSchema>(schema: S, message: Message): S {
  const refuse = v.custom<never>(() => false, message);
  return {
    ...schema,
    '~run'(dataset: never, config: never) {
      const target = Array.isArray((dataset as { value: unknown }).value) ? refuse : schema;
      return target['~run'](dataset, config);
    },
  };
}

/** An object with exactly these fields: every unknown one is named (see shape-problems.ts). */
export function closedObject<E extends v.ObjectEntries>(entries: E, message: Message) {
  return objectsOnly(v.strictObject(entries, message), message);
}

/** How many items (or keys) a value holds, for a message; else the value in words. */
function sizeOf(input: unknown): string {
  if (Array.isArray(input)) return String(input.length);
  if (typeof input === 'object' && input !== null) return String(Object.keys(input).length);
  return describeValue(input);
}

/** `must hold at most 1001 groups, got 100000`: a list (or record) past its length limit. */
export const atMost =
  (max: number, what: string, note?: string): Message =>
  (issue) =>
    `must hold at most ${max} ${what}${note ? ` (${note})` : ''}, got ${sizeOf(issue.input)}`;

/**
 * Judges a value's size before its contents. valibot checks every item of a
 * list first and the list's length after, so 100,000 bad items made 100,000
 * problems (seconds of work, megabytes of message) before the one that matters.
 * Past `max`, only the size is checked: the items are never looked at.
 */
function sizeFirst<S extends v.GenericSchema>(schema: S, sizeOnly: v.GenericSchema, tooBig: (value: unknown) => boolean): S {
  return {
    ...schema,
    '~run'(dataset: never, config: never) {
      const target = tooBig((dataset as { value: unknown }).value) ? sizeOnly : schema;
      return target['~run'](dataset, config);
    },
  };
}

/** `schema`, except that a value `refuse` picks is refused with `message` at once, its contents never checked. */
export function refuseFirst<S extends v.GenericSchema>(schema: S, refuse: (value: unknown) => boolean, message: Message): S {
  return sizeFirst(schema, v.custom<never>(() => false, message), refuse);
}

/** A list of at most `max` items (`tooMany` says so), its length checked before its items. */
export function boundedList<S extends v.GenericSchema<unknown, unknown[]>>(list: S, max: number, tooMany: Message): S {
  const checked = v.pipe(list, v.maxLength<v.InferOutput<S>, number, Message>(max, tooMany));
  const lengthOnly = v.pipe(v.array(v.unknown()), v.maxLength<unknown[], number, Message>(max, tooMany));
  // Typed as the list itself: the length check changes no type (the JSON Schema reads `maxItems` off the pipe).
  return sizeFirst(checked, lengthOnly, (value) => Array.isArray(value) && value.length > max) as unknown as S;
}

/** An object whose keys are ids (shard → node list): at most `limit.max` keys, counted before any value is checked. */
export function idRecord<S extends v.GenericSchema>(value: S, message: Message, limit?: { max: number; tooMany: Message }) {
  const record = objectsOnly(v.record(v.string(), value, message), message);
  if (!limit) return record;
  const { max, tooMany } = limit;
  const checked = v.pipe(record, v.maxEntries<v.InferOutput<typeof record>, number, Message>(max, tooMany));
  const sizeOnly = v.pipe(v.record(v.string(), v.unknown()), v.maxEntries<Record<string, unknown>, number, Message>(max, tooMany));
  const tooBig = (input: unknown) => typeof input === 'object' && input !== null && !Array.isArray(input) && Object.keys(input).length > max;
  return sizeFirst(checked, sizeOnly, tooBig);
}
