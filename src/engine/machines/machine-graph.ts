import type { AnyStateMachine } from 'xstate';

/**
 * A machine's statechart as plain data, read from the xstate machine's own definition (its StateNode tree), so the
 * console draws the real machine rather than a hand-made picture: rename a state or add a guard, and the drawing
 * follows. Contract shared with the statechart panel: /work/notes/machine-view.md.
 */

export type MachineKind = 'node' | 'healthMonitor' | 'shard' | 'failoverManager' | 'shardPrimary' | 'copyJob' | 'restore' | 'cpMember' | 'transaction';
/** id: a node id (node, healthMonitor), a shard id (shard, shardPrimary), 'fm' (failoverManager), a copy job id (copyJob), a member id cp1…cp3 (cpMember). */
export interface MachineRef {
  kind: MachineKind;
  id: string;
}
/** id is the dotted state path inside the machine (`suspect`, `copying.snapshot`); label the state's own key. */
export interface MachineGraphState {
  id: string;
  label: string;
  parent: string | null;
  /** The state its parent (or the machine) starts in. */
  initial: boolean;
  final: boolean;
}
/**
 * One candidate transition, in the order the machine tries them. `from` is a state id, or `'*'` for a transition
 * declared on the machine itself (taken from any state). `to` is empty for a transition that keeps the state (it
 * only runs actions). An eventless transition has `event` `'always'`; a delayed one `after <delay>`, with `delay`
 * the named delay or the milliseconds as a string.
 */
export interface MachineGraphTransition {
  from: string;
  to: string[];
  event: string;
  guard: string | null;
  delay: string | null;
}
export interface MachineGraph {
  machineId: string;
  initial: string;
  states: MachineGraphState[];
  transitions: MachineGraphTransition[];
}
export interface MachineInstanceView {
  ref: MachineRef;
  /** e.g. "n3 · health monitor (cp's belief)" */
  title: string;
  graph: MachineGraph;
  /** ids of the active state(s), matching MachineGraphState.id */
  active: string[];
  last: { from: readonly string[]; to: readonly string[]; event: string; atMs: number } | null;
}

/** The graph's id for a transition declared on the machine's root. */
export const ANY_STATE = '*';

/** The slice of xstate's StateNode this module reads (public members only). */
interface StateNodeLike {
  key: string;
  path: string[];
  type: string;
  parent?: StateNodeLike;
  states: Record<string, StateNodeLike>;
  initial: { target: readonly StateNodeLike[] };
  transitions: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[];
}
interface TransitionLike {
  target: readonly StateNodeLike[] | undefined;
  guard?: unknown;
  eventType: string;
  delay?: unknown;
}

const graphs = new WeakMap<AnyStateMachine, MachineGraph>();

/** Reads the graph from an xstate machine's own definition. Memoised per machine (machines are immutable). */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  let graph = graphs.get(machine);
  if (!graph) {
    graph = readGraph(machine);
    graphs.set(machine, graph);
  }
  return graph;
}

function readGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root as unknown as StateNodeLike;
  const states: MachineGraphState[] = [];
  const transitions: MachineGraphTransition[] = [];
  const visit = (node: StateNodeLike) => {
    const isRoot = node.path.length === 0;
    if (!isRoot) {
      states.push({
        id: idOf(node),
        label: node.key,
        parent: node.parent && node.parent.path.length > 0 ? idOf(node.parent) : null,
        initial: node.parent ? node.parent.initial.target.includes(node) : false,
        final: node.type === 'final',
      });
    }
    const from = isRoot ? ANY_STATE : idOf(node);
    for (const [eventType, candidates] of node.transitions) {
      for (const t of candidates) transitions.push(readTransition(from, eventType, t));
    }
    for (const t of node.always ?? []) transitions.push(readTransition(from, '', t));
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(root);
  return {
    machineId: machine.id,
    initial: root.initial.target.map(idOf).join(','),
    states,
    transitions,
  };
}

function readTransition(from: string, eventType: string, t: TransitionLike): MachineGraphTransition {
  const delay = eventType.startsWith('xstate.after.') ? delayName(t.delay) : null;
  return {
    from,
    to: (t.target ?? []).map(idOf),
    event: delay !== null ? `after ${delay}` : eventType === '' ? 'always' : eventType,
    guard: t.guard === undefined ? null : guardName(t.guard),
    delay,
  };
}

function idOf(node: StateNodeLike): string {
  return node.path.join('.');
}

function delayName(delay: unknown): string {
  if (typeof delay === 'number' || typeof delay === 'string') return String(delay);
  return typeof delay === 'function' && delay.name ? delay.name : 'a computed delay';
}

/** A guard in words: its name, or xstate's and/or/not combinators spelled out. */
function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const parts = (guard as { guards?: unknown[] }).guards;
    if (Array.isArray(parts)) {
      const names = parts.map((g) => {
        const name = guardName(g);
        return Array.isArray((g as { guards?: unknown }).guards) && !name.startsWith('not ') ? `(${name})` : name;
      });
      if (guard.name === 'not') return `not ${names[0]}`;
      if (guard.name === 'and' || guard.name === 'or') return names.join(` ${guard.name} `);
    }
    return guard.name || 'inline guard';
  }
  if (guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
    return (guard as { type: string }).type;
  }
  return 'guard';
}
