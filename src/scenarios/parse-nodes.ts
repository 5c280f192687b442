import { PARAM_RANGES, describeRange, inRange, describeValue, CONTROL_PLANE, type NodeSpec } from '../engine/index';
import { SCENARIO_LIMITS } from './defaults';
import {
  NAME_PATTERN,
  NAME_RULE,
  isRecord,
  isWholeNumber,
  reportUnknownFields,
  type Problems,
} from './field-checks';

/**
 * `nodes` (a count or a list) and `racks` (only with a count) → the node
 * list. A count deals n1…nN over r1…rR in turn, so with 9 nodes and 3 racks
 * rack r1 holds n1, n4 and n7: neighbours in number are never rack-mates.
 */

const NODE_FIELDS = ['id', 'rack', 'rebuildBytesPerSec'];
const { maxNodes } = SCENARIO_LIMITS;
const REBUILD_RATE = PARAM_RANGES.rebuildBytesPerSecPerNode;

/** Returns the node list, or null when `nodes` itself is unusable (the problems say why). */
export function parseNodes(nodes: unknown, racks: unknown, problems: Problems): NodeSpec[] | null {
  if (nodes === undefined) {
    problems.push('nodes: required — a node count (e.g. 6) or a list of {"id", "rack"}');
    if (racks !== undefined) checkRackCount(racks, maxNodes, problems);
    return null;
  }
  if (typeof nodes === 'number') return dealNodes(nodes, racks, problems);
  if (Array.isArray(nodes)) {
    if (racks !== undefined) {
      problems.push('racks: only allowed when "nodes" is a count; in a node list each node names its own rack');
    }
    return listNodes(nodes, problems);
  }
  problems.push(`nodes: must be a node count or a list of {"id", "rack"}, got ${describeValue(nodes)}`);
  return null;
}

function dealNodes(count: number, racks: unknown, problems: Problems): NodeSpec[] | null {
  if (!isWholeNumber(count, 1, Infinity)) {
    problems.push(`nodes: must be a whole number from 1 to ${maxNodes}, or a list of {"id", "rack"}, got ${count}`);
    if (racks !== undefined) checkRackCount(racks, maxNodes, problems);
    return null;
  }
  if (count > maxNodes) {
    problems.push(`nodes: ${count} nodes is more than this console can simulate (at most ${maxNodes})`);
    return null;
  }
  const rackCount = racks === undefined ? count : checkRackCount(racks, count, problems);
  if (rackCount === null) return null;
  return Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, rack: `r${(i % rackCount) + 1}` }));
}

function checkRackCount(racks: unknown, nodeCount: number, problems: Problems): number | null {
  if (isWholeNumber(racks, 1, nodeCount)) return racks;
  const range = nodeCount === 1 ? 'exactly 1' : `a whole number from 1 to ${nodeCount}`;
  problems.push(`racks: must be ${range} (racks cannot outnumber nodes), got ${describeValue(racks)}`);
  return null;
}

function listNodes(list: unknown[], problems: Problems): NodeSpec[] | null {
  if (list.length === 0) {
    problems.push('nodes: the list is empty; a cluster needs at least one node');
    return null;
  }
  if (list.length > maxNodes) {
    problems.push(`nodes: ${list.length} nodes is more than this console can simulate (at most ${maxNodes})`);
    return null;
  }
  const before = problems.length;
  const firstIndexOf = new Map<string, number>();
  const nodes: NodeSpec[] = [];
  list.forEach((entry, i) => {
    const at = `nodes[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at}: must be an object like {"id": "n1", "rack": "r1"}, got ${describeValue(entry)}`);
      return;
    }
    reportUnknownFields(entry, NODE_FIELDS, `${at}.`, problems);
    const id = checkName(entry.id, `${at}.id`, problems);
    const rack = checkName(entry.rack, `${at}.rack`, problems);
    if (id !== null) {
      const first = firstIndexOf.get(id);
      if (first !== undefined) problems.push(`${at}.id: "${id}" is already used by nodes[${first}]`);
      else firstIndexOf.set(id, i);
    }
    const rate = entry.rebuildBytesPerSec;
    if (rate !== undefined && !inRange(rate, REBUILD_RATE)) {
      problems.push(`${at}.rebuildBytesPerSec: must be ${describeRange(REBUILD_RATE)}, got ${describeValue(rate)}`);
    }
    if (id !== null && rack !== null) {
      nodes.push(rate === undefined ? { id, rack } : { id, rack, rebuildBytesPerSec: rate as number });
    }
  });
  return problems.length === before ? nodes : null;
}

function checkName(value: unknown, path: string, problems: Problems): string | null {
  if (value === undefined) {
    problems.push(`${path}: required`);
    return null;
  }
  if (value === CONTROL_PLANE) {
    problems.push(`${path}: "cp" is reserved for the control plane`);
    return null;
  }
  if (typeof value !== 'string' || !NAME_PATTERN.test(value)) {
    problems.push(`${path}: must be ${NAME_RULE}, got ${describeValue(value)}`);
    return null;
  }
  return value;
}
