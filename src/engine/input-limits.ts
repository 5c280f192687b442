import type { SimParams } from './sim-params';

/**
 * Every dimension, rate and time a learner can type, and its limits: the ONE
 * place the scenario parser, `config.set`, the CLI and share URLs read them
 * from. Units are in the names. The bounds are what a classroom console
 * needs and what keeps a run's event rate and length bounded: the largest
 * cluster is the benchmarked one (1,000 nodes × 100,000 shards), the fastest
 * heartbeat is 10 ms (100 beats per node per simulated second), and nothing
 * runs past one simulated day.
 */

/** A closed range with its unit, for messages: `from 10 to 60000 ms`. */
export interface NumberRange {
  min: number;
  max: number;
  /** Shown after the range: "ms", "bytes/s", "" for a count. */
  unit: string;
  integer: boolean;
  /** 0 turns the setting off; any other value must be at least this (a 1 µs scrub clock would stop time). */
  offOrAtLeast?: number;
}

const ms = (min: number, max: number): NumberRange => ({ min, max, unit: 'ms', integer: false });
const bytes = (min: number, max: number): NumberRange => ({ min, max, unit: 'bytes', integer: true });

export const HOUR_MS = 3_600_000;

/** The longest simulated run: `--until`, `--at`, timeline times and the URL's `t`. */
export const MAX_SIM_HORIZON_MS = 24 * HOUR_MS;

/** Cluster dimensions. */
export const MAX_NODES = 1000;
export const MAX_SHARDS = 100_000;
/** Keys one `replica.corrupt` may rot: a 64 MiB shard of 1 KiB rows holds 65,536. */
export const MAX_CORRUPT_KEYS = 65_536;
/** More copies than this teach nothing new and multiply the work per write. */
export const MAX_REPLICATION_FACTOR = 7;
/**
 * Copies across the cluster, shards × replicationFactor: building a run, every failure's re-plan and
 * every digest walk all of them. The benchmarked scale (1,000 nodes × 100,000 shards at RF 3) is the
 * limit; 100,000 shards at RF 7 would be 700,000, past it.
 */
export const MAX_REPLICAS = 300_000;
export const MIN_SHARD_SIZE_BYTES = 1024; // 1 KiB
export const MAX_SHARD_SIZE_BYTES = 1024 ** 4; // 1 TiB
/** Per-node rebuild rate (node list `rebuildBytesPerSec` and `params.rebuildBytesPerSecPerNode`). */
export const MIN_REBUILD_BYTES_PER_SEC = 1024 ** 2; // 1 MiB/s: a 64 MiB shard in about a minute
export const MAX_REBUILD_BYTES_PER_SEC = 1024 ** 4; // 1 TiB/s

/** Workload rates, writes and reads per second each. */
export const MAX_WORKLOAD_OPS_PER_SEC = 10_000;

/**
 * The share URL's event position `e`: restoring replays every event up to it in the tab. Past this,
 * `e` is ignored and `t` (at most 24 h) places the moment.
 */
export const MAX_URL_EVENT_COUNT = 10_000_000;

/**
 * The share URL's `c` parameters (user commands), replayed in order on load: the first this many
 * apply, the rest are refused with one message naming this limit.
 */
export const MAX_URL_COMMANDS = 10_000;

/** A scenario file's `timeline`: as many commands as a share URL replays (`MAX_URL_COMMANDS`). */
export const MAX_TIMELINE_COMMANDS = 10_000;
/** A scenario file's `watch` list: the numbered "what to watch" lines the console shows. */
export const MAX_WATCH_LINES = 100;

/**
 * The share URL's `scenarioJson` (base64url characters), checked before it is decoded. Browsers cap a
 * whole URL near 2 MB (Chromium: 2,097,152 characters), so a longer link could not have come from one.
 */
export const MAX_URL_SCENARIO_JSON_CHARS = 2_000_000;

/**
 * How many problems one refusal lists (a scenario file, a command): the first ones in reading order,
 * then one line counting the rest, so 100,000 bad items never make a message of megabytes.
 */
export const MAX_LISTED_PROBLEMS = 20;
/** A check stops looking after this many problems (the rest are only said to exist): its work stays bounded. */
export const MAX_CHECKED_PROBLEMS = 1000;

