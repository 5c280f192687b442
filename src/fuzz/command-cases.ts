import {
  COMMAND_SPECS,
  COMMAND_TYPES,
  REPAIR_MODES,
  PARAM_CHOICES,
  PARAM_RANGES,
  MAX_WORKLOAD_OPS_PER_SEC,
  isChoiceParam,
  SIM_PARAM_KEYS,
  createSimulation,
  type Command,
  type Scenario,
  type SimParams,
} from '../engine/index';
import { clusterNamesOf } from '../scenarios/cluster-names';
import { getBuiltInScenario } from '../scenarios/registry';
import { shardIdOf } from '../scenarios/shard-ids';
import { garbage, longLength, longString, mentionOf, ODD_STRINGS, PROTO_KEYS, setOwn } from './garbage';
import { combine, crashed, isCommandError, refusal, type FuzzCase, type Outcome } from './fuzz-case';
import type { FuzzRng } from './rng';

/**
 * Engine commands: valid ones built from the command table for a real
 * cluster, then mutated field by field (wrong types, missing and extra
 * fields, prototype keys, values past their limits, unknown names), applied
 * with `sim.dispatch` between short bounded runs.
 */

/** Small built-ins: every case builds a fresh simulation. */
export const SMALL_SCENARIOS = [
  'primary-failover-rf3',
  'two-server-no-failover',
  'minority-partition',
  'non-transitive-4357',
  'configured-primary-returns',
  'emergency-repair',
  'unregistered-fallback',
] as const;

export interface Names {
  nodeIds: readonly string[];
  rackIds: readonly string[];
  shardIds: readonly string[];
}

export function namesOf(scenario: Scenario): Names {
  const { nodeIds, rackIds } = clusterNamesOf(scenario);
  return { nodeIds, rackIds, shardIds: Array.from({ length: Math.min(scenario.shards, 50) }, (_, i) => shardIdOf(i, scenario.shards)) };
}

/** A value inside a param's range, at an edge or in between. */
function paramValue(rng: FuzzRng, key: keyof SimParams): SimParams[keyof SimParams] {
  if (isChoiceParam(key)) return rng.pick(PARAM_CHOICES[key] as readonly SimParams[keyof SimParams][]);
  const r = PARAM_RANGES[key];
  const drawn = rng.pick([r.min, r.max, r.min + (r.max - r.min) * rng.next() * rng.next()]);
  // "0 (off) or at least …" ranges: a value in the gap is not valid.
  const v = r.offOrAtLeast !== undefined && drawn !== 0 && drawn < r.offOrAtLeast ? r.offOrAtLeast : drawn;
  return r.integer ? Math.round(v) : rng.chance(0.5) ? Math.round(v) : v;
}

