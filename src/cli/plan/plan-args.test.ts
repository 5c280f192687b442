// Goal: --seeds reads the three forms a learner writes (7, 1..20, 3,5,9) and refuses anything else by name;
// --plan's own flags are checked like the rest of the CLI's.
import { describe, expect, it } from 'vitest';
import { parsePlanArgs, parseSeeds } from './plan-args';

describe('--seeds', () => {
  it('reads one seed, a range, a list and a mix, in the order given', () => {
    expect(parseSeeds('7')).toEqual([7]);
    expect(parseSeeds('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('3,5,9')).toEqual([3, 5, 9]);
    expect(parseSeeds('9, 1..2')).toEqual([9, 1, 2]);
  });

  it('refuses bad forms, naming the part that is wrong', () => {
    expect(parseSeeds('1-20')).toMatch(/"1-20" is not .*write a range with two dots: 1\.\.20/);
    expect(parseSeeds('20..1')).toBe('the range 20..1 runs backwards; write 1..20');
    expect(parseSeeds('x')).toMatch(/^"x" is not a seed \(7\), a range \(1\.\.20\) or a list/);
    expect(parseSeeds('1,,2')).toMatch(/^"" is not/);
    expect(parseSeeds('4294967296')).toBe('4294967296 is past the largest seed, 4294967295');
    expect(parseSeeds('3,1..4')).toBe('seed 3 is listed twice');
    expect(parseSeeds('1..20000')).toBe('more than 10000 seeds; run fewer at a time');
  });
});

describe('plan flags', () => {
  it('takes --plan, --seeds, --check and --json', () => {
    expect(parsePlanArgs(['--plan', 'p.json', '--seeds', '1..3', '--check', '--json'])).toEqual({
      kind: 'run',
      options: { plan: 'p.json', seeds: [1, 2, 3], check: true, json: true },
    });
    expect(parsePlanArgs(['--plan=p.json'])).toEqual({ kind: 'run', options: { plan: 'p.json', seeds: null, check: false, json: false } });
  });

  it('refuses scenario-run flags and bad values by name', () => {
    const parsed = parsePlanArgs(['--plan', 'p.json', '--scenario', 'x', '--seeds', '1-3', '--chek']);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.errors).toEqual([
      '--scenario is not used with --plan: the plan file names its scenario, faults and target (seeds: --seeds)',
      '--seeds "1-3": "1-3" is not a seed (7), a range (1..20) or a list of them (3,5,9 or 1..5,9), each from 0 to 4294967295 (write a range with two dots: 1..3)',
      'unknown flag "--chek" (did you mean "--check"?) (see --help)',
    ]);
  });
});
