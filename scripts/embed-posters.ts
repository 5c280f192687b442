/**
 * Writes src/embed-page/poster-summaries.json: per built-in scenario, what the embed's poster draws (title, nodes
 * per rack, shards). Run after adding or changing a built-in; src/embed-page/poster-summaries.test.ts fails until then.
 *
 *   npx tsx scripts/embed-posters.ts
 */
import { writeFileSync } from 'node:fs';
import { builtInPosterSummaries } from '../src/embed-page/poster-summaries-source';

const file = new URL('../src/embed-page/poster-summaries.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(builtInPosterSummaries())}\n`);
console.log(`embed-posters: wrote ${file.pathname}`);
