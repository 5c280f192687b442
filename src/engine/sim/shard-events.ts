import { runEffect, type EffectHandlers } from '../machines/machine-step';
import type { ShardEffect, ShardMachineEvent } from '../machines/shard.machine';
import { deleteCorruptCopiesAtRf } from './corrupt-copies';
import { fmtMs, record, setWaiting, type ShardRow, type World } from './world';

/**
 * Feeds one shard's machine and carries out what it announces. A healthy
 * shard has no machine; the first event that affects it creates one, and the
 * machine is dropped again when the shard is whole, so a cluster of a hundred
 * thousand shards pays only for the few hundred a failure touches.
 */
export function sendShardEvent(w: World, shard: ShardRow, event: ShardMachineEvent): void {
  const before = shard.machine ?? w.shardStepper.initial(shard.id, w.replicationFactor);
  const step = w.shardStepper.step(before, event);
  if (step.changed) w.machines.note('shard', shard.id, before.value, step.state.value, event.type, w.nowMs);
  shard.machine = step.state;
  if (!shard.machine || shard.machine.value !== 'healthy') w.affected.set(shard.index, shard);

  for (const action of step.actions) runEffect(shardHandlers, action.type, { w, shard });
  if (shard.machine.value === 'healthy') {
    shard.machine = null;
    shard.waiting = null;
    w.affected.delete(shard.index);
    noteRestoredIfWhole(w);
  } else if (step.changed) {
    noteUnderReplication(w);
  }
}

/** The shard's named effects: one handler each (a missing or misspelled one does not compile). */
const shardHandlers: EffectHandlers<ShardEffect, { w: World; shard: ShardRow }> = {
  announceLost: ({ w, shard }) => {
    // Nothing can be copied from nowhere: drop its queued copies until a disk brings it back.
    w.hooks.dropCopiesOf(shard);
    setWaiting(shard, 'lost', 'lost: no replica is left in the placement');
    record(
      w,
      shard.id,
      'shard.lost',
      `${shard.id} is LOST: the router lists no replica of it any more. Its data survives only on a ` +
        `disk that may come back (a crashed, not destroyed, node).`,
      'alert',
      { shard: shard.id },
    );
  },
  announceWhole: ({ w, shard }) => {
    record(w, shard.id, 'shard.healthy', `${shard.id} is whole again: ${shard.replicas.length} replicas.`, 'info', {
      shard: shard.id,
    });
    deleteCorruptCopiesAtRf(w, shard);
  },
  announceRecovered: ({ w, shard }) => {
    setWaiting(shard, 'needsPlan', 'recovered from a returning disk; needs new replicas');
    record(w, shard.id, 'shard.recovered', `${shard.id} is back from the dead: a returning node still had it on disk.`, 'warn', {
      shard: shard.id,
    });
  },
};

/** Opens a restore episode the first time a shard drops below RF in the router's view. */
function noteUnderReplication(w: World): void {
  if (w.durability.episode !== null) return;
  let firstCrash = w.nowMs;
  let firstDead: number | null = null;
  for (const node of w.nodes) {
    if (node.crashedAtMs !== null) firstCrash = Math.min(firstCrash, node.crashedAtMs);
    if (node.declaredDeadAtMs !== null && node.monitor.value === 'DEAD')
      firstDead = firstDead === null ? node.declaredDeadAtMs : Math.min(firstDead, node.declaredDeadAtMs);
  }
  w.durability.episode = { firstCrashAtMs: firstCrash, firstDeadAtMs: firstDead };
}

/** Closes the episode when every shard is whole: that fixes the time-to-restore figures. */
function noteRestoredIfWhole(w: World): void {
  if (w.affected.size > 0 || w.durability.episode === null) return;
  const { firstCrashAtMs, firstDeadAtMs } = w.durability.episode;
  w.durability.lastTimeToRestoreRfMs = firstDeadAtMs === null ? null : w.nowMs - firstDeadAtMs;
  w.durability.lastDurabilityWindowMs = w.nowMs - firstCrashAtMs;
  w.durability.episode = null;
  record(
    w,
    'cp',
    'cluster.restored',
    `Every shard is back at ${w.replicationFactor} replicas.` +
      (w.durability.lastTimeToRestoreRfMs !== null ? ` RF was restored ${fmtMs(w.durability.lastTimeToRestoreRfMs)} after the node was declared DEAD;` : '') +
      ` the durability window (first crash → whole) was ${fmtMs(w.durability.lastDurabilityWindowMs)}.`,
    'info',
    { timeToRestoreRfMs: w.durability.lastTimeToRestoreRfMs, durabilityWindowMs: w.durability.lastDurabilityWindowMs },
  );
}

