import {
  createSimulation,
  MAX_NODES,
  MAX_REPLICATION_FACTOR,
  MAX_SHARDS,
  MAX_SHARD_SIZE_BYTES,
  MAX_SIM_HORIZON_MS,
  MAX_WORKLOAD_OPS_PER_SEC,
  MIN_REBUILD_BYTES_PER_SEC,
  MAX_REBUILD_BYTES_PER_SEC,
  MIN_SHARD_SIZE_BYTES,
  PARAM_RANGES,
} from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { FUZZ_BUILT_INS } from './fuzz-built-ins';
import { validCommand, mutateCommand } from './command-cases';
import { crashed, isCommandError, refusal, type FuzzCase, type Outcome } from './fuzz-case';
import { deepNest, garbage, longLength, longString, mentionOf, ODD_STRINGS, PROTO_KEYS, setOwn } from './garbage';
import type { FuzzRng } from './rng';

/**
 * Scenario files: the built-ins, the README's example and the issue's
 * reproductions, mutated where their structure says a mistake is likely
 * (a number past its limit, a field of the wrong type, a missing or extra
 * field, a duplicate id, an unknown node or shard, a prototype key), and
 * sometimes as text with a JSON mistake. Accepted ones get a short run.
 */

type Json = Record<string, unknown>;

const EXTRA_BASES: Json[] = [
  {
    id: 'my-cluster', title: 'Six nodes, one dies', seed: 1, nodes: 6, racks: 6, shards: 400, replicationFactor: 3, shardSizeBytes: 67108864,
    params: { heartbeatIntervalMs: 1000, suspectAfterMs: 3000, deadAfterMs: 10000, rehomeGraceMs: 0, rebuildBytesPerSecPerNode: 67108864,
      maxConcurrentCopiesPerNode: 2, linkLatencyMs: 2, controlPlaneStepMs: 100, walReplayMs: 2000, electionTimeoutMs: 1500, copyStreamTimeoutMs: 5000,
      checksumOnRead: true, scrubIntervalMs: 0, deepScrubIntervalMs: 0, scrubBytesPerSec: 16777216, corruptionResponse: 'reReplicate', scrubAutoRepair: true,
      verifyOnRestart: 'metadata',
      logRetainEntries: 0, logTruncationHoldMs: 10000, catchUpBytesPerSec: 33554432,
      walRecoveryMode: 'pointInTime', walScanBytesPerSec: 67108864, walApplyMsPerRecord: 5, walReplayChunkRecords: 1, snapshotLoadBytesPerSec: 536870912, idempotentApply: true },
    failover: { autoReReplicate: true, asyncReReplicate: true, registeredNodes: 'all' },
    placement: { s001: ['n1', 'n2', 'n3'] }, voters: { s001: ['n1', 'n2'] }, profile: 'rethinkdb',
    workload: { writesPerSec: 20, readsPerSec: 0 },
    timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n3' } }],
    watch: ['At 5 s n3 crashes; cp still shows it ACTIVE.', 'About 10 s later it is declared DEAD.'],
  },
  { id: 'w', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 10 } },
  { id: 'd', nodes: 5, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, placement: { s001: ['n3', 'n4', 'n5'] }, workload: { writesPerSec: 5 } },
  { id: 'l', nodes: [{ id: 'n1', rack: 'r1', rebuildBytesPerSec: 33554432 }, { id: 'n2', rack: 'r1' }, { id: 'n3', rack: 'r2' }], shards: 8 },
];

/** Documented ranges by field name (the last key of a path). */
const RANGES: Record<string, { min: number; max: number; integer?: boolean }> = {
  nodes: { min: 1, max: MAX_NODES, integer: true },
  shards: { min: 1, max: MAX_SHARDS, integer: true },
  replicationFactor: { min: 1, max: MAX_REPLICATION_FACTOR, integer: true },
  shardSizeBytes: { min: MIN_SHARD_SIZE_BYTES, max: MAX_SHARD_SIZE_BYTES },
  rebuildBytesPerSec: { min: MIN_REBUILD_BYTES_PER_SEC, max: MAX_REBUILD_BYTES_PER_SEC },
  writesPerSec: { min: 0, max: MAX_WORKLOAD_OPS_PER_SEC },
  readsPerSec: { min: 0, max: MAX_WORKLOAD_OPS_PER_SEC },
  atMs: { min: 0, max: MAX_SIM_HORIZON_MS },
  seed: { min: 0, max: 0xffffffff, integer: true },
  ...PARAM_RANGES,
};

type Path = (string | number)[];

