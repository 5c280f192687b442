import { balancedAssignment } from '../../model/balanced-assignment';
import { sourceRefusal } from '../quorum';
import { healthOf, type CopyJob, type World } from '../world';

/**
 * Which replica each queued copy reads from, planned for the whole queue at once rather than copy by copy.
 *
 * Taken one at a time, each copy grabbed the idlest replica of its shard, and replicas that many copies could
 * read from ended up sending more than their share while others sat idle: two copies on one source at half speed
 * at 1,000 nodes, 13 sends where 12 would do at 30. So the migrator plans every queued copy's source together, the
 * way it plans targets: the assignment (model/balanced-assignment.ts) that lets the busiest source finish soonest,
 * counting the copies each node already sends. A copy then waits for a slot on its planned source rather than
 * crowding another one; the plan is made again when copies are queued or a planned source can no longer serve.
 *
 * Only what cp believes counts: a replica the router lists, that the monitor believes ACTIVE and that may serve
 * (quorum/isolation.ts); corruption nobody knows of yet is found when the copy reads it. Deterministic: jobs in
 * queue order, replicas in the shard's order.
 */

/** A replica that may serve this copy as far as cp believes (busy or not). */
export function mayServe(w: World, job: CopyJob, node: number): boolean {
  const row = w.nodes[node];
  const shard = w.shards[job.shard];
  return (
    node !== job.target &&
    !job.avoidSources.includes(node) &&
    healthOf(row) === 'ACTIVE' &&
    row.registered &&
    shard.replicas.includes(node) &&
    sourceRefusal(w, shard, node) === null
  );
}

/** Keeps `w.migrator.plannedSources` current for the queued jobs: planned again only when it no longer fits. */
export function planSources(w: World, queued: readonly CopyJob[]): void {
  const plan = w.migrator.plannedSources;
  // Cheap on most pumps: one check per queued copy, and the plan stands.
  const stale = queued.some((job) => {
    const planned = plan.get(job.id);
    return planned === undefined ? w.shards[job.shard].replicas.some((r) => mayServe(w, job, r)) : !mayServe(w, job, planned);
  });
  if (!stale) return;
  const choices = queued.map((job) => w.shards[job.shard].replicas.filter((r) => mayServe(w, job, r)));
  plan.clear();
  const servable = queued.map((_, j) => j).filter((j) => choices[j].length > 0);
  const base = new Int32Array(w.nodes.length);
  for (const node of w.nodes) base[node.index] = node.activeOut;
  const assignment = balancedAssignment(
    servable.map((j) => choices[j]),
    w.nodes.map((n) => n.bandwidthBytesPerSec),
    w.shardSizeBytes,
    base,
  );
  servable.forEach((j, k) => plan.set(queued[j].id, assignment.nodeOf[k]));
  w.migrator.sourcePlanMaxPerNode = assignment.maxPerNode;
}
