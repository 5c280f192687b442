import type { ClusterState, Command, Simulation } from '../../engine/index';

/**
 * The five fault classes a partial-failure test plan must cover (exercise 10, design recovery-repair.md §14 row 10),
 * judged from each fault's command AND what the run looked like when it fired: a cut is "during replay" only if a
 * node it touches was replaying its log at that moment, whatever the plan's author meant. Pure: reads observations.
 */

export const COVERAGE_CLASSES = ['one-way', 'non-transitive', 'cp-isolation', 'during-replay', 'during-repair'] as const;
export type CoverageClass = (typeof COVERAGE_CLASSES)[number];

/** What each class asks of a fault, for the message naming a missing one. */
export const CLASS_MEANING: Record<CoverageClass, string> = {
  'one-way': 'a link cut one way only (link.cut:a,b,oneWay)',
  'non-transitive': 'a two-way cut between two endpoints that both still reach a third (the RethinkDB #4357 shape)',
  'cp-isolation': 'a cut after which the control plane (cp, or a cp member) reaches no node',
  'during-replay': 'a crash or cut touching a node while it replays its log',
  'during-repair': 'a crash or cut touching a participant of a running anti-entropy session',
};

/** The parts of the run a classification reads, at one moment. */
export interface Observation {
  nodes: { id: string; rack: string; replaying: boolean }[];
  /** Directed cuts, `from→to`. */
  cuts: Set<string>;
  /** Endpoint → the endpoints it reaches both ways; null while no link is cut (everyone reaches everyone). */
  reach: Record<string, string[]> | null;
  /** Running anti-entropy sessions: the shard and its participants. */
  sessions: { shard: string; participants: string[] }[];
}

const RUNNING_SESSION = new Set(['requested', 'validating', 'comparing', 'streaming']);
const REPLAYING = new Set(['loadingSnapshot', 'replaying']);

export function observe(sim: Pick<Simulation, 'getState' | 'getRepairView'>): Observation {
  const state: ClusterState = sim.getState();
  const sessions: Observation['sessions'] = [];
  if (state.params.replication === 'leaderless') {
    for (const shard of state.shards) {
      const session = sim.getRepairView(shard.id)?.session;
      if (session && RUNNING_SESSION.has(session.phase)) sessions.push({ shard: shard.id, participants: [...session.participants] });
    }
  }
  return {
    nodes: state.nodes.map((n) => ({ id: n.id, rack: n.rack, replaying: REPLAYING.has(n.recovery.phase) })),
    cuts: new Set(state.cuts.map((c) => `${c.from}→${c.to}`)),
    reach: state.reach && Object.fromEntries(Object.entries(state.reach).map(([k, v]) => [k, [...v]])),
    sessions,
  };
}

export interface ClassHit {
  cls: CoverageClass;
  /** Why this fault counts, in plain words. */
  why: string;
}

const isControlPlane = (endpoint: string) => /^cp\d*$/.test(endpoint);
const reaches = (o: Observation, a: string, b: string) => o.reach === null || (o.reach[a] ?? []).includes(b);

/** The nodes a fault acts on: crashed, or with a link cut (a partition acts on everyone). */
function touchedNodes(command: Command, o: Observation): Set<string> | 'all' | null {
  switch (command.type) {
    case 'node.crash':
    case 'node.destroy':
      return new Set([command.node]);
    case 'rack.fail':
      return new Set(o.nodes.filter((n) => n.rack === command.rack).map((n) => n.id));
    case 'link.cut':
      return new Set([command.a, command.b]);
    case 'cluster.powerLoss':
    case 'network.partition':
      return 'all';
    default:
      return null;
  }
}

/**
 * The classes one fault covers: `before` is the run just before it fired, `after` just after (a refused fault
 * covers nothing, and is not classified).
 */
export function classifyFault(command: Command, before: Observation, after: Observation): ClassHit[] {
  const hits: ClassHit[] = [];
  if (command.type === 'link.cut') {
    const { a, b } = command;
    if (command.oneWay && after.cuts.has(`${a}→${b}`)) hits.push({ cls: 'one-way', why: `${a} → ${b} cut, ${b} → ${a} still open` });
    const bothWays = after.cuts.has(`${a}→${b}`) && after.cuts.has(`${b}→${a}`);
    if (bothWays) {
      // A node as the third party reads best (it is the #4357 shape); the control plane counts too.
      const others = Object.keys(after.reach ?? {}).filter((c) => c !== a && c !== b && reaches(after, a, c) && reaches(after, b, c));
      const third = others.find((c) => !isControlPlane(c)) ?? others[0];
      if (third !== undefined) hits.push({ cls: 'non-transitive', why: `${a} and ${b} cannot reach each other, yet both reach ${third}` });
    }
  }
  if (command.type === 'link.cut' || command.type === 'network.partition') {
    const nodeIds = after.nodes.map((n) => n.id);
    for (const cp of Object.keys(after.reach ?? {}).filter(isControlPlane)) {
      const wasConnected = nodeIds.some((n) => reaches(before, cp, n));
      if (wasConnected && !nodeIds.some((n) => reaches(after, cp, n))) hits.push({ cls: 'cp-isolation', why: `${cp} reaches no node` });
    }
  }
  const touched = touchedNodes(command, before);
  if (touched !== null) {
    const hit = (id: string) => touched === 'all' || touched.has(id);
    const replaying = before.nodes.find((n) => n.replaying && hit(n.id));
    if (replaying) hits.push({ cls: 'during-replay', why: `${replaying.id} was replaying its log` });
    const session = before.sessions.find((s) => s.participants.some(hit));
    if (session) hits.push({ cls: 'during-repair', why: `an anti-entropy session of ${session.shard} was running (${session.participants.join(', ')})` });
  }
  return hits;
}
