import { describe, expect, it } from 'vitest';
import { lineAndColumn, locateJsonError, parseJsonText } from './parse-json';

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1, true, null, "x\\n"]}')).toEqual({ ok: true, value: { a: [1, true, null, 'x\n'] } });
  });

  it.each([
    ['{"a": 1,}', 'line 1, column 9: expected a property name in double quotes but found "}"'],
    ["{'a': 1}", 'line 1, column 2: expected a property name in double quotes but found "\'"'],
    ['[1, 2', 'line 1, column 6: expected "," or "]" after a list item but found the end of the text'],
    ['[1 2]', 'line 1, column 4: expected "," or "]" after a list item but found "2"'],
    ['{"a" 1}', 'line 1, column 6: expected ":" after the property name but found "1"'],
    ['{"a": "b', 'line 1, column 9: a string is not closed (missing ")'],
    ['{"a": "\\q"}', 'line 1, column 8: invalid escape sequence in a string'],
    ['{"a": "x\ny"}', 'line 1, column 9: a line break or control character inside a string (write \\n instead)'],
    ['{"a": -}', 'line 1, column 7: invalid number starting with "-"'],
    ['{} {}', 'line 1, column 4: unexpected "{" after the end of the JSON value'],
    ['{\n  "a": nope\n}', 'line 2, column 8: expected a value (object, list, string, number, true, false or null) but found "n"'],
    ['// comment\n{}', 'line 1, column 1: expected a value (object, list, string, number, true, false or null) but found "/"'],
  ])('locates the error in %j', (text, expected) => {
    expect(parseJsonText(text)).toEqual({ ok: false, problem: `JSON syntax error at ${expected}` });
  });

  it('finds no error in valid JSON', () => {
    expect(locateJsonError('{"a": [1.5e3, -0, "\\u00e9"], "b": {}}')).toBeNull();
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
