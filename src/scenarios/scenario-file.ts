import type * as v from 'valibot';
import type { ScenarioSchema } from './scenario-schema';

/**
 * A scenario as written in a JSON file, before defaults are filled in
 * (DESIGN.md §4): the input type of the one schema, scenario-schema.ts.
 * Built-ins are typed with it so a typo fails to compile; files from users
 * arrive as `unknown` and go through `parseScenario`. A parsed `Scenario` is
 * itself a valid ScenarioFile.
 */
export type ScenarioFile = v.InferInput<typeof ScenarioSchema> & {
  /** A slug: lowercase letters, digits and "-". Every built-in has one; a user's file may leave it out ("custom"). */
  id: string;
};
