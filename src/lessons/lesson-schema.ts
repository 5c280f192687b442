import * as v from 'valibot';
import {
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_SEED,
  MAX_SIM_HORIZON_MS,
  MAX_CLI_COMMAND_CHARS,
  atMost,
  boundedList,
  closedObject,
  describeValue,
  hinted,
  idRecord,
  mustBe,
  numberIn,
  type Message,
  type NumberRange,
} from '../engine/index';
import {
  MAX_ANSWER_CHARS,
  MAX_LESSON_CHOICES,
  MAX_LESSON_COMMANDS,
  MAX_LESSON_HINTS,
  MAX_LESSON_LIST_ITEMS,
  MAX_LESSON_MINUTES,
  MAX_LESSON_STEPS,
  MAX_LESSON_TEXT_CHARS,
  MAX_LESSON_VARIABLES,
  MAX_LESSON_VARIANTS,
  MAX_OBSERVE_COMPARE,
  MAX_OBSERVE_RUNS,
  MAX_STEP_POINTS,
} from './lesson-limits';

/**
 * A lesson file's shape (teaching-embed.md §2.2 with lessons-contract.md's decisions), defined once: the field checks
 * of `parseLesson` and schema/lesson.schema.json both come from here. What needs two fields at once (a step id named
 * by the solution, a predict's answer among its choices, each variant's scenario) is judged by parse-lesson.ts.
 * Placeholders (`{{name}}`) may stand wherever a string may; the scenario object is judged per variant, after them.
 */

export const LESSON_PANELS = ['cluster', 'metrics', 'log', 'playback', 'failover', 'inspector', 'placement'] as const;
export const LESSON_CONTROLS = ['all', 'playback', 'none'] as const;
export const LESSON_LEVELS = ['intro', 'core', 'advanced'] as const;
export const LESSON_SOURCES = ['000', '001', '002', '003'] as const;
export const RUN_TARGETS = ['healthy', 'idle', 'converged'] as const;

/** Step and choice ids appear in result URLs (`p=predict:b@e=412`), so they hold none of its separators. */
export const STEP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const STEP_ID_RULE = 'an id of letters, digits, "_" or "-" that starts with a letter (e.g. "predict-1")';
const LESSON_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const LESSON_ID_RULE = 'a slug of lowercase letters, digits, "_" and "-" (e.g. "001_grace-period-blip")';
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const idOf = (pattern: RegExp, rule: string, max = 64) =>
  v.pipe(v.string(mustBe(rule)), v.regex(pattern, mustBe(rule)), v.maxLength(max, mustBe(rule, `at most ${max} characters`)));
const stepId = (description: string) => v.pipe(idOf(STEP_ID_PATTERN, STEP_ID_RULE), v.description(description));

/** Prose a learner reads: a non-empty string of at most `max` characters (Markdown where the field says so). */
const prose = (description: string, max = MAX_LESSON_TEXT_CHARS) =>
  v.pipe(
    v.string(mustBe('a non-empty string')),
    v.maxLength(max, mustBe('a non-empty string', `at most ${max} characters`)),
    v.regex(/\S/, mustBe('a non-empty string')),
    v.description(description),
  );
const proseList = (description: string, max: number, itemDescription: string) =>
  v.pipe(
    boundedList(v.array(prose(itemDescription), mustBe('a list of non-empty strings')), max, atMost(max, 'items')),
    v.description(description),
  );

const whole = (min: number, max: number): NumberRange => ({ min, max, unit: '', integer: true });
const ms = (description: string) =>
  v.pipe(numberIn({ min: 0, max: MAX_SIM_HORIZON_MS, unit: 'ms', integer: false }), v.description(description));

/** A check expression (§2.3): data only, judged by check/check-syntax.ts. */
const check = (description: string) => v.pipe(v.unknown(), v.description(description));

/** A command in the CLI form (`node.crash:n3`); parsed per variant by parse-lesson.ts, after placeholders. */
const commandForm = v.pipe(
  v.string(mustBe('a command in the CLI form, e.g. "node.crash:n3"')),
  v.minLength(1, mustBe('a command in the CLI form, e.g. "node.crash:n3"')),
  v.maxLength(MAX_CLI_COMMAND_CHARS, mustBe('a command in the CLI form', `at most ${MAX_CLI_COMMAND_CHARS} characters`)),
);
const commandList = (description: string) =>
  v.pipe(
    boundedList(v.array(commandForm, mustBe('a list of commands in the CLI form')), MAX_LESSON_COMMANDS, atMost(MAX_LESSON_COMMANDS, 'commands')),
    v.description(description),
  );
