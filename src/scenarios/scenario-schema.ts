import * as v from 'valibot';
import {
  CONTROL_PLANE,
  CommandSchema,
  FailoverSchema,
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_REPLICATION_FACTOR,
  MAX_SHARD_SIZE_BYTES,
  MAX_SIM_HORIZON_MS,
  MAX_TEXT_CHARS,
  MAX_TIMELINE_COMMANDS,
  MAX_WATCH_LINES,
  MIN_SHARD_SIZE_BYTES,
  PARAM_RANGES,
  PROFILES,
  PROFILE_IDS,
  ParamsSchema,
  WorkloadRateSchema,
  atMost,
  boundedList,
  closedObject,
  describeRange,
  describeValue,
  hinted,
  idRecord,
  mustBe,
  numberIn,
  type Message,
  type NumberRange,
} from '../engine/index';
import { SCENARIO_LIMITS } from './defaults';

/**
 * A scenario file's shape, defined once (DESIGN.md §4): the `ScenarioFile`
 * type, the field checks of `parseScenario` and schema/scenario.schema.json
 * all come from here. What needs two fields at once (RF against the node
 * count, placement against the shards, commands against the cluster) is
 * checked afterwards by the parse-*.ts files.
 */

const { maxNodes, maxShards } = SCENARIO_LIMITS;

/** `controlPlane` (design recovery-repair.md §8.1): absent = one member "cp" without a journal, as before. */
const ControlPlaneSchema = v.pipe(
  closedObject(
    {
      members: v.optional(
        v.pipe(
          v.union([v.literal(1), v.literal(3)], mustBe('1 (one control plane "cp") or 3 (members cp1, cp2, cp3 with an elected leader)')),
          v.description('1: one control plane that cannot crash; 3: cp1…cp3, one leader (cp1 at the start); defaults to 1'),
        ),
      ),
      journal: v.optional(
        v.pipe(
          v.boolean(mustBe('true or false')),
          v.description('placement, role, voter and failover changes take effect only once a majority of members hold them; defaults to false'),
        ),
      ),
      standby: v.optional(
        v.pipe(
          v.picklist(['hot', 'cold'], mustBe('"hot" (followers apply the journal as it commits) or "cold" (a new leader replays it)')),
          v.description('"hot": a new leader has applied the journal already; "cold": it replays from the last journal snapshot; defaults to "hot"'),
        ),
      ),
    },
    mustBe('an object such as {"members": 3, "journal": true, "standby": "hot"}'),
  ),
  v.description('the control plane as a group of members with a metadata journal (design §8)'),
);
const MAX_SEED = 0xffffffff; // the engine's random streams take 32-bit seeds
const SHARD_SIZE: NumberRange = { min: MIN_SHARD_SIZE_BYTES, max: MAX_SHARD_SIZE_BYTES, unit: 'bytes', integer: false };
const AT_MS: NumberRange = { min: 0, max: MAX_SIM_HORIZON_MS, unit: 'ms', integer: false };
const whole = (min: number, max: number): NumberRange => ({ min, max, unit: '', integer: true });
const share = (description: string) => v.pipe(numberIn({ min: 0, max: 1, unit: '', integer: false }), v.description(description));

/** `workload.txn` (design recovery-repair.md §9.1): transactions in the client traffic. */
const WorkloadTxnSchema = closedObject(
  {
    fraction: share('share of write arrivals that run a transaction instead of one write (0–1)'),
    writesPerTxn: v.optional(v.pipe(numberIn(whole(1, 100)), v.description('writes per transaction; defaults to 3'))),
    abortFraction: v.optional(share('share of transactions the client aborts; defaults to 0')),
    twoPhaseFraction: v.optional(share('share of transactions that span two shards (two-phase commit); defaults to 0')),
  },
  mustBe('an object such as {"fraction": 0.2, "writesPerTxn": 3}'),
);

