import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { CommandSchema, MAX_NAME_CHARS } from '../engine/index';
import { ScenarioSchema } from '../scenarios/scenario-schema';
import { PlanSchema } from '../cli/plan/plan-schema';
import { LessonSchema } from '../lessons/lesson-schema';

/**
 * The JSON Schemas published in schema/, made from the same valibot schemas
 * that validate files and commands (`npm run schemas` writes them; a test fails
 * when the checked-in files are out of date). Editors use them to complete and
 * check scenario files; other tools to build commands for the driver API.
 */

/** A name, not a download address: the files ship in the repository (schema/). */
const BASE_ID = 'urn:failover-lab:schema';

/** What valibot's converter cannot read off a schema by itself. */
const config: ConversionConfig = {
  target: 'draft-07',
  errorMode: 'throw',
  // JSON has no infinite numbers; the check exists for script callers only. A `check` is a rule JSON Schema cannot
  // say simply ("0 or at least 100", "above 0"): the published schema keeps the bounds, the loader judges the rest.
  ignoreActions: ['finite', 'metadata', 'check'],
  overrideAction: ({ valibotAction, jsonSchema }) =>
    valibotAction.type === 'not_value'
      ? { ...jsonSchema, not: { const: (valibotAction as unknown as { requirement: string }).requirement } }
      : undefined,
  // `nodes` picks its schema by the value's type (a count or a list): publish both.
  overrideSchema: ({ valibotSchema }) => {
    const options = (valibotSchema as { options?: readonly v.GenericSchema[] }).options;
    if (valibotSchema.type !== 'lazy' || !options) return undefined;
    return { anyOf: options.map((option) => withoutDialect(toJsonSchema(option, config))) };
  },
};

/** A nested schema's body: no dialect, and no definitions nothing in it refers to (the converter keeps a lazy's). */
function withoutDialect({ $schema: _, $defs, ...body }: JsonSchema): JsonSchema {
  return $defs && JSON.stringify(body).includes('"$ref"') ? { ...body, $defs } : body;
}

function publish(schema: v.GenericSchema, name: string, title: string, description: string): JsonSchema {
  const { $schema, $defs, ...body } = toJsonSchema(schema, config);
  // The converter keeps a definition for the lazy `nodes` schema even when nothing refers to it.
  const referenced = JSON.stringify(body).includes('"$ref"') ? { $defs } : {};
  return { $schema, $id: `${BASE_ID}:${name}`, title, description, ...body, ...referenced };
}

/** File name (under schema/) → JSON Schema. */
export function publishedSchemas(): Record<string, JsonSchema> {
  return {
    'scenario.schema.json': publish(
      ScenarioSchema,
      'scenario',
      'Failover Lab scenario file',
      'A cluster, its settings and a timeline of faults for the Failover Lab console and `npm run sim -- --scenario <file>`. ' +
        'Only nodes and shards are required. Checks that need two fields at once (RF against the node count, ' +
        'placement against the shards, commands against the cluster) are made when the file is loaded.',
    ),
    'command.schema.json': publish(
      CommandSchema,
      'command',
      'Failover Lab command',
      `One command for the driver API (window.failoverLab.dispatch), a scenario timeline or a share URL. Names are at most ${MAX_NAME_CHARS} characters; ` +
        'whether they exist in the cluster is checked when the command is applied.',
    ),
    'plan.schema.json': publish(
      PlanSchema,
      'plan',
      'Failover Lab test plan',
      'A test plan for `npm run sim -- --plan <file> --seeds 1..20 [--check]`: a scenario (a built-in id or a whole scenario), ' +
        'faults injected at set times (command objects or their CLI form), when to heal, the invariants that must hold ' +
        'after every step, and what every seed must reach. Commands and invariant names are checked against the scenario when the file is loaded.',
    ),
    'lesson.schema.json': publish(
      LessonSchema,
      'lesson',
      'Failover Lab lesson',
      'A lesson a teacher hands out as a link (`?lesson=<URL>`): a scenario (a built-in id or a whole scenario), variables and ' +
        'per-student variants, ordered steps (narrate, predict, observe, task, explain, reflect, assert) whose checks are JSON ' +
        'expressions, grading and a reference solution. `{{name}}` placeholders may stand wherever a string may. Checks that need ' +
        'two fields at once (step ids named by the solution, answers among the choices, each variant’s scenario and commands) ' +
        'are made when the file is loaded (`npm run lesson -- check <file>`).',
    ),
  };
}

/** The text of a published file: two-space JSON and a final newline. */
export function schemaFileText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
