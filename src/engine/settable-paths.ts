import * as v from 'valibot';
import { MAX_LISTED_PROBLEMS, MAX_NODES, PARAM_CHOICES, PARAM_RANGES, describeChoices, describeRange, isChoiceParam } from './input-limits';
import { describeIds } from './problem-text';
import { checkShape } from './shape-problems';
import { atMost, boundedList, closedObject, mustBe, nameString, numberIn } from './shape-schema';
import type { FailoverConfig, NodeId, SimParams } from './types';

/**
 * What `config.set` may change while a run is going, and the value rules each
 * setting must obey. The scenario schema uses the same `params` and
 * `failover` schemas, so a file and a live change can never disagree.
 */

/**
 * What each SimParams field means: the mapped type makes a missing one a compile error.
 * The allowed range of each is in PARAM_RANGES (input-limits.ts): a 0 ms heartbeat loops forever,
 * a 1e-6 ms one never finishes, 0 B/s never copies.
 */
const PARAM_DESCRIPTIONS: { readonly [K in keyof SimParams]: string } = {
  heartbeatIntervalMs: 'how often each node sends a heartbeat to cp (ms)',
  suspectAfterMs: 'silence before the monitor marks a node SUSPECT (ms)',
  deadAfterMs: 'silence before the monitor declares a node DEAD (ms)',
  rehomeGraceMs: 'extra wait after DEAD before shards are re-homed (ms)',
  rebuildBytesPerSecPerNode: 'rebuild bandwidth of each node, in and out separately (bytes/s)',
  maxConcurrentCopiesPerNode: 'most copies a node runs at once, in and out separately',
  // A minimum above zero: zero would let the migrator know of a dead end the instant it dies, which is truth, not something it can observe.
  copyStreamTimeoutMs: 'time a copy stream may make no progress before the migrator re-plans it (ms)',
  linkLatencyMs: 'one-way latency of every link (ms)',
  controlPlaneStepMs: 'time each control-plane step of the failover path takes (ms)',
  walReplayMs: 'fixed start-up time of a restart before the log replay itself (ms)',
  walRecoveryMode: 'what replay does with a torn or corrupt record: pointInTime, tolerateCorruptedTail, absoluteConsistency or skipAnyCorrupted',
  walScanBytesPerSec: 'how fast replay reads the log (bytes/s)',
  walApplyMsPerRecord: 'time replay takes to apply one record (ms)',
  walReplayChunkRecords: 'records each replay step reads (1 = every record is a step)',
  snapshotLoadBytesPerSec: 'how fast a memory store loads its snapshot at restart (bytes/s)',
  idempotentApply: 'replay skips records the data already holds (page-LSN rule); false applies them again',
  electionTimeoutMs: 'time cp takes to elect a new primary once one is needed (ms)',
  checksumOnRead: 'a read checks data checksums; a mismatch marks the replica corrupt and the read is retried elsewhere',
  scrubIntervalMs: "each node's light scrub (sizes, object counts), every this many ms; 0 = off (ms)",
  deepScrubIntervalMs: "gap between one deep scrub of a node (all data read, checksums checked) and the next; 0 = off (ms)",
  scrubBytesPerSec: 'how fast a deep scrub or a full verify on restart reads (bytes/s)',
  corruptionResponse: 'what cp does with a corrupt replica: re-replicate it, mark the shard inconsistent, or stop the node',
  scrubAutoRepair: 'with markInconsistent: repair at once when a scrub finds at most 5 corrupt objects',
  verifyOnRestart: 'what a restarting node checks before serving: nothing, replica headers, or every byte',
  logRetainEntries: "entries the primary's log keeps for lagging replicas (0 = the whole log)",
  logTruncationHoldMs: 'the primary keeps its log for a replica it heard from within this time (ms)',
  catchUpBytesPerSec: 'rate at which a lagging replica fetches missed log entries (bytes/s)',
  walRecordHeaderBytes: 'bytes of each write-ahead log record header (bytes)',
  walWriteBytes: "bytes of a write's payload in its log record (bytes)",
  walSegmentBytes: 'bytes per write-ahead log segment file (bytes)',
  walDetailRecordsPerNode: 'log records each node keeps itemised since its checkpoint; older ones are summarised',
  walSyncMode: 'when a replica flushes its log: before it acknowledges (perCommit) or every walSyncPeriodMs (periodic)',
  walSyncPeriodMs: "with walSyncMode periodic: how often each node flushes its log (ms)",
  checkpointIntervalMs: 'page stores checkpoint (flush data pages, mark the log) every this many ms; 0 = never (ms)',
  snapshotEveryRecords: 'memory stores write a snapshot every this many log records; 0 = never',
  stateStore: 'pages: data files survive a crash; memory: state is rebuilt from a snapshot plus the log',
  tornWriteProbability: 'chance a power loss tears the first log record it cuts off (0 to 1)',
  tornOnProcessCrash: 'a process crash may tear the last log record too',
  walHistoryRecords: 'log records written before t = 0, replayed by a memory store after its last snapshot (read when the run starts)',
  fullPageWrites: 'the first write to a page after a checkpoint logs the whole 8 KiB page, so a torn page is restored at replay',
  tornPageProbability: 'chance a power loss tears the data page of each shard modified since the checkpoint (0 to 1)',
  replication: 'primary: a primary orders writes and a majority of voters acknowledges them; leaderless: a coordinator sends each write to every replica',
  writeConsistency: 'leaderless: replicas that must acknowledge a write: ONE, QUORUM, ALL, or ANY (a stored hint is enough)',
  readConsistency: 'leaderless: replicas a read asks: ONE, QUORUM or ALL',
  keysPerShard: 'keys in each shard; a row is walWriteBytes',
  hotKeyFraction: "share of a shard's keys in the hot set (0 to 1)",
  hotTrafficFraction: 'share of reads and writes that go to the hot set (0 to 1)',
  readRepair: 'leaderless: on a digest mismatch, write the newest version back to the replicas the read asked (BLOCKING) or not (NONE)',
  hintedHandoff: 'leaderless: keep a hint for a replica believed down and hand it over when it returns',
  maxHintWindowMs: 'no new hints for a node down longer than this (ms)',
  hintDeliveryBytesPerSec: 'hint delivery rate of one thread, shared among the other nodes (bytes/s)',
  maxHintsDeliveryThreads: 'hint delivery threads per node',
  sloppyQuorum: 'a write that cannot reach an owner is taken by the next healthy node, which hands it back later (Dynamo)',
  merkleMaxDepth: 'deepest Merkle tree: min(ceil(log2 keysPerShard), this) levels below the root',
  merkleExchange: 'how replicas compare Merkle trees: wholeTree (Cassandra) or levelByLevel (Dynamo, Riak)',
  validationBytesPerSec: 'how fast a replica reads itself to build its Merkle tree (bytes/s)',
  repairStreamBytesPerSec: 'how fast repair streams differing key ranges (bytes/s)',
  antiEntropyIntervalMs: 'each node starts anti-entropy for its shards every this many ms; 0 = only by repair.run (ms)',
  versioning: 'leaderless conflicts: lww (last writer wins) or vectorClocks (siblings kept)',
  cpElectionTimeoutMinMs: 'with 3 control-plane members: shortest wait without the leader before a follower stands for election (ms)',
  cpElectionTimeoutMaxMs: 'with 3 control-plane members: longest wait without the leader before a follower stands for election (ms)',
  cpApplyMsPerEntry: 'time a cold standby takes to apply one journal entry when it takes over (ms)',
  cpSnapshotEveryEntries: 'the control plane snapshots its journal every this many entries (a cold standby replays from there)',
  resumeCopies: 'a complete copy the new control-plane leader does not know of is kept (copy.resumed) rather than removed and re-planned',
  bufferPolicy: 'transactions: a checkpoint may flush uncommitted changes (steal) or never does (noSteal)',
  recoveryAlgorithm: 'transactions at restart: redoOnly (PostgreSQL) or aries (analysis, redo, undo with compensation records)',
  backupIntervalMs: 'take a backup every this many ms; 0 = only by backup.take (ms)',
  walArchive: 'archive sealed log segments so cluster.restore can replay past the backup to a target time',
  restoreBytesPerSecPerNode: 'how fast each node loads its replicas back from a backup (bytes/s)',
};

