import { parseCommand } from './command-shape';
import { didYouMean } from './did-you-mean';
import { describeIds } from './problem-text';
import { listProblems } from './shape-problems';
import { SETTABLE_PATH_NAMES, checkSettable } from './settable-paths';
import { CONTROL_PLANE, type Command, type NodeId, type RackId } from './types';

/**
 * Cluster checks for well-formed commands: do the nodes, racks, endpoints and
 * settings they name exist in this cluster, and do they make sense together
 * (a link has two different ends, an endpoint sits on one side of a partition)?
 */

/** The names a cluster knows, for `checkCommandAgainstCluster`. */
export interface ClusterNames {
  nodeIds: readonly NodeId[];
  rackIds: readonly RackId[];
  /** The control plane's members when it is a group (cp1…cp3): endpoints of their own; absent or empty = one "cp". */
  cpMembers?: readonly string[];
}

/**
 * Checks a command's shape, then the names it uses against this cluster. Returns
 * null when it may be applied, else every problem joined with "; ".
 * (Checks that need live values, such as suspectAfterMs < deadAfterMs after
 * a config.set, belong to the engine.)
 */
export function checkCommandAgainstCluster(command: Command, cluster: ClusterNames): string | null {
  // Typed callers cannot build a badly shaped command, but untyped ones can (the
  // driver API called from a page, plain JS), and this is the check every command
  // the engine applies passes: so the one shape check runs here too.
  const shape = parseCommand(command);
  if (!shape.ok) return shape.error;
  const problems = clusterProblems(command, cluster);
  if (problems.length === 0) return null;
  return listProblems(problems.map((p) => `${command.type}: ${p}`)).join('; ');
}

function clusterProblems(command: Command, cluster: ClusterNames): string[] {
  const nodes = new Set(cluster.nodeIds);
  // Said only in a problem, and then the same for every one: worked out once, when first needed.
  let nodeListText: string | undefined;
  const nodeList = () => (nodeListText ??= `this cluster has ${describeIds(cluster.nodeIds)}`);
  const nodeProblem = (id: string): string | null => {
    if (nodes.has(id)) return null;
    if (id === CONTROL_PLANE) return `"cp" is the control plane, not a node (${nodeList()})`;
    return `unknown node "${id}"${caseHint(id, cluster.nodeIds)} (${nodeList()})`;
  };
  const members = cluster.cpMembers ?? [];
  const endpointProblem = (id: string): string | null =>
    id === CONTROL_PLANE || nodes.has(id) || members.includes(id)
      ? null
      : `unknown endpoint "${id}" (${nodeList()}, plus "cp" for the control plane${members.length > 0 ? ` or one of its members ${members.join(', ')}` : ''})`;
  const memberProblem = (id: string): string | null => {
    if (members.length === 0) return `this cluster's control plane has one member ("cp"), which cannot crash; cut its links to take it away`;
    return members.includes(id) ? null : `unknown control-plane member "${id}" (this cluster has ${members.join(', ')})`;
  };
  const present = (...items: (string | null)[]) => items.filter((p): p is string => p !== null);

  switch (command.type) {
    case 'node.crash':
    case 'node.restart':
    case 'node.destroy':
    case 'node.rebuild':
    case 'node.checkpoint':
    case 'wal.corrupt':
      return present(nodeProblem(command.node));
    case 'link.cut':
    case 'link.heal':
      return present(
        endpointProblem(command.a),
        endpointProblem(command.b),
        command.a === command.b ? `both ends are "${command.a}"; a link joins two different endpoints` : null,
      );
    case 'network.partition':
      return partitionProblems(command.groups, endpointProblem);
    case 'network.heal':
    case 'cluster.powerLoss':
      return [];
    case 'rack.fail':
      return cluster.rackIds.includes(command.rack)
        ? []
        : [
            `unknown rack "${command.rack}"${caseHint(command.rack, cluster.rackIds)} (this cluster has ${describeIds(cluster.rackIds)})`,
          ];
    case 'config.set':
      return present(configProblem(command.path, command.value, cluster.nodeIds));
    case 'workload.set':
      return [];
    case 'shard.emergencyRepair':
      // Whether the shard exists and needs repair depends on the run; the engine checks it.
      return [];
    case 'replica.corrupt':
    case 'disk.corrupt':
      // Whether the node holds the shard depends on the run; the engine checks it.
      return present(nodeProblem(command.node));
    case 'scrub.run':
    case 'shard.repair':
      return [];
    case 'repair.run':
      // Whether the shard exists, and the node holds it, depends on the run; the engine checks it.
      return command.node === undefined ? [] : present(nodeProblem(command.node));
    case 'cp.crash':
    case 'cp.restart':
      return present(memberProblem(command.member));
    case 'txn.run':
    case 'txn.resolve':
    case 'backup.take':
    case 'cluster.restore':
      // Shards, transactions and backups are the run's: the engine checks them.
      return [];
  }
}

/**
 * Ids are short and alike (n2, n12, n42), so edit distance would suggest
 * nonsense; only a difference of letter case gets a hint.
 */
function caseHint(id: string, known: readonly string[]): string {
  const match = known.find((k) => k.toLowerCase() === id.toLowerCase());
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

function partitionProblems(groups: readonly NodeId[][], endpointProblem: (id: string) => string | null): string[] {
  if (groups.length === 0) return ['needs at least one group of endpoints'];
  const problems: string[] = [];
  const groupOf = new Map<string, number>();
  for (const [g, group] of groups.entries()) {
    if (group.length === 0) problems.push(`group ${g + 1} is empty; every group needs at least one endpoint`);
    for (const id of group) {
      const problem = endpointProblem(id);
      if (problem) problems.push(problem);
      const earlier = groupOf.get(id);
      if (earlier === undefined) groupOf.set(id, g);
      else if (earlier === g) problems.push(`"${id}" is listed twice in group ${g + 1}`);
      else problems.push(`"${id}" is in both group ${earlier + 1} and group ${g + 1}; an endpoint can be on one side only`);
    }
  }
  return problems;
}

function configProblem(path: string, value: unknown, nodeIds: readonly NodeId[]): string | null {
  if (!SETTABLE_PATH_NAMES.includes(path)) {
    const hint = didYouMean(path, SETTABLE_PATH_NAMES);
    return `unknown path "${path}"${hint}; settable: ${SETTABLE_PATH_NAMES.join(', ')}`;
  }
  const problem = checkSettable(path, value, nodeIds);
  return problem === null ? null : `${path} ${problem}`;
}
