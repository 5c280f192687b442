import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from '../engine/index';
import { BUILT_IN_SCENARIOS, parseScenario } from '../scenarios/index';
import { jsonSchemaErrors, type JsonSchemaNode } from './json-schema-check';
import { publishedSchemas, schemaFileText } from './published-schemas';

const schemaDir = join(import.meta.dirname, '..', '..', 'schema');
const published = (name: string): JsonSchemaNode => JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as JsonSchemaNode;

describe('the published JSON Schemas (schema/*.schema.json)', () => {
  it('are up to date with the schemas that validate files and commands (else run `npm run schemas`)', () => {
    for (const [name, schema] of Object.entries(publishedSchemas())) {
      const onDisk = readFileSync(join(schemaDir, name), 'utf8');
      expect(onDisk, `schema/${name} is out of date: run \`npm run schemas\``).toBe(schemaFileText(schema));
    }
  });

  it('name the project in their $id and title', () => {
    expect(published('scenario.schema.json')).toMatchObject({ $id: 'urn:failover-lab:schema:scenario', title: 'Failover Lab scenario file' });
    expect(published('command.schema.json')).toMatchObject({ $id: 'urn:failover-lab:schema:command', title: 'Failover Lab command' });
  });

  it('accept every built-in scenario, as written and as parsed', () => {
    const schema = published('scenario.schema.json');
    expect(BUILT_IN_SCENARIOS.length).toBeGreaterThan(0);
    for (const file of BUILT_IN_SCENARIOS) {
      expect(jsonSchemaErrors(schema, JSON.parse(JSON.stringify(file))), file.id).toEqual([]);
      const parsed = parseScenario(file);
      expect(parsed.ok && jsonSchemaErrors(schema, JSON.parse(JSON.stringify(parsed.scenario))), file.id).toEqual([]);
    }
  });

  it('refuse what the parser refuses for its shape, naming the place', () => {
    const schema = published('scenario.schema.json');
    const minimal = { nodes: 3, shards: 10 };
    expect(jsonSchemaErrors(schema, minimal)).toEqual([]);
    expect(jsonSchemaErrors(schema, { $schema: '../schema/scenario.schema.json', ...minimal })).toEqual([]);
    expect(jsonSchemaErrors(schema, { ...minimal, colour: 'blue' })).toEqual(['$: additionalProperties colour']);
    expect(jsonSchemaErrors(schema, { shards: 10 })).toEqual(['$: required nodes']);
    expect(jsonSchemaErrors(schema, { ...minimal, nodes: [{ id: 'cp', rack: 'r1' }] })).toEqual(['$.nodes: anyOf (0 of 2 match)']);
    expect(jsonSchemaErrors(schema, { ...minimal, params: { heartbeatIntervalMs: 0 } })).toEqual([
      '$.params.heartbeatIntervalMs: minimum',
    ]);
    const badCommand = { ...minimal, timeline: [{ atMs: 0, command: { type: 'node.crash', node: 'n1', extra: 1 } }] };
    expect(jsonSchemaErrors(schema, badCommand)).toEqual([`$.timeline[0].command: oneOf (0 of ${COMMAND_TYPES.length} match)`]);
  });

  it('the command schema takes exactly the well-formed commands', () => {
    const schema = published('command.schema.json');
    expect(jsonSchemaErrors(schema, { type: 'link.cut', a: 'n1', b: 'cp', oneWay: true })).toEqual([]);
    expect(jsonSchemaErrors(schema, { type: 'config.set', path: 'failover.registeredNodes', value: ['n1'] })).toEqual([]);
    expect(jsonSchemaErrors(schema, { type: 'node.crash' })).toHaveLength(1);
    expect(jsonSchemaErrors(schema, { type: 'workload.set', writesPerSec: 10_001 })).toHaveLength(1);
    expect(jsonSchemaErrors(schema, { type: 'shard.emergencyRepair', shard: 's001', mode: 'yolo' })).toHaveLength(1);
  });
});