/** `node.crash` (a command kind) or `config.set:params.rehomeGraceMs` (one settable path). */
const allowList = (description: string) =>
  v.pipe(
    boundedList(
      v.array(
        v.pipe(
          v.string(mustBe('a command kind such as "node.crash", or "config.set:<path>"')),
          v.maxLength(MAX_PATH_CHARS, mustBe('a command kind or "config.set:<path>"', `at most ${MAX_PATH_CHARS} characters`)),
        ),
        mustBe('a list of command kinds'),
      ),
      MAX_LESSON_LIST_ITEMS,
      atMost(MAX_LESSON_LIST_ITEMS, 'items'),
    ),
    v.description(description),
  );

const targetMessage = mustBe('"healthy", "idle", "converged", {"timeMs": <ms>} or {"check": <check>}');
/** How far a headless run plays: a named target, a moment, or until a check holds. */
const runTarget = (description: string) =>
  v.pipe(
    v.union(
      [
        v.picklist(RUN_TARGETS, targetMessage),
        closedObject({ timeMs: ms('play until this simulated time') }, targetMessage),
        closedObject({ check: check('play until this check holds') }, targetMessage),
      ],
      targetMessage,
    ),
    v.description(description),
  );

const text = v.optional(prose('Markdown (**bold**, *em*, `code`, paragraphs, lists); may hold {{variable}} placeholders'));
const maxMs = v.optional(ms('the longest the run plays (simulated ms); defaults to 10 minutes'));

const NarrateSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('narrate'),
    text,
    play: v.optional(
      closedObject(
        { until: check('plays the learner’s run until this holds, then pauses'), maxMs },
        mustBe('an object such as {"until": <check>}'),
      ),
    ),
    highlight: v.optional(
      v.pipe(
        boundedList(v.array(idOf(/^[A-Za-z0-9{][\w{}.-]*$/, 'a data-testid such as "node-n2"', MAX_NAME_CHARS)), MAX_LESSON_LIST_ITEMS, atMost(MAX_LESSON_LIST_ITEMS, 'test ids')),
        v.description('public data-testids to highlight while the step shows'),
      ),
    ),
    advanceWhen: v.optional(check('advances by itself once this holds on the live run (a model event, never a timer)')),
  },
  mustBe('a narrate step'),
);

const ChoiceSchema = closedObject(
  { id: stepId('the choice id a result records (e.g. "b")'), text: prose('what the learner reads') },
  mustBe('an object like {"id": "a", "text": "…"}'),
);

const PredictSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('predict'),
    text,
    prompt: hinted(prose('the question'), { required: 'required — the question the learner answers' }),
    choices: v.optional(
      v.pipe(
        boundedList(v.array(ChoiceSchema, mustBe('a list of {"id", "text"}')), MAX_LESSON_CHOICES, atMost(MAX_LESSON_CHOICES, 'choices')),
        v.minLength(2, 'must offer at least 2 choices'),
        v.description('the answers to choose from; or give `numeric`'),
      ),
    ),
    numeric: v.optional(
      closedObject(
        {
          unit: v.pipe(v.string(mustBe('a string such as "ms" or "copies"')), v.maxLength(MAX_NAME_CHARS, mustBe('a short unit'))),
          tolerance: v.pipe(numberIn({ min: 0, max: Number.MAX_SAFE_INTEGER, unit: '', integer: false }), v.description('how far from the answer still counts as correct')),
        },
        mustBe('an object such as {"unit": "copies", "tolerance": 0}'),
      ),
    ),
    why: v.optional(v.pipe(v.boolean(mustBe('true or false')), v.description('ask for a free-text reason too'))),
    answer: v.optional(
      v.pipe(
        v.union([v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)), v.pipe(v.number(), v.finite())], mustBe('a choice id or a number')),
        v.description('a choice id, or a number for `numeric`'),
      ),
    ),
  },
  mustBe('a predict step'),
);

