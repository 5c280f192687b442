import { stateOf, stepMachine, type EffectHandlers } from '../machines/machine-step';
import { carryOut, type MachineTimerEvent } from './machine-timers';
import { nodeMachine, type NodeEffect, type NodeMachineEvent } from '../machines/node.machine';
import { startHeartbeats, stopHeartbeats } from './heartbeats';
import { historyHeld, refreshShards, shardsOfNodes } from './quorum';
import { checkCopyStreams } from './migrator';
import {
  announceSnapshotLoaded,
  announceVerified,
  beginRecovery,
  beginReplay,
  beginVerify,
  haltReplay,
  readReplayStep,
} from './local-recovery';
import { rebuildNode } from './node-rebuild';
import { loseHintsOf } from './hints';
import { transactionsOnCrash } from './transactions/run';
import { forgetReplicaKeys } from './divergence-rehome';
import { beginCatchUp } from './catch-up';
import { callReplayLogs, callRestoreSnapshot } from '../recovery/contracts';
import { isUp, lifecycleOf, listSome, record, type NodeRow, type SimEvent, type World } from './world';

/**
 * The truth about processes and disks. The control plane learns of none of
 * this directly: it only notices that heartbeats stop.
 */
export function sendNodeEvent(w: World, node: NodeRow, event: NodeMachineEvent | MachineTimerEvent['event']): boolean {
  const step = stepMachine(nodeMachine, node.life, event);
  if (!step.changed) return false;
  w.machines.note('node', node.id, stateOf(node.life), stateOf(step.snapshot), event.type, w.nowMs);
  const lifeBefore = lifecycleOf(node);
  node.life = step.snapshot;
  w.nodesVersion++;
  const touched = shardsOfNodes(w, [node]);
  carryOut(w.timers, 'node', node.id, step.effects, nodeHandlers, { w, node });
  // Its replicas' roles change at once (truth); cp's view follows through the monitor. A step between restart
  // phases (replaying → verifying) changes nothing a shard reads — the node serves nothing in any of them, and
  // replay only raises pages to what its log already held — so its hundreds of replicas are not re-examined.
  if (lifecycleOf(node) !== lifeBefore) refreshShards(w, touched);
  return true;
}

/** The node's named effects: one handler each (a missing or misspelled one does not compile). */
const nodeHandlers: EffectHandlers<NodeEffect, { w: World; node: NodeRow }> = {
  haltProcess: ({ w, node }) => {
    // Its identity as a process: a copy stream opened before a restart is lost (migrator/streams.ts compares it).
    node.incarnation++;
    node.crashedAtMs = w.nowMs;
    stopHeartbeats(w, node);
    // A replay in progress stops where it is; the pages it wrote stay written (local-recovery.ts, §3.7).
    haltReplay(w, node);
    // A transaction reply or live rollback it was running stops (transactions/run.ts).
    transactionsOnCrash(w, node);
    // Hints live in the coordinator's memory here (🅂): a crash loses them (design §7.6).
    loseHintsOf(w, node);
    noteCopiesLeft(w, node);
    // Its copy streams stop moving; the migrator notices only when they time out.
    checkCopyStreams(w);
  },
  beginRecovery: ({ w, node }) => beginRecovery(w, node),
  announceSnapshotLoaded: ({ w, node }) => {
    announceSnapshotLoaded(w, node);
    callRestoreSnapshot(w, node);
  },
  beginReplay: ({ w, node }) => beginReplay(w, node),
  // The replay's last entry (wal.replayRefused) said why; the node stays down until a rebuild or a restart.
  announceRefused: () => {},
  beginVerify: ({ w, node }) => beginVerify(w, node),
  announceVerified: ({ w, node }) => announceVerified(w, node),
  resumeService: ({ w, node }) => {
    // What verifying found may have stopped the node again (corruptionResponse fatal): then it does not serve.
    if (!isUp(node)) return;
    // Before the crash time is forgotten: the log truncation hold counts from it, and amnesia is judged now (§5.2–§5.3).
    beginCatchUp(w, node);
    node.crashedAtMs = null;
    // What it says depends on how it got here (node.verified after a replay, node.rebuilt after a rebuild).
    startHeartbeats(w, node, w.nowMs);
  },
  wipeDisk: ({ w, node }) => wipeReplicas(w, node, 'destroyed'),
  rebuildDisk: ({ w, node }) => {
    wipeReplicas(w, node, 'rebuilt');
    rebuildNode(w, node);
  },
};

