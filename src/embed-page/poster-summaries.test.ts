import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInPosterSummaries } from './poster-summaries-source';

describe('the embed poster summaries', () => {
  it('match the built-in scenarios (run `npx tsx scripts/embed-posters.ts` after changing one)', () => {
    const stored = JSON.parse(readFileSync(new URL('./poster-summaries.json', import.meta.url), 'utf8'));
    expect(stored).toEqual(builtInPosterSummaries());
  });

  it('say what the worked example will run: six nodes in six racks, 400 shards', () => {
    expect(builtInPosterSummaries()['rehome-worked-example']).toEqual({
      title: 'Six nodes, n3 dies: 200 shards re-home',
      nodes: 6,
      racks: [1, 1, 1, 1, 1, 1],
      shards: 400,
      replicationFactor: 3,
    });
  });
});
