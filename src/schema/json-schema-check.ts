/**
 * A small JSON Schema (draft-07) checker for exactly the keywords the
 * published schemas use, so tests can validate files against the published
 * text itself rather than against the valibot schema it came from. A keyword
 * it does not know is an error, never silently skipped.
 */

export type JsonSchemaNode = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  ...['type', 'const', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'],
  ...['items', 'properties', 'propertyNames', 'required', 'additionalProperties', 'maxProperties', 'anyOf', 'oneOf', 'not'],
]);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

/** Where `value` breaks `schema`, as `path: keyword` lines; empty when it conforms. */
export function jsonSchemaErrors(schema: JsonSchemaNode, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (keyword: string) => errors.push(`${path}: ${keyword}`);
  for (const [keyword, rule] of Object.entries(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`json-schema-check does not know the keyword "${keyword}" (at ${path})`);
    if (ANNOTATIONS.has(keyword)) continue;
    const n = rule as number;
    switch (keyword) {
      case 'type':
        if (!typeMatches(rule as string, value)) fail(`type ${String(rule)}`);
        break;
      case 'const':
        if (JSON.stringify(value) !== JSON.stringify(rule)) fail('const');
        break;
      case 'enum':
        if (!(rule as unknown[]).includes(value)) fail('enum');
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value)) fail('pattern');
        break;
      case 'minLength':
      case 'maxLength':
        if (typeof value === 'string' && (keyword === 'minLength' ? [...value].length < n : [...value].length > n)) fail(keyword);
        break;
      case 'minimum':
      case 'maximum':
        if (typeof value === 'number' && (keyword === 'minimum' ? value < n : value > n)) fail(keyword);
        break;
      case 'minItems':
      case 'maxItems':
        if (Array.isArray(value) && (keyword === 'minItems' ? value.length < n : value.length > n)) fail(keyword);
        break;
      case 'maxProperties':
        if (isObject(value) && Object.keys(value).length > n) fail(keyword);
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, i) => errors.push(...jsonSchemaErrors(rule as JsonSchemaNode, item, `${path}[${i}]`)));
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, sub] of Object.entries(rule as Record<string, JsonSchemaNode>)) {
            if (key in value) errors.push(...jsonSchemaErrors(sub, value[key], `${path}.${key}`));
          }
        }
        break;
      case 'propertyNames':
        if (isObject(value)) for (const key of Object.keys(value)) errors.push(...jsonSchemaErrors(rule as JsonSchemaNode, key, `${path} key ${key}`));
        break;
      case 'required':
        if (isObject(value)) for (const key of rule as string[]) if (!(key in value)) fail(`required ${key}`);
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const declared = (schema.properties ?? {}) as Record<string, unknown>;
          for (const key of Object.keys(value)) {
            if (key in declared) continue;
            if (rule === false) fail(`additionalProperties ${key}`);
            else if (isObject(rule)) errors.push(...jsonSchemaErrors(rule, value[key], `${path}.${key}`));
          }
        }
        break;
      case 'anyOf':
      case 'oneOf': {
        const passing = (rule as JsonSchemaNode[]).filter((sub) => jsonSchemaErrors(sub, value, path).length === 0).length;
        if (keyword === 'anyOf' ? passing === 0 : passing !== 1) fail(`${keyword} (${passing} of ${(rule as unknown[]).length} match)`);
        break;
      }
      case 'not':
        if (jsonSchemaErrors(rule as JsonSchemaNode, value, path).length === 0) fail('not');
        break;
    }
  }
  return errors;
}