export const SIM_PARAM_KEYS = Object.keys(PARAM_DESCRIPTIONS) as (keyof SimParams)[];

/** A param's value rule: a number in its range, or one of its words (true/false). */
function paramValueSchema(key: keyof SimParams) {
  if (!isChoiceParam(key)) return numberIn(PARAM_RANGES[key]);
  const choices = PARAM_CHOICES[key] as readonly (string | boolean)[];
  const message = mustBe(describeChoices(choices));
  // Plain picklist / boolean schemas (not a custom check) so the published JSON Schema can list the words.
  const schema = choices.every((c) => typeof c === 'boolean') ? v.boolean(message) : v.picklist(choices as readonly string[], message);
  return schema as unknown as v.GenericSchema<SimParams[typeof key]>;
}

const paramSchema = (key: keyof SimParams) => v.optional(v.pipe(paramValueSchema(key), v.description(PARAM_DESCRIPTIONS[key])));

/** The `params` block of a scenario: every setting optional, each in its range. */
export const ParamsSchema = closedObject(
  Object.fromEntries(SIM_PARAM_KEYS.map((key) => [key, paramSchema(key)])) as unknown as {
    [K in keyof SimParams]: v.OptionalSchema<v.GenericSchema<SimParams[K]>, undefined>;
  },
  mustBe('an object of settings'),
);

