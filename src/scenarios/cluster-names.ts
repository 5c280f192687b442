import { cpMemberIds, type ClusterNames, type NodeSpec } from '../engine/index';

/** The node and rack ids of a scenario's cluster, racks in order of first use, for command checks. */
export function clusterNamesOf(scenario: { nodes: readonly NodeSpec[]; controlPlane?: { members?: 1 | 3 } }): ClusterNames {
  const rackIds: string[] = [];
  const seen = new Set<string>();
  for (const node of scenario.nodes) {
    if (!seen.has(node.rack)) {
      seen.add(node.rack);
      rackIds.push(node.rack);
    }
  }
  return { nodeIds: scenario.nodes.map((node) => node.id), rackIds, cpMembers: cpMemberIds(scenario.controlPlane?.members ?? 1) };
}
