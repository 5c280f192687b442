/**
 * `npm run schemas`: writes the published JSON Schemas (schema/*.schema.json)
 * from the valibot schemas that validate scenario files and commands.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas, schemaFileText } from '../src/schema/published-schemas';

const dir = join(import.meta.dirname, '..', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(join(dir, name), schemaFileText(schema));
  console.log(`wrote schema/${name}`);
}
