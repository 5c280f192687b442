/**
 * What a learner reads about a built-in scenario: the description under the header and the
 * "What to watch" list. Kept in its own module per scenario (built-in/<id>.prose.ts) so the
 * console can fetch it after first paint while the run's data ships in the start-up bundle.
 */
export interface ScenarioProse {
  description: string;
  watch: string[];
}
