import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args';

/** Issue 9 item 5: CLI times and texts have limits, refused by name and never echoed whole. */

function errorsOf(argv: string[]): string[] {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected errors, got ${JSON.stringify(parsed).slice(0, 300)}`);
  return parsed.errors;
}

describe('parseArgs limits', () => {
  it('--until 1e15 is refused, naming the 24 h horizon', () => {
    expect(errorsOf(['--scenario', 'rack-outage', '--until', '1e15'])).toEqual([
      '--until must be a time from 0 to 86400000 ms (24 h, the longest run), "healthy", "idle" or "converged", got "1e15"',
    ]);
  });

  it('--until 86400000 (exactly 24 h) is allowed', () => {
    expect(parseArgs(['--scenario', 'rack-outage', '--until', '86400000']).kind).toBe('run');
  });

  it('--at past the horizon is refused by name', () => {
    expect(errorsOf(['--scenario', 'rack-outage', '--at', '1e15:node.crash:n1'])[0]).toContain(
      'the time "1e15" must be a number of ms from 0 to 86400000 (24 h, the longest run)',
    );
  });

  it('a 10 MB scenario path is refused at once, echoed as its first 40 characters', () => {
    const huge = `${'d/'.repeat(5 * 1024 * 1024)}x.json`;
    // No wall-time assertion (a busy machine would fail it): the refusal is judged by what it says and echoes.
    const errors = errorsOf(['--scenario', huge]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('--scenario must be at most 4096 characters');
    expect(errors[0]).toContain(`(${huge.length} characters)`);
    expect(errors[0].length).toBeLessThan(200);
  });

  it('a 10 MB flag, --at or --until is refused at once and never echoed whole', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    for (const argv of [[`--${huge}`], ['--at', `5:node.crash:${huge}`], ['--until', huge], ['--seed', huge], [huge]]) {
      const errors = errorsOf(['--scenario', 'rack-outage', ...argv]);
      expect(errors.join('\n').length).toBeLessThan(600);
    }
  });
});
