import { BUILT_IN_SCENARIOS } from '../scenarios/registry';
import type { ScenarioFile } from '../scenarios/scenario-file';

/**
 * The built-ins a fuzz case may start from: every one small enough to build and run inside a case's wall budget.
 * The fleet built-ins (100 × 10,000 and 1,000 × 100,000) take seconds just to place their shards, so a case that
 * picked them would report a hang that is only size; the engine at scale is measured by `npm run bench` instead.
 */
const MAX_FUZZ_SHARDS = 2000;

export const FUZZ_BUILT_INS: readonly ScenarioFile[] = BUILT_IN_SCENARIOS.filter((s) => s.shards <= MAX_FUZZ_SHARDS);

export function fuzzBuiltInIds(): string[] {
  return FUZZ_BUILT_INS.map((s) => s.id);
}
