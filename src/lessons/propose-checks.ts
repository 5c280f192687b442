import type { ClusterState, TraceEntry } from '../engine/index';
import type { CheckExpr } from './lesson-types';

/**
 * "Record a lesson" (teaching-embed.md §2.9): the teacher marks a start and a goal in the console; this proposes
 * checks from what differs between the two moments, for the teacher to tick. Pure: the same two moments always give
 * the same proposals in the same order.
 *
 * Each proposal reads the learner's run (label `you` by default) with the check language of §2.3 only (`var`,
 * comparisons, `some`, `count`/`filter`, `trace.count`), holds at the goal by construction, and does not hold at the
 * start. Comparisons say a direction (`> 0`, `< 3`, `== 0`) rather than the exact value wherever the value depends
 * on when the learner presses Check: a learner who checks a little later must still pass.
 */

/** One moment of a run as the proposer needs it. A check's `RunView` (check/run-view.ts) has both fields. */
export interface RunMoment {
  readonly state: ClusterState;
  /** The run's trace up to this moment (the engine's kept window; the goal's includes the start's entries). */
  readonly trace: readonly TraceEntry[];
}

export interface CheckProposal {
  /** Stable within one pair of moments: `metric:bytesMoved`, `node:n3:health`, `trace:node.crashed:n3`, `shards:lost`. */
  id: string;
  /** What changed and what the check asks, in plain words. */
  label: string;
  check: CheckExpr;
}

export interface ProposeOptions {
  /** The run label the checks read (default `you`: the learner's own run). */
  run?: string;
  /** At most this many proposals, most telling first (default 12). */
  max?: number;
}

export const MAX_PROPOSALS = 12;

interface Scored extends CheckProposal {
  score: number;
}

export function proposeChecks(start: RunMoment, goal: RunMoment, options: ProposeOptions = {}): CheckProposal[] {
  const run = options.run ?? 'you';
  const max = options.max ?? MAX_PROPOSALS;
  const scored = [
    ...metricProposals(start.state, goal.state, run),
    ...nodeProposals(start.state, goal.state, run),
    ...shardProposals(start.state, goal.state, run),
    ...traceProposals(start.trace, goal.trace, run),
  ];
  // Stable sort: equal scores keep the order above (metrics, nodes, shards, trace), so the list never shuffles.
  return scored
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.score - a.p.score || a.i - b.i)
    .slice(0, max)
    .map(({ p }) => ({ id: p.id, label: p.label, check: p.check }));
}

// ------------------------------------------------------------------------------------------------------- metrics

/** How telling a metric's change is for a lesson: losses first, then the cost and exposure of a repair. */
const METRIC_WEIGHT: Record<string, number> = {
  lostShards: 100,
  writesLost: 98,
  lostShardsTruth: 96,
  bytesMoved: 90,
  minCopies: 85,
  underReplicatedShards: 80,
  underReplicatedShardsTruth: 78,
  shardsNotWritable: 76,
  writesFailed: 74,
  shardsWithoutPrimary: 72,
  detectionDelayMs: 66,
  timeToRestoreRfMs: 64,
  durabilityWindowMs: 62,
  corruptReplicasKnown: 60,
  staleKeysTruth: 58,
  orphanCopies: 58,
};
const OTHER_METRIC_WEIGHT = 40;
/** Counters of routine traffic: they change in every run, so they say nothing about the teacher's fault. */
const ROUTINE_METRICS = new Set(['writesAcked', 'readsFresh', 'copiesInFlight', 'copiesQueued', 'rebuildBytesRemaining']);

