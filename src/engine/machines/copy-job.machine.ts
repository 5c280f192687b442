import { assign, setup } from 'xstate';

/**
 * One copy the migrator runs to re-home a replica: queued → snapshot →
 * catching up (tailing the log) → committed, or failed and queued again,
 * perhaps retargeted to another node.
 *
 * A stream can stop moving bytes (an end died, a link was cut) without anyone
 * being told: the job is then stalled, still holding its slots, and the
 * migrator gives up on it only after `copyStreamTimeoutMs` — the machine's own
 * timer (`after copyStreamTimeout`), which a stream that resumes in time
 * cancels. How long the snapshot and the tail take is physics (bandwidth
 * shared between copies, link latency), so the engine times those and sends
 * `snapshot.copied` / `tail.caughtUp`.
 */
export type CopyJobEvent =
  | { type: 'copy.started' }
  | { type: 'snapshot.copied' }
  | { type: 'tail.caughtUp' }
  /** timeoutMs: the migrator's copyStreamTimeoutMs when the stream stopped. */
  | { type: 'stream.stalled'; timeoutMs: number }
  | { type: 'stream.resumed' }
  /** A node went down or left the placement and the migrator heard of it: the copy fails at once. */
  | { type: 'copy.failed' }
  | { type: 'copy.retargeted' }
  /** No target is left, or the shard no longer needs the copy. */
  | { type: 'copy.dropped' };

/** What the engine carries out for a copy job (sim/migrator/job-machine.ts holds one handler per name). */
const copyJobEffects = {
  giveUpOnStream: () => {},
};
export type CopyJobEffect = keyof typeof copyJobEffects;

export const copyJobMachine = setup({
  types: {
    context: {} as { timeoutMs: number },
    events: {} as CopyJobEvent,
  },
  actions: {
    ...copyJobEffects,
    rememberTimeout: assign(({ event }) => (event.type === 'stream.stalled' ? { timeoutMs: event.timeoutMs } : {})),
  },
  delays: {
    copyStreamTimeout: ({ context }) => context.timeoutMs,
  },
}).createMachine({
  id: 'copyJob',
  initial: 'queued',
  context: { timeoutMs: 0 },
  on: {
    'copy.dropped': '.dropped',
  },
  states: {
    queued: {
      on: { 'copy.started': 'snapshot', 'copy.retargeted': 'retargeted' },
    },
    snapshot: {
      on: {
        'snapshot.copied': 'catchingUp',
        'stream.stalled': { target: 'snapshotStalled', actions: 'rememberTimeout' },
        'copy.failed': 'failed',
      },
    },
    snapshotStalled: {
      after: { copyStreamTimeout: { target: 'failed', actions: 'giveUpOnStream' } },
      on: { 'stream.resumed': 'snapshot', 'copy.failed': 'failed' },
    },
    catchingUp: {
      on: {
        'tail.caughtUp': 'committed',
        'stream.stalled': { target: 'tailStalled', actions: 'rememberTimeout' },
        'copy.failed': 'failed',
      },
    },
    tailStalled: {
      after: { copyStreamTimeout: { target: 'failed', actions: 'giveUpOnStream' } },
      on: { 'stream.resumed': 'catchingUp', 'copy.failed': 'failed' },
    },
    // Back in the queue: the bytes sent are wasted; it starts again from another source, or goes elsewhere.
    failed: {
      on: { 'copy.started': 'snapshot', 'copy.retargeted': 'retargeted' },
    },
    retargeted: {
      on: { 'copy.started': 'snapshot', 'copy.retargeted': 'retargeted' },
    },
    committed: { type: 'final' },
    dropped: { type: 'final' },
  },
});

export type CopyJobStateValue =
  | 'queued'
  | 'snapshot'
  | 'snapshotStalled'
  | 'catchingUp'
  | 'tailStalled'
  | 'failed'
  | 'retargeted'
  | 'committed'
  | 'dropped';