/** The engine's random streams take 32-bit seeds: scenario files, `--seed`, the URL's `seed`, the driver's `load`. */
export const MAX_SEED = 0xffffffff;

/** Playback speed (simulated per wall second): the URL's `speed` and the driver's `setSpeed`, above 0. */
export const MAX_PLAYBACK_SPEED = 64;

/** Text a learner types: names (node, rack, shard, path, command type) and a scenario file path. */
export const MAX_NAME_CHARS = 200;
export const MAX_PATH_CHARS = 4096;
/** Prose a scenario shows: its title, description and each "what to watch" line. */
export const MAX_TEXT_CHARS = 2000;
/** One command in the CLI form (`--at`, the URL's `c`): room for a partition of every node. */
export const MAX_CLI_COMMAND_CHARS = 20_000;
/** How much of an over-long value a message repeats. */
export const ECHO_CHARS = 40;

/** Params that take a word or true/false rather than a number. */
export type ParamChoiceKey = { [K in keyof SimParams]: SimParams[K] extends number ? never : K }[keyof SimParams];
export type NumericParamKey = Exclude<keyof SimParams, ParamChoiceKey>;

/** The values each non-numeric param takes. A mapped type makes a missing one a compile error. */
export const PARAM_CHOICES: { readonly [K in ParamChoiceKey]: readonly SimParams[K][] } = {
  checksumOnRead: [true, false],
  walSyncMode: ['perCommit', 'periodic'],
  stateStore: ['pages', 'memory'],
  tornOnProcessCrash: [false, true],
  fullPageWrites: [true, false],
  corruptionResponse: ['reReplicate', 'markInconsistent', 'fatal'],
  scrubAutoRepair: [true, false],
  verifyOnRestart: ['none', 'metadata', 'full'],
  walRecoveryMode: ['pointInTime', 'tolerateCorruptedTail', 'absoluteConsistency', 'skipAnyCorrupted'],
  idempotentApply: [true, false],
  replication: ['primary', 'leaderless'],
  writeConsistency: ['ONE', 'QUORUM', 'ALL', 'ANY'],
  readConsistency: ['ONE', 'QUORUM', 'ALL'],
  readRepair: ['BLOCKING', 'NONE'],
  hintedHandoff: [false, true],
  sloppyQuorum: [false, true],
  merkleExchange: ['wholeTree', 'levelByLevel'],
  versioning: ['lww', 'vectorClocks'],
  resumeCopies: [false, true],
  bufferPolicy: ['noSteal', 'steal'],
  recoveryAlgorithm: ['redoOnly', 'aries'],
  walArchive: [false, true],
};

export function isChoiceParam(key: keyof SimParams): key is ParamChoiceKey {
  return Object.prototype.hasOwnProperty.call(PARAM_CHOICES, key);
}

