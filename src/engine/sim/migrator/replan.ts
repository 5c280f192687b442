import { believedWhole, cpActing } from '../control-plane/journal';
import { enqueueJob, NO_FAILOVER } from './jobs';
import { pumpCopies } from './start-copies';
import { planTarget } from './targets';
import { healthOf, listSome, record, setWaiting, type NodeRow, type ShardRow, type World } from '../world';

/** Failover steps during which the path itself will plan the shards of the node it is handling (steps 1–3). */
const PATH_STILL_PLANNING: ReadonlySet<string> = new Set([
  'removingFromRouter',
  'removingFromCoordinator',
  'waitingGrace',
  'computingTargets',
]);

/**
 * Short shards nobody is working on: under RF counting the copies queued or
 * running and the copies of returning nodes, with a replica to copy
 * from, and not in the hands of a failover path that has yet to plan them.
 * Whatever the shard's last "waiting" note says (no target then, callback-only
 * fallback, a node that came back in its grace period): that was the reason
 * at the time, and the migrator looks again whenever something changes.
 */
function shardsNeedingPlan(w: World, returning: readonly NodeRow[]): ShardRow[] {
  const pathPlans = PATH_STILL_PLANNING.has(String(w.failoverPath.machine.value)) ? new Set(w.failoverPath.affectedShards) : null;
  return [...w.affected.values()].filter(
    (s) =>
      s.machine !== null &&
      s.machine.value !== 'lost' &&
      s.replicas.length > 0 &&
      !believedWhole(w, s.index) &&
      !(pathPlans?.has(s.index) ?? false) &&
      covered(s, returning) < w.replicationFactor,
  );
}

/**
 * Copies the shard has or will have without a new plan: listed replicas,
 * copies queued or running, and copies on the disk of a node that is
 * REJOINING (told in its resync handshake; they are listed again once caught
 * up — re-homing them anyway would throw away what the grace period saved).
 */
function covered(shard: ShardRow, returning: readonly NodeRow[]): number {
  let coming = 0;
  for (const node of returning) if (node.disk.has(shard.index) && !shard.replicas.includes(node.index)) coming++;
  return shard.replicas.length + shard.jobs.length + coming;
}

/** The REJOINING nodes, listed once per re-plan rather than once per shard (1,000 nodes × 100,000 shards). */
const rejoiningNodes = (w: World): NodeRow[] => w.nodes.filter((node) => healthOf(node) === 'REJOINING');

/**
 * Plans again for under-replicated shards with no copy covering them, e.g.
 * after a node became ACTIVE or re-replication was switched back on. `why`
 * says what changed, for the log.
 */
/** `failoverOf`: shard index → the failover path a new copy of that shard counts toward (default none). */
export function replanWaitingShards(w: World, why: string, failoverOf?: ReadonlyMap<number, number>): void {
  if (!w.failover.autoReReplicate || !w.failoverPath.machine.context.migratorHasNodes) return;
  // No control-plane leader that has applied the journal: re-homing plans wait (design §8.3).
  if (!cpActing(w)) return;
  const returning = rejoiningNodes(w);
  const waiting = shardsNeedingPlan(w, returning);
  if (waiting.length === 0) return;
  const planned: string[] = [];
  for (const shard of waiting) {
    while (covered(shard, returning) < w.replicationFactor) {
      const choice = planTarget(w, shard);
      if (choice.target === null) {
        setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
        break;
      }
      enqueueJob(w, shard, w.nodeIndexById.get(choice.target)!, failoverOf?.get(shard.index) ?? NO_FAILOVER);
      planned.push(`${shard.id} → ${choice.target}`);
    }
  }
  if (planned.length > 0) {
    record(
      w,
      'migrator',
      'migrator.replanned',
      `The migrator looks again at shards still short of replicas because ${why}: ${planned.length} new copy(ies) ` +
        `planned (${listSome(planned)}).`,
      'info',
      { reason: why, planned: planned.length },
    );
    pumpCopies(w);
  }
}
