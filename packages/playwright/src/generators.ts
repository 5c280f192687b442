import { readFileSync } from 'node:fs';

/** A built-in scenario as contracts/scenarios.json lists it (generated from the console's registry). */
export interface BuiltInScenario {
  id: string;
  title: string;
  nodes: number;
  shards: number;
  /** When its own timeline's last command is due (ms); 0 without a timeline. */
  lastCommandAtMs: number;
}

/** A built-in lesson as contracts/lessons.json lists it. */
export interface BuiltInLesson {
  id: string;
  title: string;
  scenario: string;
}

function contract<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../contracts/${name}`, import.meta.url), 'utf8')) as T;
}

/** Every built-in scenario of the console release this kit was made with, in teaching order. */
export function builtInScenarios(): BuiltInScenario[] {
  return contract<{ scenarios: BuiltInScenario[] }>('scenarios.json').scenarios;
}

/** Every built-in lesson (`?lesson=<id>`). */
export function builtInLessons(): BuiltInLesson[] {
  return contract<{ lessons: BuiltInLesson[] }>('lessons.json').lessons;
}

/**
 * Storybook's "every story is a test": calls `fn` once per scenario at collection time, so each becomes its own
 * test. `ids`: the ids to cover (default: every built-in); an unknown id throws, naming it.
 *
 *   forEachScenario(undefined, (s) => test(`${s.id} plays to its end`, async ({ lab }) => { … }));
 */
export function forEachScenario(ids: readonly string[] | undefined, fn: (scenario: BuiltInScenario) => void): void {
  const all = builtInScenarios();
  const chosen = ids === undefined ? all : ids.map((id) => all.find((s) => s.id === id) ?? unknown(id, all));
  for (const scenario of chosen) fn(scenario);
}

function unknown(id: string, all: BuiltInScenario[]): never {
  throw new Error(`forEachScenario: no built-in scenario "${id}" (known: ${all.map((s) => s.id).join(', ')})`);
}
