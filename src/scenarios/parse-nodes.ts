import { MAX_REPLICAS, describeValue, type NodeSpec } from '../engine/index';
import { DEFAULT_REPLICATION_FACTOR } from './defaults';
import { isWholeNumber, problemAt, type Problems, type Soundness } from './field-checks';

/**
 * `nodes` (a count or a list) and `racks` (only with a count) → the node
 * list. A count deals n1…nN over r1…rR in turn, so with 9 nodes and 3 racks
 * rack r1 holds n1, n4 and n7: neighbours in number are never rack-mates.
 * The schema has judged each value; here: racks against the count, node ids
 * against each other, RF against the node count.
 */

/** The node list, or null when `nodes` (or `racks`) is unusable; the problems say why. */
export function checkNodes(file: Record<string, unknown>, ok: Soundness, problems: Problems): NodeSpec[] | null {
  const { nodes, racks } = file;
  if (Array.isArray(nodes)) {
    if (racks !== undefined) {
      // Read first among the node problems: it says the whole list is written differently.
      const rule = 'only allowed when "nodes" is a count; in a node list each node names its own rack';
      problems.push(problemAt(['racks'], rule, { orderPath: ['nodes'], lead: true }));
    }
    return ok.typed(['nodes']) ? listNodes(nodes as NodeSpec[], ok, problems) : null;
  }
  if (!ok.whole(['nodes'])) return null;
  const count = nodes as number;
  if (racks === undefined) return deal(count, count);
  // The schema's racks problem (if any) was dropped: with a known count, racks is judged here against it.
  if (!isWholeNumber(racks, 1, count)) {
    const range = count === 1 ? 'exactly 1' : `a whole number from 1 to ${count}`;
    problems.push(problemAt(['racks'], `must be ${range} (racks cannot outnumber nodes), got ${describeValue(racks)}`));
    return null;
  }
  return deal(count, racks);
}

function deal(count: number, rackCount: number): NodeSpec[] {
  return Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, rack: `r${(i % rackCount) + 1}` }));
}

/** A node id used twice is named at its second use; the list is usable only when all of it is. */
function listNodes(list: NodeSpec[], ok: Soundness, problems: Problems): NodeSpec[] | null {
  const before = problems.length;
  const firstIndexOf = new Map<string, number>();
  list.forEach((node, i) => {
    if (!ok.whole(['nodes', i, 'id'])) return;
    const first = firstIndexOf.get(node.id);
    if (first === undefined) firstIndexOf.set(node.id, i);
    else problems.push(problemAt(['nodes', i, 'id'], `"${node.id}" is already used by nodes[${first}]`, { orderPath: ['nodes', i] }));
  });
  return ok.whole(['nodes']) && problems.length === before ? list : null;
}

/**
 * The replication factor (default 3) when each copy can have a node of its own
 * and the copies in all (shards × RF) stay within MAX_REPLICAS, else null.
 * `nodeCount` and `shards` are null when those fields are unusable.
 */
export function checkReplicationFactor(
  file: Record<string, unknown>,
  ok: Soundness,
  { nodeCount, shards }: { nodeCount: number | null; shards: number | null },
  problems: Problems,
): number | null {
  if (!ok.whole(['replicationFactor'])) return null;
  const rf = (file.replicationFactor as number | undefined) ?? DEFAULT_REPLICATION_FACTOR;
  const given = file.replicationFactor === undefined ? ' (the default)' : '';
  const tooMany = shards !== null && shards * rf > MAX_REPLICAS;
  if (tooMany) {
    // Building a run, every re-plan after a failure and every digest walk all the copies.
    problems.push(
      problemAt(
        ['replicationFactor'],
        `${shards} shards × RF ${rf}${given} = ${shards * rf} replicas, more than the limit of ${MAX_REPLICAS} ` +
          `(e.g. ${MAX_REPLICAS / DEFAULT_REPLICATION_FACTOR} shards at RF ${DEFAULT_REPLICATION_FACTOR}); use fewer shards or a lower replicationFactor`,
      ),
    );
  }
  if (nodeCount === null || rf <= nodeCount) return tooMany ? null : rf;
  problems.push(
    problemAt(
      ['replicationFactor'],
      `impossible RF ${rf}${given}: the cluster has only ${nodeCount} node${nodeCount === 1 ? '' : 's'} ` +
        'and each copy of a shard needs a node of its own',
    ),
  );
  return null;
}
