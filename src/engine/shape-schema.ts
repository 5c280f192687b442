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
  /** Said after an unknown field of this object when no known name is close: ` (node.crash takes node)`. */
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
  return range.integer
    ? v.pipe(v.number(message), v.integer(message), low, high)
    : v.pipe(v.number(message), low, high);
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

/** An object whose keys are ids (shard → node list). */
export function idRecord<S extends v.GenericSchema>(value: S, message: Message) {
  return objectsOnly(v.record(v.string(), value, message), message);
}
