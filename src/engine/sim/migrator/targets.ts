import { chooseTargetIn, type CandidateTable } from '../../model/placement';
import type { TargetChoice } from '../../types';
import { healthOf, type NodeRow, type ShardRow, type World } from '../world';

/** Where a new replica goes: the placement rules applied to the nodes as the monitor believes them. */

/**
 * Chooses where a new replica of `shard` goes, honouring the job's avoid list.
 * `forMigrator` false is the coordinator's placement view (failover step 3):
 * whether the migrator can reach the node is step 4's question, not this one.
 */
export function planTarget(
  w: World,
  shard: ShardRow,
  avoidTargets: readonly number[] = [],
  alsoIncoming: readonly number[] = [],
  forMigrator = true,
): TargetChoice {
  const incomingForShard = new Set(shard.jobs.map((id) => w.migrator.jobs.get(id)?.target ?? -1));
  for (const t of alsoIncoming) incomingForShard.add(t);
  const holders = new Set(shard.replicas);
  const occupiedRacks = new Set(shard.replicas.map((n) => w.nodes[n].rackIndex));
  for (const t of incomingForShard) if (t >= 0) occupiedRacks.add(w.nodes[t].rackIndex);
  // Read in place, node by node (chooseTargetIn): no record per candidate.
  const nodes = w.nodes;
  // isQuarantined's record for this shard, looked up once rather than once per node.
  const quarantined = w.corruption.quarantined.get(shard.index);
  const candidates: CandidateTable = {
    size: nodes.length,
    id: (i) => nodes[i].id,
    rack: (i) => nodes[i].rack,
    rackIndex: (i) => nodes[i].rackIndex,
    incoming: (i) => nodes[i].incoming,
    // The copy queues behind those already coming in; the node's ingress is its rebuild bandwidth.
    landsInMs: (i) => Math.ceil((((nodes[i].incoming + 1) * w.shardSizeBytes) / nodes[i].bandwidthBytesPerSec) * 1000),
    held: (i) => nodes[i].placed.size,
    // The node keeping a removed corrupt copy until the shard is whole again takes no new one meanwhile.
    hardRejection: (i) =>
      quarantined?.has(nodes[i].index) ? 'holds a corrupt copy of this shard' : hardRejection(nodes[i], holders, incomingForShard, avoidTargets, forMigrator),
  };
  const choice = chooseTargetIn(
    shard.id,
    candidates,
    occupiedRacks,
    w.random.get(`placement:tie:${shard.id}`),
    w.nowMs,
  );
  w.migrator.explanations.set(shard.index, choice);
  return choice;
}

function hardRejection(
  node: NodeRow,
  holders: ReadonlySet<number>,
  incomingForShard: ReadonlySet<number>,
  avoid: readonly number[],
  forMigrator: boolean,
): string | null {
  if (holders.has(node.index)) return 'holds a replica';
  if (incomingForShard.has(node.index)) return 'already receiving a copy of this shard';
  const health = healthOf(node);
  if (health !== 'ACTIVE') return `not ACTIVE: the monitor says ${health}`;
  if (forMigrator && !node.registered) return 'not registered with the migrator';
  if (avoid.includes(node.index)) return 'a copy to it failed';
  return null;
}
