import * as v from 'valibot';
import {
  CommandSchema,
  MAX_CLI_COMMAND_CHARS,
  MAX_PATH_CHARS,
  MAX_SIM_HORIZON_MS,
  MAX_TEXT_CHARS,
  MAX_TIMELINE_COMMANDS,
  atMost,
  boundedList,
  closedObject,
  describeRange,
  describeValue,
  hinted,
  mustBe,
  numberIn,
  type NumberRange,
} from '../../engine/index';
import { ScenarioSchema } from '../../scenarios/scenario-schema';

/**
 * A test plan's shape (exercise 10, design recovery-repair.md §14): the scenario to run, the faults to inject at set
 * times, when to heal, the invariants that must hold and what the run must reach. One definition gives the
 * `PlanFile` type, the field checks of `parsePlan` and schema/plan.schema.json. What needs the scenario (do the
 * commands name its nodes? is the id a built-in?) is checked afterwards by plan.ts.
 */

const AT_MS: NumberRange = { min: 0, max: MAX_SIM_HORIZON_MS, unit: 'ms', integer: false };
const WITHIN_MS: NumberRange = { min: 1, max: MAX_SIM_HORIZON_MS, unit: 'ms', integer: false };
/** More names than there are invariants is a mistake, not a plan. */
export const MAX_EXPECT_NAMES = 100;
export const UNTIL_TARGETS = ['converged', 'healthy'] as const;
export type PlanUntil = (typeof UNTIL_TARGETS)[number];

const SLUG = 'a built-in scenario id (e.g. "partial-failure-lab") or a scenario object';
const scenarioId = v.pipe(v.string(mustBe(SLUG)), v.regex(/^[a-z0-9][a-z0-9-]*$/, mustBe(SLUG)), v.maxLength(200, mustBe(SLUG)));
const scenarioObject = v.pipe(ScenarioSchema, v.description('a whole scenario, as a scenario file would hold it'));
/** An id or an inline scenario, told apart by the value's own type so each reports its own problems. */
const scenario = Object.assign(
  v.lazy((input: unknown) => (typeof input === 'object' && input !== null && !Array.isArray(input) ? scenarioObject : scenarioId)),
  { options: [scenarioId, scenarioObject] as const },
);

const CLI_FORM = 'a command object or its CLI form (e.g. "link.cut:n1,n2,oneWay")';
const cliCommand = v.pipe(
  v.string(mustBe(CLI_FORM)),
  v.regex(/\S/, mustBe(CLI_FORM)),
  v.maxLength(MAX_CLI_COMMAND_CHARS, mustBe(CLI_FORM, `at most ${MAX_CLI_COMMAND_CHARS} characters`)),
);
/** A command object, or the same command as `npm run sim -- --at` writes it. */
const command = Object.assign(
  v.lazy((input: unknown) => (typeof input === 'string' ? cliCommand : CommandSchema)),
  { options: [cliCommand, CommandSchema] as const },
);

export const PlanSchema = closedObject(
  {
    $schema: v.optional(
      v.pipe(
        v.string(mustBe('a string (the path or URL of the JSON Schema)')),
        v.maxLength(MAX_PATH_CHARS, mustBe('a string (the path or URL of the JSON Schema)', `at most ${MAX_PATH_CHARS} characters`)),
        v.description('the JSON Schema this file follows, e.g. "../../schema/plan.schema.json"'),
      ),
    ),
    title: v.optional(
      v.pipe(
        v.string(mustBe('a non-empty string')),
        v.regex(/\S/, mustBe('a non-empty string')),
        v.maxLength(MAX_TEXT_CHARS, mustBe('a non-empty string', `at most ${MAX_TEXT_CHARS} characters`)),
        v.description('what the plan tests, in a line'),
      ),
    ),
    scenario: hinted(v.pipe(scenario, v.description('the cluster to test: a built-in scenario id or a whole scenario')), {
      required: 'required — a built-in scenario id (e.g. "partial-failure-lab") or a scenario object',
    }),
    faults: hinted(
      v.pipe(
        boundedList(
          v.array(
            closedObject(
              {
                atMs: hinted(numberIn(AT_MS, mustBe(`${describeRange(AT_MS)} (from the start; the longest run is 24 h)`)), {
                  required: 'required — when to inject the fault, in ms from the start',
                }),
                command: hinted(command, { required: 'required — e.g. "link.cut:n1,n2" or {"type": "node.crash", "node": "n3"}' }),
              },
              mustBe('an object like {"atMs": 5000, "command": "link.cut:n1,n2"}'),
            ),
            mustBe('a list of {"atMs", "command"}'),
          ),
          MAX_TIMELINE_COMMANDS,
          atMost(MAX_TIMELINE_COMMANDS, 'faults'),
        ),
        v.minLength(1, 'the list is empty; a test plan injects at least one fault'),
        v.description('commands injected at set times, on top of the scenario’s own timeline'),
      ),
      { required: 'required — a list of {"atMs", "command"}' },
    ),
    heal: v.optional(
      v.pipe(
        numberIn(AT_MS, mustBe(`${describeRange(AT_MS)} (from the start)`)),
        v.description('when every fault is undone: the network healed, crashed nodes and cp members restarted; absent: the plan heals itself'),
      ),
    ),
    expect: hinted(
      v.pipe(
        boundedList(
          v.array(
            v.pipe(v.string(mustBe('an invariant name')), v.maxLength(MAX_TEXT_CHARS, mustBe('an invariant name'))),
            mustBe('a list of invariant names (or ["all"])'),
          ),
          MAX_EXPECT_NAMES,
          atMost(MAX_EXPECT_NAMES, 'names'),
        ),
        v.minLength(1, 'the list is empty; name the invariants that must hold, or ["all"]'),
        v.description('the invariants that must hold after every step, as the checker names them, or "all"'),
      ),
      { required: 'required — the invariants that must hold after every step, e.g. ["all"]' },
    ),
    until: v.optional(
      v.pipe(
        v.picklist(UNTIL_TARGETS, (issue) => `must be "converged" or "healthy", got ${describeValue(issue.input)}`),
        v.description('what every seed must reach after the heal (default "converged")'),
      ),
    ),
    withinMs: v.optional(
      v.pipe(
        numberIn(WITHIN_MS, mustBe(describeRange(WITHIN_MS))),
        v.description('how long after the heal (or the last fault) a seed may take to reach `until` (default 600,000 ms)'),
      ),
    ),
  },
  (issue) => `a plan must be a JSON object, got ${describeValue(issue.input)}`,
);

export type PlanFile = v.InferOutput<typeof PlanSchema>;