/**
 * Node and rack ids appear in the CLI syntax (`link.cut:n1,n2`,
 * `network.partition:n1+n2|cp`) and in link keys, so separator characters
 * and spaces are kept out of them.
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NAME_RULE = 'a name of letters, digits, ".", "_" or "-" (no spaces)';
const nodeOrRackName = v.pipe(
  v.string(mustBe(NAME_RULE)),
  v.regex(NAME_PATTERN, mustBe(NAME_RULE)),
  v.maxLength(MAX_NAME_CHARS, mustBe(NAME_RULE, `at most ${MAX_NAME_CHARS} characters`)),
  v.notValue(CONTROL_PLANE, `"${CONTROL_PLANE}" is reserved for the control plane`),
);

/** Prose the console shows: a non-empty string of at most MAX_TEXT_CHARS. */
const text = () =>
  v.pipe(
    v.string(mustBe('a non-empty string')),
    v.maxLength(MAX_TEXT_CHARS, mustBe('a non-empty string', `at most ${MAX_TEXT_CHARS} characters`)),
    v.regex(/\S/, mustBe('a non-empty string')),
  );
const nonEmptyText = (description: string) => v.optional(v.pipe(text(), v.description(description)));

const tooMany =
  (what: string, max: number): Message =>
  (issue) =>
    `${Array.isArray(issue.input) ? issue.input.length : String(issue.input)} ${what} is more than this console can simulate (at most ${max})`;

const SLUG = 'a slug of lowercase letters, digits and "-" that starts with a letter or digit (e.g. "my-cluster")';
const WHOLE_COUNT = mustBe(`a whole number from 1 to ${maxNodes}, or a list of {"id", "rack"}`);
const nodeCount = v.pipe(
  v.number(mustBe('a node count or a list of {"id", "rack"}')),
  v.integer(WHOLE_COUNT),
  v.minValue(1, WHOLE_COUNT),
  v.maxValue(maxNodes, tooMany('nodes', maxNodes)),
);
const nodeList = v.pipe(
  boundedList(
    v.array(
      closedObject(
        {
          id: v.pipe(nodeOrRackName, v.description('the node id, e.g. "n1"')),
          rack: v.pipe(nodeOrRackName, v.description('its rack (failure domain), e.g. "r1"')),
          rebuildBytesPerSec: v.optional(
            v.pipe(numberIn(PARAM_RANGES.rebuildBytesPerSecPerNode), v.description('this node’s rebuild bandwidth (bytes/s)')),
          ),
        },
        mustBe('an object like {"id": "n1", "rack": "r1"}'),
      ),
    ),
    maxNodes,
    tooMany('nodes', maxNodes),
  ),
  v.minLength(1, 'the list is empty; a cluster needs at least one node'),
);
/** A count or a list, told apart by the value's own type so each reports its own problems. */
const nodes = Object.assign(
  v.lazy((input: unknown) => (Array.isArray(input) ? nodeList : nodeCount)),
  { options: [nodeCount, nodeList] as const },
);

/** A pinned shard's node list: never longer than the largest RF (the exact count is judged against RF later). */
const shardList = (expects: string, description: string) =>
  v.pipe(
    boundedList(
      v.array(v.string(mustBe('a node id string')), mustBe(expects)),
      MAX_REPLICATION_FACTOR,
      atMost(MAX_REPLICATION_FACTOR, 'node ids', 'the largest replication factor'),
    ),
    v.description(description),
  );
/** `placement` and `voters` name each shard at most once. */
const SHARD_KEYS = { max: maxShards, tooMany: atMost(maxShards, 'shards') };