/** Fields whose problems a change elsewhere can surface: the cluster's shape and what refers to it. */
const DEPENDENTS = ['nodes', 'racks', 'shards', 'replicationFactor', 'placement', 'voters', 'timeline'];

function allPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (path.length >= 4 || value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const).slice(0, 6) : Object.entries(value);
  for (const [k, v] of entries) allPaths(v, [...path, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

const MISSING = Symbol('missing');

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return MISSING;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function parentOf(root: Json, path: Path): Record<string | number, unknown> {
  return getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
}

const keysOf = (path: Path): string[] => path.filter((k): k is string => typeof k === 'string');

interface Mutation {
  mentions: string[];
  /** Why the file now breaks a documented rule, and where: a later mutation may undo it. */
  mustRefuse?: { why: string; path: Path };
}

function mutate(rng: FuzzRng, root: Json): Mutation {
  const paths = allPaths(root);
  const path = rng.pick(paths);
  const parent = parentOf(root, path);
  const leaf = path[path.length - 1];
  const current = parent[leaf];
  // The field itself, or a field that depends on it: changing `nodes` makes `replicationFactor` or a placement wrong.
  const mentions = [...keysOf(path).map((k) => k.slice(0, 20)), ...DEPENDENTS];
  const roll = rng.int(0, 11);
  const range = typeof leaf === 'string' ? RANGES[leaf] : undefined;
  if (roll <= 2 && range && typeof current === 'number') {
    // Boundaries: at the limit (fine) or just past it (must be refused).
    const inside = rng.chance(0.4);
    const value = inside
      ? rng.pick([range.min, range.max])
      : rng.pick([range.min - 1, range.max + 1, range.min - 1e-9, range.max * 1e3, range.integer ? range.min + 0.5 : range.max + 0.5, NaN, Infinity, -Infinity, 1e-6, 1e15]);
    parent[leaf] = value;
    const outside = !(value >= range.min && value <= range.max) || (range.integer === true && !Number.isInteger(value));
    return { mentions, ...(outside ? { mustRefuse: { why: `${path.join('.')} = ${value} outside ${range.min}–${range.max}`, path } } : {}) };
  }
  if (roll === 3) {
    if (Array.isArray(parent)) parent.splice(leaf as number, 1);
    else delete parent[leaf];
    return { mentions: [...mentions, 'required', 'nodes', 'shards'] };
  }
  if (roll === 4 && current !== null && typeof current === 'object' && !Array.isArray(current)) {
    const key = rng.pick([...PROTO_KEYS, 'extra', 'Nodes', 'heartbeatIntervalMS', 'replicationfactor', longString(rng, 300)]);
    setOwn(current as Json, key, garbage(rng));
    return { mentions: [key.slice(0, 20)], mustRefuse: { why: `unknown field ${key.slice(0, 20)}`, path: [...path, key] } };
  }
  if (roll === 5 && Array.isArray(current) && current.length > 0) {
    current.push(structuredCloneSafe(current[0])); // a duplicate: node ids, timeline entries, placement nodes, watch lines
    return { mentions };
  }
  if (roll === 6 && typeof current === 'string') {
    parent[leaf] = rng.pick(['n99', 'n0', 's999', 'r9', 'cp', '', ...ODD_STRINGS, longString(rng, longLength(rng))]);
    const m = mentionOf(parent[leaf]);
    return { mentions: [...mentions, ...(m ? [m] : [])] };
  }
  if (roll === 7) {
    parent[leaf] = rng.chance(0.5) ? [current] : { value: current };
    return { mentions };
  }
  if (roll === 8 && path[0] === 'timeline' && Array.isArray(root.timeline)) {
    // A timeline command mutated like a dispatched one.
    const names = { nodeIds: ['n1', 'n2', 'n3'], rackIds: ['r1'], shardIds: ['s001'] };
    const m = mutateCommand(rng, validCommand(rng, names));
    (root.timeline as unknown[]).push({ atMs: rng.pick([0, 1000, MAX_SIM_HORIZON_MS]), command: m.raw });
    return { mentions: ['timeline', ...m.mentions] };
  }
  if (roll === 9) {
    // The sizes of a big cluster: at the limits, or past them together.
    const past = rng.chance(0.5);
    root.nodes = past ? 2000 : MAX_NODES;
    root.shards = past ? 200_000 : rng.pick([MAX_SHARDS, 10_000]);
    root.replicationFactor = past ? 2000 : MAX_REPLICATION_FACTOR;
    delete root.placement;
    delete root.voters;
    return { mentions: ['nodes', 'shards', 'replicationFactor'], ...(past ? { mustRefuse: { why: 'cluster past its limits', path: ['nodes'] } } : {}) };
  }
  if (roll === 10) {
    parent[leaf] = deepNest(rng, rng.pick([100, 5000]));
    return { mentions };
  }
  const value = garbage(rng);
  if (value === undefined && !Array.isArray(parent)) delete parent[leaf];
  else setOwn(parent as Json, String(leaf), value);
  const m = mentionOf(value);
  return { mentions: [...mentions, ...(m ? [m] : [])] };
}

function structuredCloneSafe(value: unknown): unknown {
  return value === null || typeof value !== 'object' ? value : JSON.parse(JSON.stringify(value));
}

export interface ScenarioInput {
  /** The file as an object, or as the text a learner would load. */
  scenario: unknown;
}

/** A base scenario, mutated 0–3 times; mentions collect every mutation's fields. */
export function mutatedScenario(rng: FuzzRng): FuzzCase<unknown> {
  const base = rng.chance(0.75) ? rng.pick(FUZZ_BUILT_INS) : rng.pick(EXTRA_BASES);
  const root = JSON.parse(JSON.stringify(base)) as Json;
  const mentions: string[] = [];
  const broken: { why: string; path: Path; value: unknown }[] = [];
  const count = rng.pick([0, 1, 1, 1, 2, 3]);
  for (let i = 0; i < count; i++) {
    const m = mutate(rng, root);
    mentions.push(...m.mentions);
    if (m.mustRefuse) broken.push({ ...m.mustRefuse, value: valueAt(root, m.mustRefuse.path) });
  }
  // Still broken only if no later mutation replaced or removed the bad value.
  const mustRefuse = broken.find((b) => b.value !== MISSING && Object.is(valueAt(root, b.path), b.value))?.why;
  return { input: root, mentions, ...(mustRefuse ? { mustRefuse } : {}) };
}

/** As text: usually the object's JSON, sometimes with a mistake in the text itself. */
export function scenarioText(rng: FuzzRng, c: FuzzCase<unknown>): FuzzCase<string> {
  let text: string;
  try {
    text = JSON.stringify(c.input) ?? 'undefined';
  } catch {
    text = '{"nodes": 3, "shards": ' + '['.repeat(100_000);
    return { input: text, mentions: ['JSON'] };
  }
  if (rng.chance(0.3)) {
    const at = rng.int(0, text.length);
    const insert = rng.pick(['', ',', '}', '"', '\u0000', 'NaN', '//', '{"__proto__":1}', '\ud800']);
    text = text.slice(0, at) + insert + text.slice(at + (rng.chance(0.5) ? 1 : 0));
    return { input: text, mentions: [...c.mentions, 'JSON', 'line', 'unknown', 'must'] };
  }
  return { input: text, mentions: c.mentions, ...(c.mustRefuse ? { mustRefuse: c.mustRefuse } : {}) };
}

export function scenarioCase(rng: FuzzRng): FuzzCase<ScenarioInput> {
  const c = mutatedScenario(rng);
  if (rng.chance(0.2)) {
    const t = scenarioText(rng, c);
    return { input: { scenario: t.input }, mentions: t.mentions, ...(t.mustRefuse ? { mustRefuse: t.mustRefuse } : {}) };
  }
  if (rng.chance(0.05)) return { input: { scenario: garbage(rng) }, mentions: [] };
  return { input: { scenario: c.input }, mentions: c.mentions, ...(c.mustRefuse ? { mustRefuse: c.mustRefuse } : {}) };
}

/** How far an accepted scenario runs: long enough for heartbeats, timeouts and a first failure. */
export const SHORT_RUN_MS = 3000;

export function runScenarioCase(c: FuzzCase<ScenarioInput>): Outcome {
  let parsed;
  try {
    parsed = parseScenario(c.input.scenario);
  } catch (error) {
    return crashed(error, 'parseScenario');
  }
  if (!parsed.ok) return refusal(parsed.problems, c.mentions);
  try {
    const sim = createSimulation({ scenario: parsed.scenario });
    sim.runUntil('idle', { maxMs: SHORT_RUN_MS });
    sim.getState();
  } catch (error) {
    return isCommandError(error) ? refusal([error.message], c.mentions) : crashed(error, 'createSimulation/runUntil');
  }
  return c.mustRefuse ? { verdict: 'unflagged', detail: `parseScenario accepted ${c.mustRefuse}` } : { verdict: 'accepted', detail: '' };
}
