import { builtInScenarioIds, getBuiltInScenario } from '../scenarios/registry';
import { posterSummaryOf, type PosterSummary } from './poster-summary';

/** Every built-in's poster summary, by id (build-time only: the page reads the JSON this produces). */
export function builtInPosterSummaries(): Record<string, PosterSummary> {
  const out: Record<string, PosterSummary> = {};
  for (const id of builtInScenarioIds()) out[id] = posterSummaryOf(getBuiltInScenario(id)!);
  return out;
}