export function validCommand(rng: FuzzRng, names: Names): Command {
  const node = () => rng.pick(names.nodeIds);
  const endpoint = () => (rng.chance(0.25) ? 'cp' : node());
  const type = rng.pick(COMMAND_TYPES);
  switch (type) {
    case 'node.crash':
      return rng.chance(0.5) ? { type, node: node() } : { type, node: node(), kind: rng.pick(['process', 'power'] as const) };
    case 'node.restart':
    case 'node.destroy':
    case 'node.rebuild':
    case 'node.checkpoint':
      return { type, node: node() };
    case 'link.cut':
      return rng.chance(0.3) ? { type, a: endpoint(), b: endpoint(), oneWay: true } : { type, a: endpoint(), b: endpoint() };
    case 'link.heal':
      return { type, a: endpoint(), b: endpoint() };
    case 'network.partition': {
      const all = ['cp', ...names.nodeIds];
      const cut = rng.int(1, all.length - 1);
      return { type, groups: [all.slice(0, cut), all.slice(cut)].filter((g) => g.length > 0) };
    }
    case 'network.heal':
      return { type };
    case 'rack.fail':
      return rng.chance(0.5) ? { type, rack: rng.pick(names.rackIds) } : { type, rack: rng.pick(names.rackIds), kind: 'power' };
    case 'cluster.powerLoss':
      return { type };
    case 'wal.corrupt':
      return { type, node: node(), at: rng.pick(['tail', 'middle'] as const) };
    case 'config.set': {
      const roll = rng.int(0, 3);
      if (roll === 0) return { type, path: rng.pick(['failover.autoReReplicate', 'failover.asyncReReplicate']), value: rng.chance(0.5) };
      if (roll === 1) {
        return { type, path: 'failover.registeredNodes', value: rng.chance(0.5) ? 'all' : names.nodeIds.filter(() => rng.chance(0.5)) };
      }
      const key = rng.pick(SIM_PARAM_KEYS);
      return { type, path: `params.${key}`, value: paramValue(rng, key) };
    }
    case 'workload.set':
      return rng.chance(0.5)
        ? { type, writesPerSec: rng.int(0, 200) }
        : { type, writesPerSec: rng.pick([0, 5, MAX_WORKLOAD_OPS_PER_SEC]), readsPerSec: rng.int(0, 50) };
    case 'shard.emergencyRepair':
      return { type, shard: rng.pick(names.shardIds), mode: rng.pick(REPAIR_MODES) };
    case 'replica.corrupt':
      return rng.chance(0.5) ? { type, node: node(), shard: rng.pick(names.shardIds) } : { type, node: node(), shard: rng.pick(names.shardIds), keys: rng.int(1, 8) };
    case 'disk.corrupt':
      return { type, node: node(), fraction: rng.pick([1, 0.5, 0.1, 1e-6]) };
    case 'scrub.run':
      return rng.chance(0.5) ? { type, shard: rng.pick(names.shardIds) } : { type, shard: rng.pick(names.shardIds), deep: true };
    case 'shard.repair':
      return { type, shard: rng.pick(names.shardIds) };
    case 'repair.run': {
      const mode = rng.pick(['full', 'incremental'] as const);
      const shard = rng.chance(0.3) ? 'all' : rng.pick(names.shardIds);
      return rng.chance(0.5) ? { type, shard, mode } : { type, shard, mode, node: node() };
    }
    case 'cp.crash':
    case 'cp.restart':
      return { type, member: rng.pick(['cp1', 'cp2', 'cp3']) };
    case 'txn.run':
      return rng.chance(0.5)
        ? { type, shard: rng.pick(names.shardIds), end: rng.pick(['commit', 'abort', 'none', 'prepare'] as const) }
        : { type, shard: rng.pick(names.shardIds), writes: rng.int(1, 5), end: rng.pick(['commit', 'abort', 'none', 'prepare'] as const) };
    case 'txn.resolve':
      return { type, txn: `t${rng.int(1, 20)}`, decision: rng.pick(['commit', 'abort'] as const) };
    case 'backup.take':
      return { type, id: `b${rng.int(1, 3)}` };
    case 'cluster.restore':
      return rng.chance(0.5) ? { type, backup: `b${rng.int(1, 3)}` } : { type, backup: `b${rng.int(1, 3)}`, targetMs: rng.int(0, 60_000) };
  }
}

export interface MutatedCommand {
  raw: unknown;
  mentions: string[];
  mustRefuse?: string;
}

/** A limit-breaking value for a field kind, with what makes it wrong. */
function pastLimit(rng: FuzzRng, path: string): { value: unknown; why: string } | null {
  const key = path.replace(/^params\./, '') as keyof typeof PARAM_RANGES;
  if (!path.startsWith('params.') || !(key in PARAM_RANGES)) return null;
  const r = PARAM_RANGES[key];
  const value = rng.pick([r.min - 1, r.max + 1, r.min === 0 ? -1e-9 : r.min * 1e-7, r.max * 1e6, NaN, Infinity, -Infinity, r.integer ? r.min + 0.5 : r.max + 0.001]);
  return { value, why: `${path} outside ${r.min}–${r.max}` };
}

/** One structure-aware change to a valid command (as plain data). */
export function mutateCommand(rng: FuzzRng, command: Command): MutatedCommand {
  const m = mutateOnce(rng, command);
  // A refusal may also be about the run (restarting a running node): naming the command or its names is enough.
  const names = Object.values(command).filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, 20));
  return { ...m, mentions: [...m.mentions, command.type, ...names] };
}

