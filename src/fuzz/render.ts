/**
 * An input as a JavaScript expression a reader can paste: long strings as
 * `"ab".repeat(n)`, NaN and Infinity as themselves, `__proto__` as a
 * computed key (a plain one would set the prototype), deep nesting folded.
 */

const MAX_CHARS = 4000;

function periodic(text: string): string | null {
  for (let p = 1; p <= 8 && p < text.length; p++) {
    const unit = text.slice(0, p);
    const n = Math.floor(text.length / p);
    if (unit.repeat(n) === text.slice(0, n * p)) {
      const rest = text.slice(n * p);
      return `${JSON.stringify(unit)}.repeat(${n})${rest ? ` + ${JSON.stringify(rest)}` : ''}`;
    }
  }
  return null;
}

function str(text: string): string {
  if (text.length <= 200) return JSON.stringify(text);
  const head = text.slice(0, 40);
  for (let cut = 0; cut <= Math.min(40, text.length); cut++) {
    const tail = periodic(text.slice(cut));
    if (tail) return cut === 0 ? tail : `${JSON.stringify(text.slice(0, cut))} + ${tail}`;
  }
  return `${JSON.stringify(head)} /* …${text.length} characters */`;
}

/** How deep a chain of one-element arrays or one-key objects goes. */
function chainDepth(value: unknown): { depth: number; leaf: unknown; asArray: boolean } {
  let depth = 0;
  let v = value;
  const asArray = Array.isArray(v);
  for (;;) {
    if (Array.isArray(v) && v.length === 1 && asArray) v = v[0];
    else if (!asArray && v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && 'a' in v) v = (v as { a: unknown }).a;
    else break;
    depth++;
  }
  return { depth, leaf: v, asArray };
}

export function renderInput(value: unknown, depth = 0): string {
  if (typeof value === 'string') return str(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `function ${value.toString().slice(0, 60)}`;
  if (typeof value === 'symbol') return value.toString();
  if (value === null || typeof value !== 'object') return String(value);
  const chain = chainDepth(value);
  if (chain.depth > 20) {
    return `/* ${chain.depth} levels of ${chain.asArray ? '[…]' : '{a: …}'} around */ ${renderInput(chain.leaf, depth + 1)}`;
  }
  if (depth > 12) return '/* … */';
  if (Array.isArray(value)) {
    if (value.length > 50) {
      const allSame = value.every((v) => v === value[0]);
      return allSame ? `Array(${value.length}).fill(${renderInput(value[0], depth + 1)})` : `[${value.slice(0, 20).map((v) => renderInput(v, depth + 1)).join(', ')}, /* …${value.length} items */]`;
    }
    return `[${value.map((v) => renderInput(v, depth + 1)).join(', ')}]`;
  }
  const parts = Object.keys(value).map((k) => {
    const key = k === '__proto__' ? '["__proto__"]' : /^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k);
    return `${key}: ${renderInput((value as Record<string, unknown>)[k], depth + 1)}`;
  });
  return `{ ${parts.join(', ')} }`;
}

export function renderCase(input: unknown): string {
  const text = renderInput(input);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)} /* …cut, ${text.length} characters: rebuild with the reproduction line */` : text;
}
