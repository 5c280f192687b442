import { sendPrimaryEvent, setPrimary } from './elections';
import { clientsWrite, tell } from './news';
import { reachableVoters, respondsToCp } from './reach';
import { majorityOf } from './write-quorum';
import { leaderOf, type ShardRow, type World } from '../world';

/** The configured primary takes its role back once it returns and catches up: the acting one steps aside first. */

/** The configured primary could lead the shard again: a voter the router lists, answering cp, reaching a majority of the voters. */
function homeCanLead(w: World, shard: ShardRow): boolean {
  const home = shard.configuredPrimary;
  if (home < 0 || home === shard.primary || !shard.voters.includes(home) || !shard.replicas.includes(home)) return false;
  return respondsToCp(w, w.nodes[home]) && reachableVoters(w, shard, home) >= majorityOf(shard.voters.length);
}

const homeCaughtUp = (w: World, shard: ShardRow): boolean =>
  w.nodes[shard.configuredPrimary].disk.get(shard.index) === shard.lsn && !shard.divergent?.has(shard.configuredPrimary);

/**
 * The configured primary can take its role back and holds (or is backfilling)
 * every acknowledged write, but does not lead yet: `healthy` waits for the hand-back.
 */
export function handBackPending(w: World, shard: ShardRow): boolean {
  if (shard.configuredPrimary === shard.primary || !homeCanLead(w, shard)) return false;
  return homeCaughtUp(w, shard) || (shard.catchUps?.has(shard.configuredPrimary) ?? false);
}

/** The configured primary is back, listed, caught up and well connected: the current one steps aside (never a direct switch). */
export function maybeHandBack(w: World, shard: ShardRow): void {
  if (!homeCanLead(w, shard) || !homeCaughtUp(w, shard)) return;
  const node = w.nodes[shard.configuredPrimary];
  const current = w.nodes[leaderOf(shard)];
  setPrimary(w, shard, null);
  sendPrimaryEvent(w, shard, { type: 'handOver.started' });
  shard.noPrimaryReason = `hand-over: ${current.id} stepped aside so the configured primary ${node.id} can take its role back`;
  shard.noPrimarySinceMs = w.nowMs;
  tell(w, {
    actor: 'coordinator',
    kind: 'primary.handOver',
    shard: shard.id,
    text:
      `${node.id}, ${shard.id}'s configured primary, is back and caught up: ${current.id} ` +
      (clientsWrite(w) ? 'stops taking writes' : 'steps aside') +
      ` and ${node.id} takes over after an election (${w.params.electionTimeoutMs} ms without a primary).`,
    level: 'warn',
    data: { shard: shard.id, from: current.id, to: node.id },
  });
}
