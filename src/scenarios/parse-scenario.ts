import {
  MAX_REPLICATION_FACTOR,
  MAX_SHARD_SIZE_BYTES,
  MIN_SHARD_SIZE_BYTES,
  describeRange,
  inRange,
  describeValue,
  PROFILES,
  type NumberRange,
  type Scenario,
} from '../engine/index';
import { clusterNamesOf } from './cluster-names';
import {
  DEFAULT_REPLICATION_FACTOR,
  DEFAULT_SEED,
  DEFAULT_SHARD_SIZE_BYTES,
  SCENARIO_LIMITS,
} from './defaults';
import { isRecord, isWholeNumber, reportUnknownFields, type Problems } from './field-checks';
import { parseJsonText } from './parse-json';
import { parseNodes } from './parse-nodes';
import { parsePlacement } from './parse-placement';
import { parseProfile, parseVoters, parseWorkload } from './parse-quorum';
import { parseFailover, parseParams } from './parse-settings';
import { parseTimeline } from './parse-timeline';

/**
 * Validates a scenario file (DESIGN.md §4) and fills in defaults. Every
 * problem is collected, each naming its field, so a learner fixes a file
 * in one pass; and nothing is half-loaded: any problem means no scenario.
 */

export type ScenarioParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

export const SCENARIO_FIELDS = [
  'id',
  'title',
  'description',
  'watch',
  'seed',
  'nodes',
  'racks',
  'shards',
  'replicationFactor',
  'shardSizeBytes',
  'params',
  'failover',
  'placement',
  'voters',
  'profile',
  'workload',
  'timeline',
] as const;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const MAX_SEED = 0xffffffff; // the engine's random streams take 32-bit seeds
const SHARD_SIZE: NumberRange = { min: MIN_SHARD_SIZE_BYTES, max: MAX_SHARD_SIZE_BYTES, unit: 'bytes', integer: false };

/** Accepts parsed JSON or JSON text. */
export function parseScenario(input: unknown): ScenarioParseResult {
  let raw = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) return { ok: false, problems: [json.problem] };
    raw = json.value;
  }
  if (!isRecord(raw)) {
    return { ok: false, problems: [`a scenario must be a JSON object, got ${describeValue(raw)}`] };
  }

  const problems: Problems = [];
  reportUnknownFields(raw, SCENARIO_FIELDS, '', problems);
  const id = parseId(raw.id, problems);
  const title = optionalText(raw.title, 'title', problems);
  const description = optionalText(raw.description, 'description', problems);
  const watch = parseWatch(raw.watch, problems);
  const seed = parseSeed(raw.seed, problems);
  const nodes = parseNodes(raw.nodes, raw.racks, problems);
  const cluster = nodes === null ? null : clusterNamesOf({ nodes });
  const shards = parseShards(raw.shards, problems);
  const replicationFactor = parseReplicationFactor(raw.replicationFactor, nodes?.length ?? null, problems);
  const shardSizeBytes = parseShardSize(raw.shardSizeBytes, problems);
  const profile = parseProfile(raw.profile, problems);
  // A profile presets settings; anything the scenario writes itself still wins.
  const preset = profile ? PROFILES[profile] : null;
  const params = parseParams(raw.params, problems, preset?.params);
  const failover = parseFailover(raw.failover, cluster?.nodeIds ?? null, problems, preset?.failover);
  const workload = parseWorkload(raw.workload, problems);
  const placement = parsePlacement(
    raw.placement,
    { shards, replicationFactor, nodeIds: cluster?.nodeIds ?? null },
    problems,
  );
  const voters = parseVoters(raw.voters, placement, problems);
  const timeline = parseTimeline(raw.timeline, cluster, problems);

  if (
    problems.length > 0 ||
    id === null ||
    nodes === null ||
    shards === null ||
    replicationFactor === null ||
    shardSizeBytes === null ||
    params === null ||
    failover === null ||
    placement === null ||
    voters === null ||
    workload === null ||
    timeline === null
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    scenario: {
      id,
      title: title ?? id,
      ...(description === undefined ? {} : { description }),
      ...(watch === undefined ? {} : { watch }),
      seed,
      nodes,
      shards,
      replicationFactor,
      shardSizeBytes,
      params,
      failover,
      placement,
      voters,
      profile,
      workload,
      timeline,
    },
  };
}

function parseId(value: unknown, problems: Problems): string | null {
  // DESIGN.md §4: everything but nodes and shards has a default.
  if (value === undefined) return 'custom';
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    problems.push(
      `id: must be a slug of lowercase letters, digits and "-" that starts with a letter or digit (e.g. "my-cluster"), got ${describeValue(value)}`,
    );
    return null;
  }
  return value;
}

function optionalText(value: unknown, field: string, problems: Problems): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push(`${field}: must be a non-empty string, got ${describeValue(value)}`);
  return undefined;
}

/** The "what to watch" list: optional, but when given, every entry is a sentence to show. */
function parseWatch(value: unknown, problems: Problems): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push(`watch: must be a list of non-empty strings (one per thing to watch), got ${describeValue(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    problems.push('watch: must name at least one thing to watch, or be left out');
    return undefined;
  }
  const before = problems.length;
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || item.trim() === '') problems.push(`watch[${i}]: must be a non-empty string, got ${describeValue(item)}`);
  });
  return problems.length === before ? (value as string[]).slice() : undefined;
}

function parseSeed(value: unknown, problems: Problems): number {
  if (value === undefined) return DEFAULT_SEED;
  if (isWholeNumber(value, 0, MAX_SEED)) return value;
  problems.push(`seed: must be a whole number from 0 to ${MAX_SEED}, got ${describeValue(value)}`);
  return DEFAULT_SEED;
}

function parseShards(value: unknown, problems: Problems): number | null {
  const { maxShards } = SCENARIO_LIMITS;
  if (value === undefined) {
    problems.push(`shards: required — how many shards the data is split into (1 to ${maxShards})`);
    return null;
  }
  if (isWholeNumber(value, 1, maxShards)) return value;
  if (isWholeNumber(value, maxShards + 1, Infinity)) {
    problems.push(`shards: ${value} shards is more than this console can simulate (at most ${maxShards})`);
  } else {
    problems.push(`shards: must be a whole number from 1 to ${maxShards}, got ${describeValue(value)}`);
  }
  return null;
}

function parseReplicationFactor(value: unknown, nodeCount: number | null, problems: Problems): number | null {
  const rf = value === undefined ? DEFAULT_REPLICATION_FACTOR : value;
  if (!isWholeNumber(rf, 1, MAX_REPLICATION_FACTOR)) {
    problems.push(
      `replicationFactor: must be a whole number from 1 to ${MAX_REPLICATION_FACTOR} (copies of each shard), got ${describeValue(rf)}`,
    );
    return null;
  }
  if (nodeCount !== null && rf > nodeCount) {
    const given = value === undefined ? ' (the default)' : '';
    problems.push(
      `replicationFactor: impossible RF ${rf}${given}: the cluster has only ${nodeCount} node${nodeCount === 1 ? '' : 's'} ` +
        'and each copy of a shard needs a node of its own',
    );
    return null;
  }
  return rf;
}

function parseShardSize(value: unknown, problems: Problems): number | null {
  if (value === undefined) return DEFAULT_SHARD_SIZE_BYTES;
  if (inRange(value, SHARD_SIZE)) return value;
  problems.push(`shardSizeBytes: must be ${describeRange(SHARD_SIZE)}, got ${describeValue(value)}`);
  return null;
}