export const ScenarioSchema = closedObject(
  {
    // Editors read it to check and complete the file; the parser ignores it.
    $schema: v.optional(
      v.pipe(
        v.string(mustBe('a string (the path or URL of the JSON Schema)')),
        v.maxLength(MAX_PATH_CHARS, mustBe('a string (the path or URL of the JSON Schema)', `at most ${MAX_PATH_CHARS} characters`)),
        v.description('the JSON Schema this file follows, e.g. "../schema/scenario.schema.json"'),
      ),
    ),
    id: v.optional(
      v.pipe(
        v.string(mustBe(SLUG)),
        v.regex(/^[a-z0-9][a-z0-9-]*$/, mustBe(SLUG)),
        v.description('a slug of lowercase letters, digits and "-"; defaults to "custom"'),
      ),
    ),
    title: nonEmptyText('shown in the console; defaults to the id'),
    description: nonEmptyText('a sentence or two about what the scenario shows'),
    watch: v.optional(
      v.pipe(
        boundedList(
          v.array(text(), mustBe('a list of non-empty strings (one per thing to watch)')),
          MAX_WATCH_LINES,
          atMost(MAX_WATCH_LINES, 'lines'),
        ),
        v.minLength(1, 'must name at least one thing to watch, or be left out'),
        v.description('what the learner should watch, in order (the console numbers it)'),
      ),
    ),
    seed: v.optional(v.pipe(numberIn(whole(0, MAX_SEED)), v.description('the seed of every random stream; defaults to 1'))),
    nodes: hinted(v.pipe(nodes, v.description('a node count, or a list of nodes each naming its rack')), {
      required: 'required — a node count (e.g. 6) or a list of {"id", "rack"}',
    }),
    racks: v.optional(
      v.pipe(
        numberIn(whole(1, maxNodes), mustBe(`a whole number from 1 to ${maxNodes} (racks cannot outnumber nodes)`)),
        v.description('only with a node count: nodes n1…nN are dealt over racks r1…rR in turn; defaults to one rack per node'),
      ),
    ),
    shards: hinted(
      v.pipe(
        numberIn(whole(1, maxShards), mustBe(`a whole number from 1 to ${maxShards}`), tooMany('shards', maxShards)),
        v.description('how many shards the data is split into (ids s001…)'),
      ),
      { required: `required — how many shards the data is split into (1 to ${maxShards})` },
    ),
    replicationFactor: v.optional(
      v.pipe(
        numberIn(whole(1, MAX_REPLICATION_FACTOR), mustBe(`a whole number from 1 to ${MAX_REPLICATION_FACTOR} (copies of each shard)`)),
        v.description('copies of each shard, each on its own node; defaults to 3'),
      ),
    ),
    shardSizeBytes: v.optional(v.pipe(numberIn(SHARD_SIZE), v.description('bytes each copy moves; defaults to 64 MiB'))),
    profile: v.optional(
      v.nullable(
        v.pipe(
          v.picklist(
            PROFILE_IDS,
            (issue) =>
              `unknown profile ${describeValue(issue.input)}; known: ${PROFILE_IDS.map((id) => `"${id}" (${PROFILES[id].title})`).join(', ')}`,
          ),
          v.description('preset how a real system reacts; the file’s own settings still win'),
        ),
      ),
    ),
    params: v.optional(ParamsSchema),
    failover: v.optional(FailoverSchema),
    controlPlane: v.optional(ControlPlaneSchema),
    workload: v.optional(
      closedObject(
        {
          writesPerSec: v.optional(WorkloadRateSchema),
          readsPerSec: v.optional(WorkloadRateSchema),
          txn: v.optional(WorkloadTxnSchema),
        },
        mustBe('an object such as {"writesPerSec": 20}'),
      ),
    ),
    placement: v.optional(
      idRecord(
        shardList('a list of node ids', 'exactly RF distinct node ids; the first is the configured primary'),
        mustBe('an object mapping shard ids to node lists'),
        SHARD_KEYS,
      ),
    ),
    voters: v.optional(
      idRecord(
        v.pipe(
          shardList('a non-empty list of node ids', 'the voting replicas: pinned ones, including the configured primary'),
          v.minLength(1, mustBe('a non-empty list of node ids')),
        ),
        mustBe('an object mapping shard ids to lists of voting node ids'),
        SHARD_KEYS,
      ),
    ),
    timeline: v.optional(
      boundedList(
        v.array(
          closedObject(
            {
              atMs: hinted(
                numberIn(AT_MS, mustBe(`${describeRange(AT_MS)} (from the start; the longest run is 24 h)`)),
                { required: 'required — when to apply the command, in ms from the start' },
              ),
              command: hinted(CommandSchema, { required: 'required — e.g. {"type": "node.crash", "node": "n3"}' }),
            },
            mustBe('an object like {"atMs": 5000, "command": {…}}'),
          ),
          mustBe('a list of {"atMs", "command"}'),
        ),
        MAX_TIMELINE_COMMANDS,
        atMost(MAX_TIMELINE_COMMANDS, 'commands'),
      ),
    ),
  },
  (issue) => `a scenario must be a JSON object, got ${describeValue(issue.input)}`,
);

export const SCENARIO_FIELDS = Object.keys(ScenarioSchema.entries) as readonly (keyof typeof ScenarioSchema.entries)[];
