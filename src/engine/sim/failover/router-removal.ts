import type { FailoverEvent } from '../../types';
import { abortJobsTouching } from '../migrator';
import { sendShardEvent } from '../shard-events';
import { isUp, listSome, record, setReplicas, setWaiting, type World } from '../world';

/** Step 1: the router forgets the node; every shard it held loses a replica in the router's view. */
export function removeFromRouter(w: World, nodeIndex: number): void {
  const node = w.nodes[nodeIndex];
  const event: FailoverEvent = {
    failedNode: node.id,
    crashedAtMs: isUp(node) ? null : node.crashedAtMs,
    declaredDeadAtMs: node.declaredDeadAtMs ?? w.nowMs,
    detectionDelayMs:
      !isUp(node) && node.crashedAtMs !== null && node.declaredDeadAtMs !== null
        ? node.declaredDeadAtMs - node.crashedAtMs
        : null,
    targetsComputedAtMs: null,
    callbackFiredAtMs: null,
    completedAtMs: null,
    affectedShards: 0,
    targets: 0,
    reReplicationAttempted: false,
    reReplicationSucceeded: false,
    fallbackReason: null,
  };
  w.failoverPath.events.push(event);
  // Its listed replicas, and the shards its last path left waiting for its copies (it died again first).
  const leftToIt = (w.failoverPath.leftToReturning.get(nodeIndex) ?? []).filter(
    (s) => !node.placed.has(s) && w.affected.has(s) && w.shards[s].replicas.length + w.shards[s].jobs.length < w.replicationFactor,
  );
  w.failoverPath.leftToReturning.delete(nodeIndex);
  const shards = [...new Set([...node.placed, ...leftToIt])].sort((a, b) => a - b);
  event.affectedShards = shards.length;
  w.failoverPath.affectedShards = shards;
  let primariesLost = 0;
  let stillWhole = 0;
  for (const s of shards) {
    const shard = w.shards[s];
    // Leaderless: no primary, no election (design recovery-repair.md §7.1).
    if (shard.primary === nodeIndex && w.params.replication !== 'leaderless') primariesLost++;
    setReplicas(shard, shard.replicas.filter((r) => r !== nodeIndex));
    if (shard.replicas.length >= w.replicationFactor) stillWhole++;
  }
  node.placed.clear();
  w.nodesVersion++;
  record(
    w,
    'failover',
    'failover.routerRemoved',
    `Step 1: the router drops ${node.id}. ${shards.length - leftToIt.length - stillWhole} shard(s) it held now have fewer than ` +
      `${w.replicationFactor} replicas` +
      (stillWhole > 0 ? ` (${stillWhole} more still have ${w.replicationFactor}: it held a surplus copy of them)` : '') +
      (primariesLost > 0 ? `; ${primariesLost} of them had their primary there and need an election` : '') +
      '.' +
      (leftToIt.length > 0
        ? ` ${leftToIt.length} more were waiting for its copies to be listed again (${listSome(leftToIt.map((s) => w.shards[s].id))}); ` +
          'this path takes them back.'
        : ''),
    'warn',
    { node: node.id, shards: shards.length },
  );
  // Copies to or from a node the control plane gave up on are pointless now.
  abortJobsTouching(w, node, `${node.id} was declared DEAD`);
  for (const s of shards) {
    const shard = w.shards[s];
    sendShardEvent(w, shard, {
      type: 'replica.removed',
      copies: shard.replicas.length,
      copying: shard.jobs.filter((id) => w.migrator.jobs.get(id)?.phase !== 'queued').length,
    });
  }
  for (const s of shards) {
    const shard = w.shards[s];
    if (shard.machine?.value !== 'lost' && shard.replicas.length < w.replicationFactor) explainWaiting(w, s, 'waiting for the failover path to compute targets');
  }
}

function explainWaiting(w: World, shardIndex: number, reason: string): void {
  const shard = w.shards[shardIndex];
  // Set even when a copy is running: once it lands the shard may still be short, and this says why.
  if (shard.machine !== null) setWaiting(shard, 'failoverPath', reason);
}