function metricProposals(start: ClusterState, goal: ClusterState, run: string): Scored[] {
  const before = start.metrics as unknown as Record<string, unknown>;
  const after = goal.metrics as unknown as Record<string, unknown>;
  const out: Scored[] = [];
  for (const name of Object.keys(after)) {
    if (ROUTINE_METRICS.has(name)) continue;
    const a = before[name];
    const b = after[name];
    // Per-node maps (rebuild bytes by node) are charts, not facts a learner states.
    if (!isNumberOrNull(a) || !isNumberOrNull(b) || a === b) continue;
    const path = { var: `${run}.metrics.${name}` };
    const { check, asks } = metricTest(path, a, b);
    out.push({
      id: `metric:${name}`,
      label: `${words(name)} went ${show(a)} → ${show(b)} (check: ${asks})`,
      check,
      score: METRIC_WEIGHT[name] ?? OTHER_METRIC_WEIGHT,
    });
  }
  return out;
}

function metricTest(path: CheckExpr, a: number | null, b: number | null): { check: CheckExpr; asks: string } {
  if (b === null) return { check: { '==': [path, null] }, asks: 'none yet' };
  if (a === null) return { check: { '!=': [path, null] }, asks: 'has a value' };
  if (b === 0) return { check: { '==': [path, 0] }, asks: 'is 0' };
  if (b > a) return { check: { '>': [path, a] }, asks: `more than ${show(a)}` };
  return { check: { '<': [path, a] }, asks: `less than ${show(a)}` };
}

// ------------------------------------------------------------------------------------------------------- nodes

/** More than this many nodes changed (a rack outage): the first ones are proposed, the rest are the same story. */
const MAX_NODES = 4;