const ObserveRunSchema = closedObject(
  {
    label: hinted(idOf(STEP_ID_PATTERN, STEP_ID_RULE), { required: 'required — the run’s label (e.g. "no-grace")' }),
    set: v.optional(
      v.pipe(
        idRecord(v.unknown(), mustBe('an object mapping settable paths to values, e.g. {"params.rehomeGraceMs": 5000}'), {
          max: MAX_LESSON_LIST_ITEMS,
          tooMany: atMost(MAX_LESSON_LIST_ITEMS, 'paths'),
        }),
        v.description('settable paths (as config.set takes them) set before the run starts'),
      ),
    ),
    commands: v.optional(commandList('commands in the CLI form, each optionally "@<atMs>:"-prefixed (default at 0)')),
  },
  mustBe('an object such as {"label": "no-grace", "set": {"params.rehomeGraceMs": 0}}'),
);

const ObserveSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('observe'),
    text,
    runs: v.pipe(
      boundedList(v.array(ObserveRunSchema, mustBe('a list of runs')), MAX_OBSERVE_RUNS, atMost(MAX_OBSERVE_RUNS, 'runs')),
      v.minLength(1, 'must hold at least one run'),
      v.description('the same seed run headless once per label, with one setting changed'),
    ),
    until: hinted(runTarget('how far each run plays'), { required: 'required — "healthy", "idle", "converged", {"timeMs"} or {"check"}' }),
    maxMs,
    compare: v.pipe(
      boundedList(
        v.array(
          closedObject(
            {
              label: prose('the row’s label', MAX_NAME_CHARS),
              expr: check('a check expression; "$run" stands for each run’s label'),
              unit: v.optional(v.pipe(v.string(mustBe('a short unit such as "ms"')), v.maxLength(MAX_NAME_CHARS, mustBe('a short unit')))),
            },
            mustBe('an object such as {"label": "bytes moved", "expr": <check>}'),
          ),
          mustBe('a list of {"label", "expr"}'),
        ),
        MAX_OBSERVE_COMPARE,
        atMost(MAX_OBSERVE_COMPARE, 'rows'),
      ),
      v.description('the comparison table: one row per entry, one value per run'),
    ),
  },
  mustBe('an observe step'),
);

const TaskSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('task'),
    text,
    prompt: hinted(prose('what the learner does'), { required: 'required — what the learner does in the console' }),
    allowCommands: v.optional(allowList('command kinds (or config.set:<path>) the learner may use in this step')),
    check: hinted(check('evaluated on the learner’s run (label "you") when they press Check'), { required: 'required — a check expression' }),
    hints: v.optional(proseList('unlocked one by one', MAX_LESSON_HINTS, 'a hint')),
    points: v.optional(v.pipe(numberIn({ min: 0, max: MAX_STEP_POINTS, unit: '', integer: false }), v.description('defaults to 1'))),
    until: v.optional(runTarget('how the lesson walker plays the solution’s run before it checks; defaults to "healthy"')),
    maxMs,
  },
  mustBe('a task step'),
);

const ExplainSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('explain'),
    text: hinted(prose('the explanation (Markdown)'), { required: 'required — the explanation' }),
    compareWithPrediction: v.optional(stepId('a predict step shown beside the explanation')),
  },
  mustBe('an explain step'),
);

const ReflectSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('reflect'),
    text,
    prompt: hinted(prose('the question'), { required: 'required — the question the learner answers in words' }),
  },
  mustBe('a reflect step'),
);

const AssertSchema = closedObject(
  {
    id: stepId('the step id, unique in the lesson'),
    type: v.literal('assert'),
    text,
    check: hinted(check('must hold for the lesson to make its point'), { required: 'required — a check expression' }),
    role: hinted(v.literal('lesson-invariant', mustBe('"lesson-invariant"')), { required: 'required — "lesson-invariant"' }),
  },
  mustBe('an assert step'),
);

export const STEP_TYPES = ['narrate', 'predict', 'observe', 'task', 'explain', 'reflect', 'assert'] as const;

const stepMessage: Message = (issue) => {
  if (issue.type !== 'variant' || issue.expected === 'Object') return `a step must be an object such as {"id": "intro", "type": "narrate", "text": "…"}, got ${describeValue(issue.input)}`;
  const type = issue.input;
  if (type === undefined) return `a step needs a "type": ${STEP_TYPES.join(', ')}`;
  return `unknown step type ${describeValue(type)} (known: ${STEP_TYPES.join(', ')})`;
};

