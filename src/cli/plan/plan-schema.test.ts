// Goal: schema/plan.schema.json (an editor's help for plan files) takes the example plan and refuses what the plan
// parser refuses for its shape, naming the place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaErrors, type JsonSchemaNode } from '../../schema/json-schema-check';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));

describe('schema/plan.schema.json', () => {
  const schema = read('schema/plan.schema.json') as JsonSchemaNode;

  it('names the project in its $id and title', () => {
    expect(schema).toMatchObject({ $id: 'urn:failover-lab:schema:plan', title: 'Failover Lab test plan' });
  });

  it('takes the example plan, and a plan with an inline scenario and command objects', () => {
    expect(jsonSchemaErrors(schema, read('examples/plans/partial-failures.json'))).toEqual([]);
    const inline = { scenario: { nodes: 3, shards: 2 }, faults: [{ atMs: 0, command: { type: 'node.crash', node: 'n1' } }], expect: ['all'] };
    expect(jsonSchemaErrors(schema, inline)).toEqual([]);
  });

  it('refuses a misspelt field, a missing one and a wrong target', () => {
    const plan = { scenario: 'partial-failure-lab', faults: [{ atMs: 0, command: 'network.heal' }], expect: ['all'] };
    expect(jsonSchemaErrors(schema, { ...plan, fault: [] })).toEqual(['$: additionalProperties fault']);
    expect(jsonSchemaErrors(schema, { scenario: plan.scenario, faults: plan.faults })).toEqual(['$: required expect']);
    expect(jsonSchemaErrors(schema, { ...plan, until: 'idle' })).toEqual(['$.until: enum']);
    expect(jsonSchemaErrors(schema, { ...plan, faults: [] })).toEqual(['$.faults: minItems']);
  });
});
