import type { LinkCut, MonitorBelief, NodeLifecycle, NodeView } from '../../engine/index';

/**
 * The words the cluster view puts on nodes and links. Pure, so the wording
 * is tested without a browser and the view, tooltips and aria-labels agree.
 * Colour is never the only signal: every state has a word and an icon.
 */

export const BELIEF_WORD: Record<MonitorBelief, string> = {
  ACTIVE: 'ACTIVE',
  SUSPECT: 'SUSPECT',
  DEAD: 'DEAD',
  REJOINING: 'REJOINING',
};

/** The truth about the process, as the node box prints it. */
export const TRUTH_WORD: Record<NodeLifecycle, string> = {
  up: 'up',
  crashed: 'crashed',
  restarting: 'restarting',
  destroyed: 'destroyed',
};

export function truthLine(node: Pick<NodeView, 'lifecycle'>): string {
  return node.lifecycle === 'destroyed' ? 'node destroyed' : `process ${TRUTH_WORD[node.lifecycle]}`;
}

/** Seconds until the monitor declares a SUSPECT node DEAD, or null. */
export function deadInMs(node: Pick<NodeView, 'health' | 'deadAtMs'>, nowMs: number): number | null {
  if (node.health !== 'SUSPECT' || node.deadAtMs === null) return null;
  return Math.max(0, node.deadAtMs - nowMs);
}

export function formatCountdown(ms: number): string {
  return `${(Math.ceil(ms / 100) / 10).toFixed(1)} s`;
}

/**
 * The one-line lesson a node box adds when truth and belief disagree (or the
 * countdown while SUSPECT). Empty when there is nothing to add.
 */
export function gapNote(
  node: Pick<NodeView, 'health' | 'deadAtMs' | 'up' | 'lifecycle'>,
  nowMs: number,
  heartbeatsCut = false,
): string {
  const deadIn = deadInMs(node, nowMs);
  if (deadIn !== null) return `DEAD in ${formatCountdown(deadIn)}`;
  if (node.health === 'ACTIVE' && !node.up) return "cp hasn't noticed";
  if (node.health === 'DEAD' && node.up) return 'alive, but unheard';
  if (node.health === 'ACTIVE' && heartbeatsCut) return 'heartbeats cut off';
  if (node.health === 'REJOINING') return 'resyncing';
  return '';
}

export function replicasText(count: number): string {
  return `${count} ${count === 1 ? 'shard' : 'shards'}`;
}

export function copiesText(node: Pick<NodeView, 'copiesIn' | 'copiesOut'>): string {
  const parts: string[] = [];
  if (node.copiesIn > 0) parts.push(`↓${node.copiesIn} in`);
  if (node.copiesOut > 0) parts.push(`↑${node.copiesOut} out`);
  return parts.join(' ');
}

export function nodeAriaLabel(node: Pick<NodeView, 'id' | 'lifecycle' | 'health' | 'replicaCount'>): string {
  const truth = node.lifecycle === 'destroyed' ? 'node destroyed' : `process ${TRUTH_WORD[node.lifecycle]}`;
  return `${node.id}: ${truth}, monitor says ${node.health}, ${node.replicaCount} ${node.replicaCount === 1 ? 'replica' : 'replicas'}`;
}

/** The hover text: everything a compact box leaves out. */
export function nodeTitle(node: NodeView, nowMs: number, shardRole: 'primary' | 'replica' | null, shard: string | null): string {
  const lines = [`${node.id} · rack ${node.rack}`, `Truth: ${truthLine(node)}`, `cp believes: ${node.health}`];
  const note = gapNote(node, nowMs);
  if (note) lines.push(note);
  lines.push(`${node.replicaCount} ${node.replicaCount === 1 ? 'replica' : 'replicas'}`);
  if (node.copiesIn + node.copiesOut > 0) lines.push(`Copies: ${node.copiesIn} in, ${node.copiesOut} out`);
  if (!node.registered) lines.push('Not registered with the migrator');
  if (shardRole && shard) lines.push(`Holds ${shard} (${shardRole})`);
  lines.push('Click to inspect');
  return lines.join('\n');
}

// ---------------------------------------------------------------- links

export type LinkState = 'up' | 'cut' | 'cut-ab' | 'cut-ba';

/** Directed cuts as a set of `from>to`. */
export function cutSet(cuts: readonly LinkCut[]): Set<string> {
  const set = new Set<string>();
  for (const c of cuts) set.add(`${c.from}>${c.to}`);
  return set;
}

/** The state of the link a–b: up, cut both ways, or cut one way (a→b or b→a). */
export function linkState(cuts: ReadonlySet<string>, a: string, b: string): LinkState {
  if (cuts.size === 0) return 'up';
  const ab = cuts.has(`${a}>${b}`);
  const ba = cuts.has(`${b}>${a}`);
  if (ab && ba) return 'cut';
  if (ab) return 'cut-ab';
  if (ba) return 'cut-ba';
  return 'up';
}

/** "cut", "n3→cp cut": what the marker on a cut link says. */
export function cutWord(state: LinkState, a: string, b: string): string {
  if (state === 'cut-ab') return `${a}→${b} cut`;
  if (state === 'cut-ba') return `${b}→${a} cut`;
  return 'cut';
}

export function linkAriaLabel(state: LinkState, a: string, b: string): string {
  if (state === 'up') return `Link ${a}–${b}: up. Press to cut`;
  if (state === 'cut') return `Link ${a}–${b}: cut. Press to heal`;
  return `Link ${a}–${b}: cut one way (${cutWord(state, a, b).replace(' cut', '')}). Press to heal`;
}
