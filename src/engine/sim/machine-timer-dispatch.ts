import { sendFailoverEvent } from './failover';
import { sendNodeEvent } from './node-lifecycle';
import { sendJobEvent } from './migrator';
import { onElectionTimer } from './quorum';
import { shardById } from './machine-view';
import { sendMemberEvent } from './control-plane/group';
import type { CpMemberEvent } from '../machines/cp-member.machine';
import { sendRestoreEvent } from './restore/restore';
import type { CopyJobEvent } from '../machines/copy-job.machine';
import type { MachineTimerEvent } from './machine-timers';
import type { World } from './world';

/** A machine's own timer fired: the event goes back to the machine instance that armed it. */
export function onMachineTimer(w: World, event: MachineTimerEvent): void {
  w.timers.fired(event);
  switch (event.machine) {
    case 'failoverManager':
      sendFailoverEvent(w, event.event);
      return;
    case 'node': {
      const index = w.nodeIndexById.get(event.id);
      if (index !== undefined) sendNodeEvent(w, w.nodes[index], event.event);
      return;
    }
    case 'copyJob': {
      const job = w.migrator.jobs.get(Number(event.id));
      if (job) sendJobEvent(w, job, event.event as CopyJobEvent);
      return;
    }
    case 'shardPrimary': {
      const shard = shardById(w, event.id);
      if (shard) onElectionTimer(w, shard, event);
      return;
    }
    case 'restore':
      sendRestoreEvent(w, event.event);
      return;
    case 'cpMember': {
      const member = w.controlPlane.members.find((m) => m.id === event.id);
      if (member) sendMemberEvent(w, member, event.event as CpMemberEvent);
      return;
    }
    default:
      return;
  }
}