function nodeProposals(start: ClusterState, goal: ClusterState, run: string): Scored[] {
  const was = new Map(start.nodes.map((n) => [n.id, n]));
  const out: Scored[] = [];
  let nodes = 0;
  for (const node of goal.nodes) {
    const before = was.get(node.id);
    if (!before || nodes >= MAX_NODES) continue;
    let changed = false;
    if (before.health !== node.health) {
      changed = true;
      out.push({
        id: `node:${node.id}:health`,
        label: `cp's belief about ${node.id} went ${before.health} → ${node.health} (check: ${node.id} is ${node.health})`,
        check: someWith(`${run}.state.nodes`, node.id, 'health', node.health),
        score: node.health === 'DEAD' ? 88 : 70,
      });
    }
    if (before.up !== node.up) {
      changed = true;
      const now = node.up ? 'running' : `down (${node.lifecycle})`;
      out.push({
        id: `node:${node.id}:up`,
        label: `${node.id}'s process went ${before.up ? 'running' : 'down'} → ${now} (check: ${node.id} is ${node.up ? 'up' : 'down'})`,
        check: someWith(`${run}.state.nodes`, node.id, 'up', node.up),
        score: 86,
      });
    }
    if (changed) nodes++;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------- shards

/** Individual shards are proposed only when few changed: then each one is the story (a lost shard). */
const MAX_SINGLE_SHARDS = 2;
const SHARD_STATE_WEIGHT: Record<string, number> = { lost: 94, underReplicated: 75, rehoming: 68, healthy: 50 };

function shardProposals(start: ClusterState, goal: ClusterState, run: string): Scored[] {
  const was = new Map(start.shards.map((s) => [s.id, s.state]));
  const changed = goal.shards.filter((s) => was.has(s.id) && was.get(s.id) !== s.state);
  if (changed.length === 0) return [];
  const out: Scored[] = [];
  const countIn = (shards: ClusterState['shards'], state: string) => shards.filter((s) => s.state === state).length;
  for (const state of [...new Set(changed.map((s) => s.state))]) {
    const now = countIn(goal.shards, state);
    const then = countIn(start.shards, state);
    if (now <= then) continue;
    const count = { count: [{ filter: [{ var: `${run}.state.shards` }, { '==': [{ var: 'state' }, state] }] }] };
    out.push({
      id: `shards:${state}`,
      label: `Shards ${state}: ${show(then)} → ${show(now)} (check: more than ${show(then)})`,
      check: { '>': [count, then] },
      score: SHARD_STATE_WEIGHT[state] ?? 50,
    });
  }
  if (changed.length <= MAX_SINGLE_SHARDS) {
    for (const shard of changed) {
      out.push({
        id: `shard:${shard.id}:state`,
        label: `Shard ${shard.id} went ${was.get(shard.id)} → ${shard.state} (check: ${shard.id} is ${shard.state})`,
        check: someWith(`${run}.state.shards`, shard.id, 'state', shard.state),
        score: (SHARD_STATE_WEIGHT[shard.state] ?? 50) - 5,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------- trace

const LEVEL_WEIGHT: Record<string, number> = { alert: 84, warn: 70, info: 55, detail: 20 };
/** A kind whose new entries name at most this many nodes gets one proposal per node, filtered by it. */
const MAX_NODE_FILTERS = 3;

function traceProposals(startTrace: readonly TraceEntry[], goalTrace: readonly TraceEntry[], run: string): Scored[] {
  const lastSeq = startTrace.length > 0 ? startTrace[startTrace.length - 1].seq : -1;
  const before = startTrace;
  // Commands (the user's or the scenario's) are echoed in the trace; proposing them would only check that a button
  // was pressed or a timeline reached, not what the cluster did about it.
  const fresh = goalTrace.filter((e) => e.seq > lastSeq && e.kind !== 'command');
  const byKind = new Map<string, TraceEntry[]>();
  for (const entry of fresh) byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), entry]);
  const out: Scored[] = [];
  for (const [kind, entries] of byKind) {
    const base = LEVEL_WEIGHT[entries[0].level] ?? 40;
    const nodes = [...new Set(entries.map((e) => e.data.node))];
    const filterable = nodes.every((n) => typeof n === 'string') && nodes.length <= MAX_NODE_FILTERS;
    if (filterable) {
      for (const node of nodes as string[]) {
        if (before.some((e) => e.kind === kind && e.data.node === node)) continue;
        const n = entries.filter((e) => e.data.node === node).length;
        out.push({
          id: `trace:${kind}:${node}`,
          label: `The log has ${kind} for ${node}${n > 1 ? ` (${show(n)} entries)` : ''} (check: at least one)`,
          check: { '>=': [{ 'trace.count': [run, kind, { node }] }, 1] },
          score: base + 5,
        });
      }
    } else if (!before.some((e) => e.kind === kind)) {
      out.push({
        id: `trace:${kind}`,
        label: `The log has ${kind} (${show(entries.length)} ${entries.length === 1 ? 'entry' : 'entries'}) (check: at least one)`,
        check: { '>=': [{ 'trace.count': [run, kind, {}] }, 1] },
        score: base,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------- words

/** "Some element of the list at `listPath` has id `id` and `field` equal to `value`" (JsonLogic's `some`). */
function someWith(listPath: string, id: string, field: string, value: unknown): CheckExpr {
  return { some: [{ var: listPath }, { and: [{ '==': [{ var: 'id' }, id] }, { '==': [{ var: field }, value] }] }] };
}

function isNumberOrNull(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

/** `bytesMoved` → "Bytes moved"; `timeToRestoreRfMs` → "Time to restore RF (ms)". */
export function words(name: string): string {
  const unit = name.endsWith('Ms') ? ' (ms)' : name.endsWith('Truth') ? ' (truth)' : '';
  const stem = name.endsWith('Ms') ? name.slice(0, -2) : name.endsWith('Truth') ? name.slice(0, -5) : name;
  const spaced = stem
    .replace(/Rf\b|Rf(?=[A-Z])/g, 'RF')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\b([A-Z])([a-z])/g, (_m, a: string, b: string) => a.toLowerCase() + b)
    .toLowerCase()
    .replace(/\brf\b/g, 'RF');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1) + unit;
}

function show(value: number | null): string {
  return value === null ? '(none)' : value.toLocaleString('en-US');
}
