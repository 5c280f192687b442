/**
 * `{{name}}` placeholders in a lesson (teaching-embed.md §2.2): a whole JSON string `"{{healAtMs}}"` becomes the
 * variable's value with its JSON type (a number stays a number, so a scenario's `atMs` can be a variable); inside a
 * longer string it becomes text. Names the values do not hold are left as written: `{{runs.x.metrics.bytesMoved}}`
 * in an explain step is filled in by the player from a run, and a misspelt name is reported by the parser.
 */

/** A placeholder: `{{ name }}`, spaces allowed inside the braces. Names may hold dots (`runs.no-grace.digest`). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$.-]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_$][\w$.-]*)\s*\}\}$/;

const own = (values: Record<string, unknown>, name: string) => Object.prototype.hasOwnProperty.call(values, name);

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** A copy of `value` with every placeholder that `values` names filled in; keys are never touched. */
export function substitute<T>(value: T, values: Record<string, unknown>): T {
  return fill(value, values) as T;
}

function fill(value: unknown, values: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const whole = WHOLE.exec(value);
    if (whole && own(values, whole[1])) return structuredCloneJson(values[whole[1]]);
    return value.replace(PLACEHOLDER, (match, name: string) => (own(values, name) ? asText(values[name]) : match));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    // Defined, not assigned: a JSON key "__proto__" stays a key instead of replacing the copy's prototype.
    for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: fill(item, values), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** A fresh copy of a JSON value, so two substituted places never share one object. */
function structuredCloneJson(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as unknown) : value;
}

export interface PlaceholderUse {
  path: (string | number)[];
  name: string;
}

/** Every placeholder in a JSON value, with the path of the string that holds it, in reading order. */
export function placeholdersIn(value: unknown, path: (string | number)[] = [], found: PlaceholderUse[] = []): PlaceholderUse[] {
  if (typeof value === 'string') {
    if (value.includes('{{')) for (const match of value.matchAll(PLACEHOLDER)) found.push({ path, name: match[1] });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => placeholdersIn(item, [...path, i], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) placeholdersIn(item, [...path, key], found);
  }
  return found;
}
