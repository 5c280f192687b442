import type { TraceEntry } from '../../engine/index';

/**
 * The trace entries that concern one shard: those it wrote itself and those
 * whose data names it (copies started, committed, failed, retargeted). Pure,
 * so the inspector's "history" is tested without a browser.
 */
export function shardHistory(trace: readonly TraceEntry[], shardId: string, limit = 40): TraceEntry[] {
  const found: TraceEntry[] = [];
  // Newest first, and stop early: a long run's trace holds tens of thousands of entries.
  for (let i = trace.length - 1; i >= 0 && found.length < limit; i--) {
    const entry = trace[i]!;
    // Detail entries are mostly single writes; the quorum ones are a shard's own story, told in detail when summarised.
    const told = entry.level !== 'detail' || entry.kind.startsWith('primary.') || entry.kind === 'voters.changed';
    if (told && (entry.actor === shardId || entry.data.shard === shardId)) found.push(entry);
  }
  return found.reverse();
}

/** The node actions that make sense for a node in this lifecycle state, in the order shown. */
export type NodeAction = 'crash' | 'restart' | 'destroy';

export function nodeActions(lifecycle: 'up' | 'crashed' | 'restarting' | 'destroyed'): NodeAction[] {
  switch (lifecycle) {
    case 'up':
      return ['crash', 'destroy'];
    case 'crashed':
      return ['restart', 'destroy'];
    case 'restarting':
      return ['crash', 'destroy'];
    case 'destroyed':
      return [];
  }
}

export const ACTION_VERB: Record<NodeAction, string> = { crash: 'Crash', restart: 'Restart', destroy: 'Destroy' };

/** What each action does, in the learner's terms: shown under the buttons. */
export const ACTION_HINT: Record<NodeAction, string> = {
  crash: 'stops the process; the disk and its replicas survive a restart',
  restart: 'starts the process again; it replays its write-ahead log, then heartbeats resume',
  destroy: 'the machine and its disk are gone for good; its replicas can only be rebuilt elsewhere',
};
