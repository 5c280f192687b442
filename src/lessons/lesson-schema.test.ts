import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaErrors, type JsonSchemaNode } from '../schema/json-schema-check';
import { builtInLessonIds, getBuiltInLessonText } from './built-in-lessons';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'lesson.schema.json'), 'utf8')) as JsonSchemaNode;
const example = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'grace-period-blip.json'), 'utf8')) as Record<string, unknown>;

describe('schema/lesson.schema.json', () => {
  it('names the project and accepts the worked example and every built-in lesson', () => {
    expect(schema).toMatchObject({ $id: 'urn:failover-lab:schema:lesson', title: 'Failover Lab lesson' });
    expect(jsonSchemaErrors(schema, example)).toEqual([]);
    for (const id of builtInLessonIds()) expect(jsonSchemaErrors(schema, JSON.parse(getBuiltInLessonText(id)!)), id).toEqual([]);
  });

  it('refuses what the parser refuses for its shape, naming the place', () => {
    expect(jsonSchemaErrors(schema, { ...example, colour: 'blue' })).toEqual(['$: additionalProperties colour']);
    const { source: _source, ...withoutSource } = example;
    expect(jsonSchemaErrors(schema, withoutSource)).toEqual(['$: required source']);
    expect(jsonSchemaErrors(schema, { ...example, steps: [{ id: 'x', type: 'teleport' }] })).toHaveLength(1);
  });
});
