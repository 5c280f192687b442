/**
 * JSON.parse with a syntax error a learner can act on: the line and column
 * of the first mistake and what was expected there. Browsers and Node word
 * (and locate) JSON errors differently, so on failure we re-scan the text
 * ourselves to find the spot.
 */

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

export function parseJsonText(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = locateJsonError(text);
    if (found === null) return { ok: false, problem: `JSON syntax error: ${(error as Error).message}` };
    const { line, column } = lineAndColumn(text, found.offset);
    return { ok: false, problem: `JSON syntax error at line ${line}, column ${column}: ${found.message}` };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** The offset and a description of the first syntax error, or null if the scan finds none. */
export function locateJsonError(text: string): { offset: number; message: string } | null {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const shown = () => (i >= text.length ? 'the end of the text' : JSON.stringify(text[i]));

  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`expected a value (object, list, string, number, true, false or null) but found ${shown()}`);
  };

  const object = (): void => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`expected a property name in double quotes but found ${shown()}`);
      string();
      skipSpace();
      if (text[i] !== ':') fail(`expected ":" after the property name but found ${shown()}`);
      i++;
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected "," or "}" after a property value but found ${shown()}`);
    }
  };

  const array = (): void => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected "," or "]" after a list item but found ${shown()}`);
    }
  };

  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('a string is not closed (missing ")');
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape sequence in a string');
      } else if (c < ' ') {
        fail('a line break or control character inside a string (write \\n instead)');
      } else {
        i++;
      }
    }
  };

  const number = (): void => {
    const pattern = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (!match) fail(`invalid number starting with ${shown()}`);
    i += (match as RegExpExecArray)[0].length;
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    return null; // e.g. nesting too deep for our stack: fall back to the platform message
  }
}
