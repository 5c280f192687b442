import { describe, expect, it } from 'vitest';
import { runCases } from './runner';

describe('fuzz runner', () => {
  it('stops a case that never answers (hung), survives a dead thread (crashed), and carries on', async () => {
    const cases = [0, 1, 2, 3].map((index) => ({ surface: 'command' as const, index }));
    const results = await runCases(cases, { seed: 1, budgetMs: 200, workerEntry: new URL('./runner-test-worker.ts', import.meta.url) });
    expect(results.map((r) => [r.index, r.verdict])).toEqual([
      [0, 'accepted'],
      [1, 'hung'],
      [2, 'crashed'],
      [3, 'accepted'],
    ]);
    expect(results[2].detail).toContain('exited with code 7');
  }, 60_000);
});
