import { sendJobEvent } from './job-machine';
import { dropJob } from './jobs';
import { planTarget } from './targets';
import { record, setWaiting, type CopyJob, type World } from '../world';

/**
 * Gives a queued job a new target; drops it (and explains the shard) when none
 * exists. Returns the new target's id, or null. `announce` false leaves the
 * telling to the caller.
 */
export function retarget(w: World, job: CopyJob, why: string, announce = true): string | null {
  const shard = w.shards[job.shard];
  const old = w.nodes[job.target];
  job.avoidTargets.push(job.target);
  old.incoming--;
  // Plan as if this job did not exist, so its old target does not count as incoming.
  shard.jobs = shard.jobs.filter((id) => id !== job.id);
  let choice = planTarget(w, shard, job.avoidTargets);
  // Only nodes a copy already failed to are left: one the monitor believes ACTIVE gets another try (a restarted
  // process, a healed link) rather than the shard staying short with nothing left to re-plan it.
  const retry = choice.target === null && job.avoidTargets.length > 0 ? planTarget(w, shard) : null;
  if (retry && retry.target !== null) {
    choice = retry;
    why = `${why}; no other node can take it, so ${retry.target} is tried again`;
  }
  shard.jobs.push(job.id);
  if (choice.target === null) {
    old.incoming++;
    if (announce)
      record(w, 'migrator', 'copy.abandoned', `Gave up re-homing ${shard.id}: ${why}, and ${choice.summary}.`, 'warn', {
        shard: shard.id,
      });
    w.failoverPath.shardsUnplaced.set(job.failoverIndex, (w.failoverPath.shardsUnplaced.get(job.failoverIndex) ?? 0) + 1);
    dropJob(w, job);
    setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
    return null;
  }
  const next = w.nodeIndexById.get(choice.target)!;
  job.target = next;
  job.avoidSources = [];
  sendJobEvent(w, job, { type: 'copy.retargeted' });
  w.nodes[next].incoming++;
  if (announce)
    record(w, 'migrator', 'copy.retargeted', `${shard.id} will go to ${choice.target} instead of ${old.id} (${why}).`, 'info', {
      shard: shard.id,
      target: choice.target,
    });
  return choice.target;
}
