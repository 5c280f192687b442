import { describe, expect, it } from 'vitest';
import { parseLessonArgs } from './lesson-args';
import { gradeCsv } from './grade-csv';
import { csvRows, resultsInFile } from './grade-inputs';

describe('parseLessonArgs', () => {
  it('reads each command and its flags', () => {
    expect(parseLessonArgs(['list', '--json'])).toEqual({ kind: 'list', json: true });
    expect(parseLessonArgs(['check', 'all'])).toEqual({ kind: 'check', target: 'all', json: false });
    expect(parseLessonArgs(['grade', 'l.json', 'a.csv', 'b.txt', '--csv', 'out.csv'])).toEqual({ kind: 'grade', lesson: 'l.json', inputs: ['a.csv', 'b.txt'], json: false, csv: 'out.csv' });
    expect(parseLessonArgs(['grade', 'l.json', 'u', '--csv=o.csv', '--json'])).toMatchObject({ csv: 'o.csv', json: true });
    expect(parseLessonArgs([])).toEqual({ kind: 'help' });
  });
  it('names every problem', () => {
    expect(parseLessonArgs(['check'])).toEqual({ kind: 'error', errors: ['check takes one lesson: a file, a built-in id or "all"'] });
    expect(parseLessonArgs(['list', '--csv', 'x'])).toMatchObject({ kind: 'error', errors: [expect.stringContaining('unknown flag "--csv" for "list"'), 'list takes no arguments, got "x"'] });
    expect(parseLessonArgs(['grade', 'l.json', 'u', '--csv'])).toMatchObject({ errors: ['--csv needs a file to write, e.g. --csv grades.csv'] });
    expect(parseLessonArgs(['grade', 'l.json'])).toMatchObject({ kind: 'error' });
  });
});

describe('grade inputs and the gradebook CSV', () => {
  it('finds result URLs in any CSV cell, with its row; and one per line in a text file', () => {
    expect(resultsInFile('q.csv', 'a,b\n"x, y","https://h/?lesson=l&lh=0a0b0c0d&student=s"\n')).toEqual([{ source: 'q.csv:2', text: 'https://h/?lesson=l&lh=0a0b0c0d&student=s' }]);
    expect(resultsInFile('r.txt', 'one\n\n# note\ntwo\n')).toEqual([{ source: 'r.txt:1', text: 'one' }, { source: 'r.txt:4', text: 'two' }]);
    expect(csvRows('a,"b ""q""",c\r\n1,"2\n3",4')).toEqual([['a', 'b "q"', 'c'], ['1', '2\n3', '4']]);
  });
  it('quotes what needs it and defuses a cell a spreadsheet would run as a formula', () => {
    const csv = gradeCsv([{ source: 's', student: '=HYPERLINK("x")', variant: 0, steps: [], points: 0, maxPoints: 0, passed: true, digest: 'd', problems: ['a, b'], texts: {} }]);
    expect(csvRows(csv)[1]).toEqual(['\'=HYPERLINK("x")', '0', '0', '0', 'yes', 'd', 'a, b', 's']);
  });
});