/** A replay step came due (local-recovery.ts reads it); its end moves the machine on. */
export function onReplayStep(w: World, event: Extract<SimEvent, { type: 'wal.replayStep' }>): void {
  const result = readReplayStep(w, event);
  const node = w.nodes[event.node];
  // The node's NodeRecovery.ReplayLogs call returns with its replay (recovery/contracts.ts).
  if (result.kind === 'finished' || result.kind === 'refused') callReplayLogs(w, node);
  if (result.kind === 'finished') sendNodeEvent(w, node, { type: 'wal.replayFinished', verifyMs: result.verifyMs });
  else if (result.kind === 'refused') sendNodeEvent(w, node, { type: 'wal.replayRefused' });
}

/**
 * The node's disk is wiped (destroyed for good, or for a rebuild): its replicas and its log are gone.
 * Acknowledged writes that no surviving disk holds are lost with it.
 */
function wipeReplicas(w: World, node: NodeRow, why: 'destroyed' | 'rebuilt'): void {
  const shards = [...node.disk.keys()];
  node.disk.clear();
  // Its log goes with the disk: it no longer holds any write durably.
  node.disk.clearHeld();
  node.ckpt.clear();
  const lostNow: string[] = [];
  const writesGone: string[] = [];
  for (const s of shards) {
    // Its stale keys (leaderless) go with the disk; a write only it held is lost (divergence-rehome.ts).
    forgetReplicaKeys(w, s, node.index);
    // Leaderless: writes are lost key by key, above (the LSN only counts the shard's writes, never lowered there).
    const gone = w.params.replication === 'leaderless' ? null : noteWritesGone(w, s);
    if (!w.nodes.some((other) => other.disk.has(s))) {
      w.durability.lostTruth.add(s);
      lostNow.push(w.shards[s].id);
    } else if (gone) writesGone.push(gone);
  }
  record(
    w,
    node.id,
    'node.diskLost',
    (why === 'destroyed'
      ? `${node.id}'s disk is gone for good: ${shards.length} replica(s) destroyed.`
      : `${node.id}'s disk is wiped for a rebuild: ${shards.length} replica(s) and its write-ahead log erased.`) +
      (lostNow.length > 0 ? ` No other disk held ${listSome(lostNow)}: that data is gone.` : '') +
      (writesGone.length > 0 ? ` No other disk held ${listSome(writesGone)}: those writes are lost for good.` : ''),
    lostNow.length > 0 || writesGone.length > 0 ? 'alert' : 'warn',
    { node: node.id, lost: lostNow.length, writesLost: writesGone.length },
  );
}

/** Tracks the fewest live copies any shard fell to (the truth, not the router's view). */
function noteCopiesLeft(w: World, node: NodeRow): void {
  for (const s of node.placed) {
    let live = 0;
    for (const r of w.shards[s].replicas) if (isUp(w.nodes[r])) live++;
    if (live < w.durability.minCopies) w.durability.minCopies = live;
  }
}

/**
 * A disk was destroyed: acknowledged writes that no surviving disk holds are lost with it, whether the
 * shard's last copy went or only the copies that had its newest writes (a crashed node keeps its disk, so its
 * writes still count as held). A copy an emergency repair rolled back holds the acknowledged history up to
 * its split point. Returns the words for the trace, or null when nothing was lost.
 */
function noteWritesGone(w: World, shardIndex: number): string | null {
  const shard = w.shards[shardIndex];
  let held = 0;
  for (const other of w.nodes) {
    const lsn = historyHeld(w, shard, other.index);
    if (lsn !== undefined && lsn > held) held = lsn;
  }
  if (held >= shard.lsn) return null;
  const count = shard.lsn - held;
  const range = count === 1 ? `${shard.lsn}` : `${held + 1}–${shard.lsn}`;
  w.workload.writesLost += count;
  w.workload.lostWrites.push({
    shard: shard.id,
    firstLsn: held + 1,
    lastLsn: shard.lsn,
    count,
    atMs: w.nowMs,
    cause:
      held === 0
        ? 'every disk that held the shard was destroyed'
        : `every disk that held these writes was destroyed; the freshest surviving copy ends at LSN ${held}`,
  });
  // What survives is all that is acknowledged now; counting these again later (a repair, an erase) would double the loss.
  shard.lsn = held;
  return `acknowledged write(s) ${range} of ${shard.id}`;
}
