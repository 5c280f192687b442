import { describe, expect, it } from 'vitest';
import { csvRows as parseCsv } from '../lessons/csv-rows';
import { resultLinesFromCsv, resultLinesFromText } from './result-lines';

describe('result lines from a textarea and from an LMS CSV', () => {
  it('takes each non-empty line of pasted text, numbered as pasted', () => {
    expect(resultLinesFromText('https://lab/?lesson=a&lh=1\n\n  not a url  \r\nlesson=b&lh=2\n')).toEqual([
      { line: 1, text: 'https://lab/?lesson=a&lh=1' },
      { line: 3, text: 'not a url' },
      { line: 4, text: 'lesson=b&lh=2' },
    ]);
  });

  it('parses CSV with quotes, doubled quotes, commas and line breaks inside a cell', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\nlines",x\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', 'x'],
    ]);
  });

  it('finds the result URLs in any column of a CSV, skipping rows without one', () => {
    const csv = [
      'Name,Email,Answer 1',
      'Ana,ana@example.org,"My result: https://lab.example/?lesson=g&lh=ab&student=ana k=1 thanks"',
      'Ben,ben@example.org,I forgot',
      '"Chloe",c@example.org,https://lab.example/?lessonJson=e30&lh=cd',
    ].join('\n');
    expect(resultLinesFromCsv(csv)).toEqual([
      { line: 2, text: 'https://lab.example/?lesson=g&lh=ab&student=ana' },
      { line: 4, text: 'https://lab.example/?lessonJson=e30&lh=cd' },
    ]);
  });
});
