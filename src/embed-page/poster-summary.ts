import type { Scenario } from '../engine/index';

/**
 * What an embed's poster draws before the engine starts (poster=1): a few numbers per built-in scenario, written
 * to poster-summaries.json by `npx tsx scripts/embed-posters.ts` (a test fails when it drifts from the scenarios),
 * so the poster needs neither the scenarios' data nor the engine.
 */
export interface PosterSummary {
  title: string;
  nodes: number;
  /** Nodes per rack, in the scenario's rack order. */
  racks: number[];
  shards: number;
  replicationFactor: number;
}

export function posterSummaryOf(scenario: Scenario): PosterSummary {
  const racks = new Map<string, number>();
  for (const node of scenario.nodes) racks.set(node.rack, (racks.get(node.rack) ?? 0) + 1);
  return {
    title: scenario.title,
    nodes: scenario.nodes.length,
    racks: [...racks.values()],
    shards: scenario.shards,
    replicationFactor: scenario.replicationFactor,
  };
}