function mutateOnce(rng: FuzzRng, command: Command): MutatedCommand {
  const raw: Record<string, unknown> = { ...command };
  const fields = COMMAND_SPECS[command.type].fields.map((f) => f.name);
  const roll = rng.int(0, 9);
  if (roll === 0) {
    // Not a command at all.
    const value = rng.chance(0.5) ? garbage(rng) : rng.pick([null, 'node.crash', [], 42]);
    return { raw: value, mentions: ['command'], mustRefuse: 'not an object' };
  }
  if (roll === 1) {
    const type = rng.chance(0.5) ? garbage(rng) : rng.pick([...ODD_STRINGS, 'node.Crash', 'node.crash ', 'node', 'link.cuts', 'config.get']);
    raw.type = type;
    if (type === undefined) delete raw.type;
    const m = mentionOf(type);
    return { raw, mentions: ['type', ...(m ? [m] : [])], mustRefuse: 'bad type' };
  }
  if (roll === 2 && fields.length > 0) {
    const field = rng.pick(fields);
    delete raw[field];
    const optional = COMMAND_SPECS[command.type].fields.find((f) => f.name === field)?.optional;
    return { raw, mentions: [field], ...(optional ? {} : { mustRefuse: `missing ${field}` }) };
  }
  if (roll === 3) {
    const key = rng.pick([...PROTO_KEYS, 'extra', 'nodes', 'Node', 'oneway', 'readsPerSecond', longString(rng, 300)]);
    setOwn(raw, key, garbage(rng));
    return { raw, mentions: [key.slice(0, 20)], mustRefuse: `extra field ${key.slice(0, 20)}` };
  }
  if (roll === 4 && command.type === 'config.set') {
    const bad = pastLimit(rng, command.path);
    if (bad) {
      raw.value = bad.value;
      return { raw, mentions: [command.path, 'value'], mustRefuse: bad.why };
    }
  }
  if (roll === 5) {
    // An unknown or odd name where a name goes.
    const nameField = fields.find((f) => ['node', 'a', 'b', 'rack', 'shard', 'path'].includes(f));
    if (nameField) {
      const value = rng.pick(['n99', 'n0', 'N1', 'cp', 's999', 's000', 'r9', 'params.nope', '__proto__', 'constructor', longString(rng, longLength(rng))]);
      raw[nameField] = value;
      return { raw, mentions: [nameField, value.slice(0, 20)] };
    }
  }
  if (roll === 6 && command.type === 'network.partition') {
    const groups = command.groups.map((g) => [...g]);
    const pick = rng.int(0, 3);
    if (pick === 0) groups.push([...groups[0]]);
    else if (pick === 1) groups.push([]);
    else if (pick === 2) groups[0].push(groups[0][0]);
    else groups.push(Array.from({ length: 2000 }, (_, i) => `n${i}`));
    raw.groups = groups;
    return { raw, mentions: ['groups', 'group', 'twice', 'both', 'unknown', 'at most'] };
  }
  if (roll === 7 && command.type === 'workload.set') {
    const field = rng.pick(['writesPerSec', 'readsPerSec']);
    raw[field] = rng.pick([-1, 1e9, '5', NaN, Infinity, MAX_WORKLOAD_OPS_PER_SEC + 1, null]);
    return { raw, mentions: [field], mustRefuse: `${field} out of range` };
  }
  // Any field to any bad value.
  const field = fields.length > 0 ? rng.pick(fields) : 'extra';
  const value = garbage(rng);
  if (value === undefined) delete raw[field];
  else setOwn(raw, field, value);
  const m = mentionOf(value);
  return { raw, mentions: [field, ...(m ? [m] : [])] };
}

export interface CommandCaseInput {
  scenarioId: string;
  timeline: boolean;
  startMs: number;
  /** Each command, then how long to run after it. */
  steps: { raw: unknown; runMs: number; mentions: string[]; mustRefuse?: string }[];
}

export function smallScenario(id: string, timeline: boolean): Scenario {
  const s = getBuiltInScenario(id)!;
  return timeline ? s : { ...s, timeline: [] };
}

export function commandCase(rng: FuzzRng): FuzzCase<CommandCaseInput> {
  const scenarioId = rng.pick(SMALL_SCENARIOS);
  const timeline = rng.chance(0.5);
  const names = namesOf(smallScenario(scenarioId, timeline));
  const steps = Array.from({ length: rng.int(1, 4) }, () => {
    const valid = validCommand(rng, names);
    const runMs = rng.pick([0, 100, 1000, 5000, 20_000]);
    if (rng.chance(0.3)) return { raw: valid, runMs, mentions: [valid.type, ...Object.values(valid).filter((v): v is string => typeof v === 'string')] };
    const m = mutateCommand(rng, valid);
    return { raw: m.raw, runMs, mentions: m.mentions, ...(m.mustRefuse ? { mustRefuse: m.mustRefuse } : {}) };
  });
  return { input: { scenarioId, timeline, startMs: rng.pick([0, 2000, 8000, 20_000]), steps }, mentions: [] };
}

/** The engine door: each command through `sim.dispatch`, with a bounded run after it. */
export function runCommandCase(c: FuzzCase<CommandCaseInput>): Outcome {
  const { scenarioId, timeline, startMs, steps } = c.input;
  const sim = createSimulation({ scenario: smallScenario(scenarioId, timeline) });
  sim.advanceBy(startMs);
  const outcomes: Outcome[] = [];
  for (const step of steps) {
    try {
      sim.dispatch(step.raw as Command);
      outcomes.push(step.mustRefuse ? { verdict: 'unflagged', detail: `dispatch accepted ${step.mustRefuse}` } : { verdict: 'accepted', detail: '' });
    } catch (error) {
      outcomes.push(isCommandError(error) ? refusal([error.message], step.mentions) : crashed(error, 'sim.dispatch'));
      if (!isCommandError(error)) break;
    }
    try {
      sim.advanceBy(step.runMs);
    } catch (error) {
      outcomes.push(crashed(error, 'sim.advanceBy after dispatch'));
      break;
    }
  }
  return combine(outcomes);
}