/** `"none", "metadata" or "full"`, `true or false`. */
export function describeChoices(choices: readonly unknown[]): string {
  const words = choices.map((c) => (typeof c === 'string' ? `"${c}"` : String(c)));
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Every numeric SimParams field's range. A mapped type makes a missing one a compile error. */
export const PARAM_RANGES: { readonly [K in NumericParamKey]: NumberRange } = {
  heartbeatIntervalMs: ms(10, 60_000),
  suspectAfterMs: ms(10, HOUR_MS),
  deadAfterMs: ms(10, HOUR_MS),
  rehomeGraceMs: ms(0, HOUR_MS),
  rebuildBytesPerSecPerNode: { min: MIN_REBUILD_BYTES_PER_SEC, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
  maxConcurrentCopiesPerNode: { min: 1, max: 64, unit: '', integer: true },
  copyStreamTimeoutMs: ms(100, HOUR_MS),
  linkLatencyMs: ms(0, 10_000),
  controlPlaneStepMs: ms(0, 60_000),
  walReplayMs: ms(0, HOUR_MS),
  walScanBytesPerSec: { min: 1024, max: 1024 ** 4, unit: 'bytes/s', integer: false },
  walApplyMsPerRecord: ms(0, 10_000),
  walReplayChunkRecords: { min: 1, max: 1_000_000, unit: 'records', integer: true },
  snapshotLoadBytesPerSec: { min: 1024, max: 1024 ** 4, unit: 'bytes/s', integer: false },
  electionTimeoutMs: ms(0, 60_000),
  scrubIntervalMs: { ...ms(0, MAX_SIM_HORIZON_MS), offOrAtLeast: 100 },
  deepScrubIntervalMs: { ...ms(0, MAX_SIM_HORIZON_MS), offOrAtLeast: 100 },
  // At least 1 KiB/s: slower, one 64 MiB replica would take longer than a run may last.
  scrubBytesPerSec: { min: 1024, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
  logRetainEntries: { min: 0, max: 1_000_000_000, unit: 'entries', integer: true },
  logTruncationHoldMs: ms(0, HOUR_MS),
  catchUpBytesPerSec: { min: MIN_REBUILD_BYTES_PER_SEC, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
  walRecordHeaderBytes: bytes(1, 4096),
  walWriteBytes: bytes(0, 1024 ** 2),
  walSegmentBytes: bytes(64 * 1024, 1024 ** 3),
  walDetailRecordsPerNode: { min: 1, max: 65_536, unit: '', integer: true },
  walSyncPeriodMs: ms(1, HOUR_MS),
  checkpointIntervalMs: ms(0, MAX_SIM_HORIZON_MS),
  snapshotEveryRecords: { min: 0, max: 1_000_000_000, unit: 'records', integer: true },
  tornWriteProbability: { min: 0, max: 1, unit: '', integer: false },
  walHistoryRecords: { min: 0, max: 1_000_000_000, unit: 'records', integer: true },
  tornPageProbability: { min: 0, max: 1, unit: '', integer: false },
  // At least 2 keys so a tree has a level below its root; 2^20 keys is Cassandra's deepest tree.
  keysPerShard: { min: 2, max: 1_048_576, unit: 'keys', integer: true },
  hotKeyFraction: { min: 0, max: 1, unit: '', integer: false },
  hotTrafficFraction: { min: 0, max: 1, unit: '', integer: false },
  maxHintWindowMs: ms(0, MAX_SIM_HORIZON_MS),
  hintDeliveryBytesPerSec: { min: 1024, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
  maxHintsDeliveryThreads: { min: 1, max: 64, unit: '', integer: true },
  // Cassandra's repair_session_max_tree_depth is 20.
  merkleMaxDepth: { min: 1, max: 20, unit: 'levels', integer: true },
  validationBytesPerSec: { min: 1024, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
  repairStreamBytesPerSec: { min: 1024, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
  antiEntropyIntervalMs: { ...ms(0, MAX_SIM_HORIZON_MS), offOrAtLeast: 100 },
  cpElectionTimeoutMinMs: ms(1, 60_000),
  cpElectionTimeoutMaxMs: ms(1, 60_000),
  cpApplyMsPerEntry: ms(0, 10_000),
  cpSnapshotEveryEntries: { min: 1, max: 1_000_000_000, unit: 'entries', integer: true },
  backupIntervalMs: { ...ms(0, MAX_SIM_HORIZON_MS), offOrAtLeast: 100 },
  restoreBytesPerSecPerNode: { min: MIN_REBUILD_BYTES_PER_SEC, max: MAX_REBUILD_BYTES_PER_SEC, unit: 'bytes/s', integer: false },
};

/** `a number from 10 to 60000 ms`, `a whole number from 1 to 64`. */
export function describeRange(range: NumberRange): string {
  const unit = range.unit === '' ? '' : ` ${range.unit}`;
  const kind = range.integer ? 'a whole number' : 'a number';
  if (range.offOrAtLeast !== undefined) return `0 (off) or ${kind} from ${range.offOrAtLeast} to ${range.max}${unit}`;
  return `${kind} from ${range.min} to ${range.max}${unit}`;
}

export function inRange(value: unknown, range: NumberRange): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (!range.integer || Number.isInteger(value)) &&
    (range.offOrAtLeast === undefined || value === 0 || value >= range.offOrAtLeast)
  );
}

/** At most ECHO_CHARS of a text, so a 10 MB value is never repeated whole: `"aaaa…" (10485760 characters)`. */
export function echoText(text: string): string {
  if (text.length <= ECHO_CHARS) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, ECHO_CHARS) + '…')} (${text.length} characters)`;
}
