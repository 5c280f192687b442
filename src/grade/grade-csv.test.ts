import { describe, expect, it } from 'vitest';
import type { GraderRow } from './grade-lines';
import { gradesCsv } from './grade-csv';

const row = (student: string, over: Partial<GraderRow['grade']> = {}): GraderRow => ({
  line: 1,
  grade: {
    student,
    variant: 1,
    steps: [
      { id: 'predict', type: 'predict', passed: true, points: 1, maxPoints: 1 },
      { id: 'tune', type: 'task', passed: false, points: 0, maxPoints: 2, detail: 'the check is false' },
    ],
    points: 1,
    maxPoints: 3,
    passed: false,
    digest: 'abc123',
    problems: [],
    texts: { wrap: 'Churn, against "exposure".' },
    ...over,
  },
});

describe('gradesCsv: one row per student for the gradebook', () => {
  it('has a column per graded step and per free text, quoted where needed', () => {
    const csv = gradesCsv([row('ana.k'), row('ben', { problems: ['lh differs', 'a refused command'], texts: {} })], ['predict', 'tune']);
    expect(csv.split('\r\n')).toEqual([
      'student,variant,predict,tune,points,max points,passed,digest,problems,text: wrap',
      'ana.k,1,passed,failed,1,3,no,abc123,,"Churn, against ""exposure""."',
      'ben,1,passed,failed,1,3,no,abc123,lh differs; a refused command,',
      '',
    ]);
  });

  it('neutralises a cell a spreadsheet would run as a formula', () => {
    const csv = gradesCsv([row('=HYPERLINK("x")')], ['predict', 'tune']);
    expect(csv.split('\r\n')[1].startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
  });
});