const flag = (description: string) => v.optional(v.pipe(v.boolean(mustBe('true or false')), v.description(description)));

/** The `failover` block. Which nodes `registeredNodes` may name depends on the cluster: `registeredNodesProblem`. */
export const FailoverSchema = closedObject(
  {
    autoReReplicate: flag('re-replicate automatically when a node is declared DEAD (true/false)'),
    asyncReReplicate: flag('copy in the background (true) or block the failover path until copies end (false)'),
    registeredNodes: v.optional(
      v.pipe(
        v.union(
          [v.literal('all'), boundedList(v.array(nameString('a node id string')), MAX_NODES, atMost(MAX_NODES, 'node ids'))],
          mustBe('"all" or a list of node ids'),
        ),
        v.description('nodes the migrator can reach: "all" or a list of node ids (none = callback-only fallback)'),
      ),
    ),
  },
  mustBe('an object of settings'),
);

export const FAILOVER_KEYS = Object.keys(FailoverSchema.entries) as (keyof FailoverConfig)[];

export function isSimParamKey(key: string): key is keyof SimParams {
  return Object.prototype.hasOwnProperty.call(PARAM_DESCRIPTIONS, key);
}

/** What a param must be, in words: `a number from 10 to 60000 ms`, `a whole number from 1 to 64`. */
export function paramValueHint(key: keyof SimParams): string {
  return isChoiceParam(key) ? describeChoices(PARAM_CHOICES[key]) : describeRange(PARAM_RANGES[key]);
}

/** Null when `value` passes `schema`, else why not (without the field name). */
function shapeProblem(schema: v.GenericSchema, value: unknown): string | null {
  const result = checkShape(schema, value);
  if (result.ok) return null;
  const [first] = result.problems;
  return first.kind === 'wrong' ? first.message : 'is required';
}

/** Null when `value` is allowed for this param, else why not (without the field name). */
export function checkParamValue(key: keyof SimParams, value: unknown): string | null {
  return shapeProblem(ParamsSchema.entries[key].wrapped, value);
}

/** Null when a well-shaped registeredNodes list names only this cluster's nodes, each once. */
export function registeredNodesProblem(value: 'all' | readonly string[], nodeIds: readonly NodeId[]): string | null {
  if (value === 'all') return null;
  const known = new Set(nodeIds);
  const unknown = value.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    // The first few by name, as every refusal lists its problems.
    const named = unknown.slice(0, MAX_LISTED_PROBLEMS).map((id) => JSON.stringify(id));
    const more = unknown.length > named.length ? `, … (${unknown.length} unknown in all; ` : ' (';
    return `unknown node ${named.join(', ')}${more}this cluster has ${describeIds(nodeIds)})`;
  }
  const seen = new Set<string>();
  const repeated = value.find((id) => seen.size === seen.add(id).size);
  return repeated === undefined ? null : `lists node "${repeated}" twice`;
}

/** Null when `value` is allowed for this failover setting, else why not (without the field name). */
export function checkFailoverValue(key: keyof FailoverConfig, value: unknown, nodeIds: readonly NodeId[]): string | null {
  const problem = shapeProblem(FailoverSchema.entries[key].wrapped, value);
  if (problem !== null || key !== 'registeredNodes') return problem;
  return registeredNodesProblem(value as 'all' | string[], nodeIds);
}

export interface SettablePath {
  path: string;
  description: string;
}

/** Every path `config.set` accepts, in the order a settings panel would show them. */
export const SETTABLE_PATHS: readonly SettablePath[] = [
  ...SIM_PARAM_KEYS.map((key) => ({ path: `params.${key}`, description: `${PARAM_DESCRIPTIONS[key]}; ${paramValueHint(key)}` })),
  ...FAILOVER_KEYS.map((key) => ({
    path: `failover.${key}`,
    description: FailoverSchema.entries[key].wrapped.pipe[1].description,
  })),
];

export const SETTABLE_PATH_NAMES: readonly string[] = SETTABLE_PATHS.map((p) => p.path);

/** Null when `config.set {path, value}` is allowed on a cluster with these nodes, else why not. */
export function checkSettable(path: string, value: unknown, nodeIds: readonly NodeId[]): string | null {
  const [section, key, ...rest] = path.split('.');
  if (rest.length === 0 && section === 'params' && key !== undefined && isSimParamKey(key)) {
    return checkParamValue(key, value);
  }
  if (rest.length === 0 && section === 'failover' && (FAILOVER_KEYS as readonly string[]).includes(key ?? '')) {
    return checkFailoverValue(key as keyof FailoverConfig, value, nodeIds);
  }
  return `unknown path "${path}"`;
}