const StepSchema = v.variant(
  'type',
  [NarrateSchema, PredictSchema, ObserveSchema, TaskSchema, ExplainSchema, ReflectSchema, AssertSchema],
  stepMessage,
);

const variableRecord = (message: Message) =>
  idRecord(v.unknown(), message, { max: MAX_LESSON_VARIABLES, tooMany: atMost(MAX_LESSON_VARIABLES, 'variables') });

export const LessonSchema = closedObject(
  {
    $schema: v.optional(
      v.pipe(
        v.string(mustBe('a string (the path or URL of the JSON Schema)')),
        v.maxLength(MAX_PATH_CHARS, mustBe('a string', `at most ${MAX_PATH_CHARS} characters`)),
        v.description('the JSON Schema this file follows, e.g. "../schema/lesson.schema.json"'),
      ),
    ),
    lesson: hinted(v.pipe(v.literal('1', mustBe('"1" (the format version, a string)')), v.description('the format version')), {
      required: 'required — the format version, "1"',
    }),
    id: hinted(v.pipe(idOf(LESSON_ID_PATTERN, LESSON_ID_RULE, MAX_NAME_CHARS), v.description('the lesson id')), { required: `required — ${LESSON_ID_RULE}` }),
    title: hinted(prose('shown above the steps', 2000), { required: 'required — the lesson’s title' }),
    summary: hinted(prose('a sentence or two: what the learner will find out', 2000), { required: 'required — a sentence or two' }),
    objectives: hinted(
      v.pipe(proseList('what the learner will be able to do', MAX_LESSON_LIST_ITEMS, 'an objective'), v.minLength(1, 'must name at least one objective')),
      { required: 'required — a list of objectives' },
    ),
    minutes: hinted(v.pipe(numberIn(whole(1, MAX_LESSON_MINUTES)), v.description('how long it takes, in minutes')), {
      required: `required — how long it takes, 1 to ${MAX_LESSON_MINUTES} minutes`,
    }),
    level: hinted(v.pipe(v.picklist(LESSON_LEVELS, mustBe('"intro", "core" or "advanced"')), v.description('how much the learner should know')), {
      required: 'required — "intro", "core" or "advanced"',
    }),
    source: hinted(
      v.pipe(v.picklist(LESSON_SOURCES, mustBe('"000", "001", "002" or "003" (the source document the lesson teaches)')), v.description('the source document')),
      { required: 'required — "000", "001", "002" or "003"' },
    ),
    authors: v.optional(proseList('who wrote it', MAX_LESSON_LIST_ITEMS, 'a name')),
    license: v.optional(prose('e.g. "CC-BY-4.0"', MAX_NAME_CHARS)),
    scenario: hinted(
      v.pipe(
        v.union(
          [idOf(/^[a-z0-9][a-z0-9-]*$/, 'a built-in scenario id', MAX_NAME_CHARS), objectsOnly(v.record(v.string(), v.unknown()))],
          mustBe('a built-in scenario id or a scenario object'),
        ),
        v.description('a built-in scenario id, or a scenario in the scenario-file format (may hold placeholders)'),
      ),
      { required: 'required — a built-in scenario id or a scenario object' },
    ),
    seed: v.optional(v.pipe(numberIn(whole(0, MAX_SEED)), v.description('defaults to the scenario’s seed'))),
    variables: v.optional(v.pipe(variableRecord(mustBe('an object mapping names to values')), v.description('{{name}} → value'))),
    variants: v.optional(
      closedObject(
        {
          by: v.optional(
            v.pipe(
              v.picklist(['student', 'none'], mustBe('"student" or "none"')),
              v.description('"student": picked from the student id; "none": everyone gets the first; defaults to "student" when values are given'),
            ),
          ),
          values: v.optional(
            v.pipe(
              boundedList(
                v.array(variableRecord(mustBe('an object mapping variable names to values')), mustBe('a list of objects')),
                MAX_LESSON_VARIANTS,
                atMost(MAX_LESSON_VARIANTS, 'variants'),
              ),
              v.description('one set of variable values per variant'),
            ),
          ),
        },
        mustBe('an object such as {"by": "student", "values": [{…}, {…}]}'),
      ),
    ),
    ui: v.optional(
      closedObject(
        {
          panels: v.optional(
            v.pipe(
              v.array(v.picklist(LESSON_PANELS, mustBe(LESSON_PANELS.map((p) => `"${p}"`).join(', '))), mustBe('a list of panel names')),
              v.maxLength(LESSON_PANELS.length, atMost(LESSON_PANELS.length, 'panels')),
              v.description('which console panels show; defaults to all'),
            ),
          ),
          controls: v.optional(v.pipe(v.picklist(LESSON_CONTROLS, mustBe('"all", "playback" or "none"')), v.description('defaults to "all"'))),
          allowCommands: v.optional(allowList('command kinds allowed outside task steps; defaults to all')),
          lockTimeline: v.optional(v.pipe(v.boolean(mustBe('true or false')), v.description('the scenario’s timeline cannot be dropped; defaults to false'))),
          start: v.optional(
            v.union(
              [
                closedObject({ timeMs: ms('start at this moment') }, mustBe('{"timeMs": <ms>} or {"event": <n>}')),
                closedObject({ event: v.pipe(numberIn(whole(0, 10_000_000)), v.description('start after this many events')) }, mustBe('{"timeMs": <ms>} or {"event": <n>}')),
              ],
              mustBe('{"timeMs": <ms>} or {"event": <n>}'),
            ),
          ),
        },
        mustBe('an object such as {"panels": ["cluster", "log"], "controls": "playback"}'),
      ),
    ),
    steps: hinted(
      v.pipe(
        boundedList(v.array(StepSchema, mustBe('a list of steps')), MAX_LESSON_STEPS, atMost(MAX_LESSON_STEPS, 'steps')),
        v.minLength(1, 'must hold at least one step'),
        v.description('in order; types narrate, predict, observe, task, explain, reflect, assert'),
      ),
      { required: 'required — the lesson’s steps' },
    ),
    grading: v.optional(
      closedObject(
        {
          points: v.optional(
            idRecord(
              v.pipe(numberIn({ min: 0, max: MAX_STEP_POINTS, unit: '', integer: false })),
              mustBe('an object mapping step ids to points'),
              { max: MAX_LESSON_STEPS, tooMany: atMost(MAX_LESSON_STEPS, 'steps') },
            ),
          ),
          predictionCredit: v.optional(
            v.pipe(
              v.picklist(['participation', 'correct', 'none'], mustBe('"participation", "correct" or "none"')),
              v.description('what a prediction earns; defaults to "participation"'),
            ),
          ),
          passAt: v.optional(v.pipe(numberIn({ min: 0, max: 1, unit: '', integer: false }), v.description('share of the points needed to pass; defaults to 0.5'))),
        },
        mustBe('an object such as {"passAt": 0.75}'),
      ),
    ),
    solution: v.optional(
      v.pipe(
        idRecord(
          closedObject(
            {
              commands: v.optional(commandList('played when the step comes (task steps)')),
              prediction: v.optional(v.union([v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)), v.pipe(v.number(), v.finite())], mustBe('a choice id or a number'))),
              why: v.optional(prose('the reason given with the prediction', MAX_ANSWER_CHARS)),
            },
            mustBe('an object such as {"commands": ["node.crash:n3"]} or {"prediction": "b"}'),
          ),
          mustBe('an object mapping step ids to solutions'),
          { max: MAX_LESSON_STEPS, tooMany: atMost(MAX_LESSON_STEPS, 'steps') },
        ),
        v.description('the reference solution, per step id: CI plays it for every variant'),
      ),
    ),
  },
  (issue) => `a lesson must be a JSON object, got ${describeValue(issue.input)}`,
);

/** valibot's record schema takes a list for an object; a lesson's `"scenario": []` is refused instead. */
function objectsOnly<S extends v.GenericSchema>(schema: S): S {
  return {
    ...schema,
    '~run'(dataset: never, config: never) {
      const value = (dataset as { value: unknown }).value;
      const target = Array.isArray(value) ? v.custom<never>(() => false, mustBe('a built-in scenario id or a scenario object')) : schema;
      return target['~run'](dataset, config);
    },
  };
}

export const LESSON_FIELDS = Object.keys(LessonSchema.entries);
