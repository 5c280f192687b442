import { shardNotWhole } from './healthy-truth';
import { handBackPending } from './quorum';
import { healthOf, isUp, lifecycleOf, listSome, type World } from './world';

/**
 * The run targets a learner can wait for, `healthy`, `idle` and `converged`, and the
 * words for why a run did not reach `healthy` (or `converged`). Asked before every event by
 * runUntil, so each check keeps what it learned between calls (one per run).
 */
export class RunTargets {
  private healthyCache = { version: -1, settled: false };

  /**
   * Every timeline command fired, every shard at RF with nothing in flight and a primary, every live node
   * ACTIVE, and every shard whose configured primary can lead it again (a listed voter that answers cp and
   * reaches a majority) led by it: the hand-back is part of recovering.
   */
  isHealthy(w: World): boolean {
    if (w.pendingTimeline > 0 || w.affected.size > 0 || w.migrator.jobs.size > 0 || w.quorum.primaryless.size > 0) return false;
    if (!this.nodesSettled(w)) return false;
    // Checked last: only near the end of a recovery do the cheaper conditions all hold.
    return this.everyShardSettled(w);
  }

  /**
   * Each shard's truth (healthy-truth.ts) and its hand-back, scanned in a circle from the last shard
   * found wanting: runUntil asks before every event, so a long wait on one shard (a voter
   * backfilling) costs one shard per event, not a pass over 100,000.
   */
  private wantingAt = 0;
  private everyShardSettled(w: World): boolean {
    const { shards } = w;
    const handBacks = handBacksMatter(w);
    for (let k = 0; k < shards.length; k++) {
      const i = (this.wantingAt + k) % shards.length;
      if ((handBacks && handBackPending(w, shards[i])) || shardNotWhole(w, shards[i]) !== null) {
        this.wantingAt = i;
        return false;
      }
    }
    return true;
  }

  private nodesSettled(w: World): boolean {
    if (this.healthyCache.version !== w.nodesVersion) {
      this.healthyCache = {
        version: w.nodesVersion,
        settled: w.nodes.every((n) =>
          isUp(n) ? healthOf(n) === 'ACTIVE' : n.placed.size === 0 && (healthOf(n) === 'DEAD' || n.life.value === 'destroyed'),
        ),
      };
    }
    return this.healthyCache.settled;
  }

  /**
   * Nothing queued but heartbeats (and client traffic), and the monitor has drawn every conclusion it will
   * draw: a node cp hears is ACTIVE, or REJOINING with a backfill nothing queued can bring (its copies wait
   * for a source to become reachable); a node it does not hear is DEAD.
   */
  isIdle(w: World): boolean {
    if (w.nonPeriodicPending > 0) return false;
    return w.nodes.every((n) => {
      const reachable = isUp(n) && w.network.canSend(n.id, 'cp');
      return reachable ? healthOf(n) === 'ACTIVE' || healthOf(n) === 'REJOINING' : healthOf(n) === 'DEAD';
    });
  }

  /**
   * `healthy`, and every replica agrees with every other (design recovery-repair.md §11.5): no node recovering, no
   * corruption known or true, no stale key anywhere (truth), no hint waiting for delivery. With no stale key, every
   * replica's Merkle tree is the one every other replica of its shard has: their roots are equal.
   */
  isConverged(w: World): boolean {
    // Asked before every event: the cheap counters first, words only when asked why not.
    if (w.divergence.staleKeysTruth > 0 || w.divergence.counters.hintsPending > 0) return false;
    if (w.corruption.truth.size > 0 || w.corruption.known.size > 0) return false;
    // `healthy` before the recovering nodes: its cheap counters decide most events, and its node pass is cached.
    return this.isHealthy(w) && !w.nodes.some((n) => lifecycleOf(n) === 'restarting');
  }

  /** Why the replicas do not yet agree (the conditions beyond `healthy`), or null when they do. Cheap checks first. */
  private convergedWithoutHealth(w: World): string | null {
    if (w.divergence.staleKeysTruth > 0) return `${w.divergence.staleKeysTruth} stale key(s) on ${w.divergence.byShard.size} shard(s)`;
    if (w.divergence.counters.hintsPending > 0) return `${w.divergence.counters.hintsPending} hint(s) not yet delivered`;
    if (w.corruption.truth.size > 0 || w.corruption.known.size > 0) {
      let n = 0;
      for (const m of w.corruption.truth.values()) n += m.size;
      return `${n} corrupt replica(s)${w.corruption.known.size > 0 ? ' (some known to cp)' : ''}`;
    }
    const recovering = w.nodes.filter((n) => lifecycleOf(n) === 'restarting');
    if (recovering.length > 0) return `node(s) still recovering: ${listSome(recovering.map((n) => n.id))}`;
    return null;
  }

  whyNotConverged(w: World): string {
    const why = this.convergedWithoutHealth(w);
    if (why !== null) return why;
    return this.isHealthy(w) ? 'the condition never held' : this.whyNotHealthy(w);
  }

  whyNotHealthy(w: World): string {
    const reasons: string[] = [];
    if (w.pendingTimeline > 0) reasons.push(`${w.pendingTimeline} scenario command(s) not yet fired`);
    const lost = [...w.affected.values()].filter((s) => s.machine?.value === 'lost').length;
    if (lost > 0) reasons.push(`${lost} shard(s) lost`);
    const under = w.affected.size - lost;
    if (under > 0) reasons.push(`${under} shard(s) under-replicated`);
    if (w.migrator.jobs.size > 0) reasons.push(`${w.migrator.jobs.size} copy job(s) pending`);
    if (w.quorum.primaryless.size > 0) reasons.push(`${w.quorum.primaryless.size} shard(s) without a primary`);
    const unsettled = w.nodes.filter((n) => (isUp(n) ? healthOf(n) !== 'ACTIVE' : n.placed.size > 0));
    if (unsettled.length > 0)
      reasons.push(
        `node(s) not settled: ${unsettled
          .map((n) => {
            const backfilling = w.rejoining.byNode.get(n.index) ?? 0;
            return `${n.id} ${healthOf(n)}${backfilling > 0 ? ` (${backfilling} copy(ies) still to backfill)` : ''}`;
          })
          .join(', ')}`,
      );
    const handBacks = handBacksMatter(w) ? w.shards.filter((s) => handBackPending(w, s)) : [];
    if (handBacks.length > 0)
      reasons.push(
        `${handBacks.length} shard(s) not yet led by their configured primary again ` +
          `(${listSome(handBacks.map((s) => `${s.id} → ${w.nodes[s.configuredPrimary].id}`))})`,
      );
    if (reasons.length === 0) {
      const notWhole = w.shards.map((s) => shardNotWhole(w, s)).filter((why) => why !== null);
      if (notWhole.length > 0) reasons.push(`${notWhole.length} shard(s) not whole (${listSome(notWhole)})`);
    }
    return reasons.length > 0 ? reasons.join('; ') : 'the condition never held';
  }
}

/**
 * Leaderless replication sends every write to every replica through any coordinator: no replica leads, so the primary
 * the quorum machinery still names is never handed back, and waiting for it would never end.
 */
function handBacksMatter(w: World): boolean {
  return w.params.replication !== 'leaderless';
}
