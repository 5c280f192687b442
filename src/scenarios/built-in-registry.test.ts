import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIO_DATA } from './built-in-data';
import { hasBuiltInProse, loadBuiltInProse } from './built-in-prose-loader';
import { builtInScenarioIds, getBuiltInScenarioData, listBuiltInTitles, withoutProse } from './built-in-registry';
import { getBuiltInScenario, listBuiltInScenarios } from './registry';

// The console's built-ins ship without their words (start-up budget, DESIGN.md §5) and fetch them on demand;
// the learner must still read exactly the words the CLI and the tests see.
describe('built-ins as the console loads them', () => {
  it('carry no prose at first paint, and otherwise run exactly the full built-in', () => {
    for (const id of builtInScenarioIds()) {
      const data = getBuiltInScenarioData(id)!;
      expect(data.description, id).toBeUndefined();
      expect(data.watch, id).toBeUndefined();
      expect(data).toEqual(withoutProse(getBuiltInScenario(id)!));
    }
    expect(BUILT_IN_SCENARIO_DATA.every((s) => !('description' in s) && !('watch' in s))).toBe(true);
  });

  it('list the same ids and titles in the scenario picker', () => {
    expect(listBuiltInTitles()).toEqual(listBuiltInScenarios().map(({ id, title }) => ({ id, title })));
  });

  it('fetch, for every built-in, the description and What-to-watch list the full registry has', async () => {
    for (const id of builtInScenarioIds()) {
      expect(hasBuiltInProse(id, listBuiltInTitles()), id).toBe(true);
      const prose = await loadBuiltInProse(id, listBuiltInTitles());
      const full = getBuiltInScenario(id)!;
      expect(prose, id).toEqual({ description: full.description, watch: full.watch });
      expect(prose?.watch.length, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('have nothing to fetch for a scenario that is not built in', () => {
    expect(hasBuiltInProse('my-own-file', listBuiltInTitles())).toBe(false);
    expect(hasBuiltInProse('constructor', listBuiltInTitles())).toBe(false);
    expect(loadBuiltInProse('my-own-file', listBuiltInTitles())).toBeUndefined();
  });
});
