import type { CopyView, LinkCut, MessageView, NodeView } from '../../../engine/index';

/**
 * What the cluster view shows about each rack when there are too many nodes
 * to draw one by one: counts, fed from the node views, copies and messages
 * only (a thousand NodeViews are cheap; shards are never iterated, so this
 * works when the store sends only some of them). Pure: no DOM, no clock.
 */

export type AggregateNode = Pick<NodeView, 'id' | 'rack' | 'up' | 'health' | 'replicaCount' | 'copiesIn' | 'copiesOut'>;

export interface AggregateInput {
  racks: readonly string[];
  nodes: readonly AggregateNode[];
  copies: readonly CopyView[];
  messages: readonly MessageView[];
  cuts: readonly LinkCut[];
}

export interface RackAggregate {
  id: string;
  /** Its nodes, in the engine's node order. */
  nodeIds: string[];
  total: number;
  /** cp's belief, one count per state: these add up to total. */
  active: number;
  suspect: number;
  dead: number;
  rejoining: number;
  /** Truth: nodes whose process is not running (crashed, restarting, destroyed). */
  processDown: number;
  suspectIds: string[];
  deadIds: string[];
  /** Down in truth while cp still believes them ACTIVE: the gap a learner should notice. */
  unnoticedDownIds: string[];
  /** Replicas the rack's nodes hold in the router's placement. */
  replicas: number;
  /** Copies in flight into and out of the rack's nodes (the node views' counts: queued copies excluded). */
  copiesIn: number;
  copiesOut: number;
  /** Copies planned for the rack's nodes that wait for a slot. */
  queuedIn: number;
  /** Nodes whose heartbeats can reach cp: process up, link to cp not cut. */
  heartbeating: number;
  /** Heartbeat messages from the rack's nodes in flight now. */
  heartbeatsInFlight: number;
}

export interface CopyFlow {
  /** Source rack, or null when a copy has no source node (rebuilt from elsewhere). */
  from: string | null;
  to: string;
  inFlight: number;
  queued: number;
}

export function aggregateRacks(input: AggregateInput): RackAggregate[] {
  const byId = new Map<string, RackAggregate>();
  const order: RackAggregate[] = [];
  const rackOf = (id: string): RackAggregate => {
    let rack = byId.get(id);
    if (!rack) {
      rack = emptyRack(id);
      byId.set(id, rack);
      order.push(rack);
    }
    return rack;
  };
  for (const id of input.racks) rackOf(id);
  const nodeRack = new Map<string, RackAggregate>();
  const cutToCp = new Set<string>();
  for (const cut of input.cuts) if (cut.to === 'cp') cutToCp.add(cut.from);

  for (const node of input.nodes) {
    const rack = rackOf(node.rack);
    nodeRack.set(node.id, rack);
    rack.nodeIds.push(node.id);
    rack.total++;
    if (node.health === 'ACTIVE') rack.active++;
    else if (node.health === 'SUSPECT') {
      rack.suspect++;
      rack.suspectIds.push(node.id);
    } else if (node.health === 'DEAD') {
      rack.dead++;
      rack.deadIds.push(node.id);
    } else rack.rejoining++;
    if (!node.up) {
      rack.processDown++;
      if (node.health === 'ACTIVE') rack.unnoticedDownIds.push(node.id);
    } else if (!cutToCp.has(node.id)) rack.heartbeating++;
    rack.replicas += node.replicaCount;
    rack.copiesIn += node.copiesIn;
    rack.copiesOut += node.copiesOut;
  }
  for (const copy of input.copies) {
    if (copy.phase === 'queued') {
      const rack = nodeRack.get(copy.target);
      if (rack) rack.queuedIn++;
    }
  }
  for (const message of input.messages) {
    if (message.to !== 'cp') continue;
    const rack = nodeRack.get(message.from);
    if (rack) rack.heartbeatsInFlight++;
  }
  return order;
}

/** Copies between racks: one flow per source rack → target rack, the biggest (in flight, then queued) first. */
export function copyFlows(input: Pick<AggregateInput, 'nodes' | 'copies'>): CopyFlow[] {
  const rackOf = new Map<string, string>();
  for (const node of input.nodes) rackOf.set(node.id, node.rack);
  const flows = new Map<string, CopyFlow>();
  for (const copy of input.copies) {
    const to = rackOf.get(copy.target);
    if (to === undefined) continue;
    const from = copy.source === null ? null : (rackOf.get(copy.source) ?? null);
    const key = `${from ?? ''}>${to}`;
    let flow = flows.get(key);
    if (!flow) {
      flow = { from, to, inFlight: 0, queued: 0 };
      flows.set(key, flow);
    }
    if (copy.phase === 'queued') flow.queued++;
    else flow.inFlight++;
  }
  // A stable order for equal counts: insertion order (the migrator's job order), kept by Array.prototype.sort.
  return [...flows.values()].sort((a, b) => b.inFlight - a.inFlight || b.queued - a.queued);
}

/** "Rack r7: 24 up, 1 dead (n4), 3 copies in, 720 replicas": every count that is not zero, beyond up. */
export function rackAriaLabel(rack: RackAggregate): string {
  const parts = [`${rack.active} up`];
  if (rack.unnoticedDownIds.length > 0) {
    const n = rack.unnoticedDownIds.length;
    parts.push(`${n} ${n === 1 ? 'process' : 'processes'} down that cp has not noticed (${idList(rack.unnoticedDownIds)})`);
  }
  if (rack.suspect > 0) parts.push(`${rack.suspect} suspect (${idList(rack.suspectIds)})`);
  if (rack.dead > 0) parts.push(`${rack.dead} dead (${idList(rack.deadIds)})`);
  if (rack.rejoining > 0) parts.push(`${rack.rejoining} rejoining`);
  if (rack.copiesIn > 0) parts.push(`${rack.copiesIn} ${rack.copiesIn === 1 ? 'copy' : 'copies'} in`);
  if (rack.copiesOut > 0) parts.push(`${rack.copiesOut} ${rack.copiesOut === 1 ? 'copy' : 'copies'} out`);
  if (rack.queuedIn > 0) parts.push(`${rack.queuedIn} queued`);
  parts.push(`${rack.replicas} ${rack.replicas === 1 ? 'replica' : 'replicas'}`);
  return `Rack ${rack.id}: ${parts.join(', ')}`;
}

/** "n4", "n7, n47, n87 and 22 more": a short list a tile or a label can carry. */
export function idList(ids: readonly string[], shown = 3): string {
  if (ids.length <= shown) return ids.join(', ');
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

/** A node by what a learner types: "n317", "317", " N317 ". */
export function findNode<T extends { id: string }>(nodes: readonly T[], query: string): T | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  const id = /^\d+$/.test(q) ? `n${q}` : q;
  return nodes.find((n) => n.id.toLowerCase() === id) ?? null;
}

function emptyRack(id: string): RackAggregate {
  return {
    id,
    nodeIds: [],
    total: 0,
    active: 0,
    suspect: 0,
    dead: 0,
    rejoining: 0,
    processDown: 0,
    suspectIds: [],
    deadIds: [],
    unnoticedDownIds: [],
    replicas: 0,
    copiesIn: 0,
    copiesOut: 0,
    queuedIn: 0,
    heartbeating: 0,
    heartbeatsInFlight: 0,
  };
}
