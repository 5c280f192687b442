import { copyPhaseOf } from '../../machines/copy-job-stepper';
import type { CopyJobEffect, CopyJobEvent } from '../../machines/copy-job.machine';
import { type EffectHandlers } from '../../machines/machine-step';
import { eventLabel } from '../machine-records';
import { carryOut } from '../machine-timers';
import type { CopyJob, World } from '../world';

/** Feeds one job's machine; its phase is what the machine's state says. */
export function sendJobEvent(w: World, job: CopyJob, event: CopyJobEvent): void {
  const step = w.migrator.copyJobStepper.step(job.machine, event);
  if (!step.changed) return;
  job.machineLast = { from: [job.machine.value], to: [step.state.value], event: eventLabel(event.type), atMs: w.nowMs };
  job.machine = step.state;
  job.phase = copyPhaseOf(step.state.value);
  carryOut(w.timers, 'copyJob', String(job.id), step.effects, copyJobHandlers, { w, job });
}

/**
 * The machine's one action is the stream timeout (`after copyStreamTimeout`); giving up re-plans the copy, which
 * sits above every other migrator file, so it is reached through the world's hooks (failures.ts, wiring.ts).
 */
const copyJobHandlers: EffectHandlers<CopyJobEffect, { w: World; job: CopyJob }> = {
  giveUpOnStream: ({ w, job }) => w.hooks.copyStreamTimedOut(job),
};
