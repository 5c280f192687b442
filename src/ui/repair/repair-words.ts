import type { RepairSessionPhase, RepairSessionView, RepairView } from '../../engine/index';

/** The Repair panel's sentences, as plain functions of the engine's view (tested without a DOM). */

/** "5", "5 and 12", "1, 5 and 12"; past six, the first five and how many more. */
export function listLeaves(leaves: readonly (number | string)[]): string {
  if (leaves.length <= 6) {
    if (leaves.length <= 1) return leaves.join('');
    return `${leaves.slice(0, -1).join(', ')} and ${leaves[leaves.length - 1]}`;
  }
  return `${leaves.slice(0, 5).join(', ')} and ${leaves.length - 5} more`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What the comparison found and what streaming costs, the lesson of §7.4: a whole leaf range is streamed for one
 * stale key. Null before the differing leaves are known.
 */
export function leafSentence(view: Pick<RepairView, 'keysPerLeaf'>, session: RepairSessionView): string | null {
  const leaves = session.differingLeaves;
  // While comparing, the session is still finding them (level by level): the sentence would give the answer away.
  const known = session.phase === 'streaming' || session.phase === 'finished' || (session.phase === 'failed' && leaves.length > 0);
  if (!known) return null;
  if (leaves.length === 0) return session.phase === 'finished' ? 'The trees matched: nothing was streamed.' : null;
  const keys = plural(leaves.length * view.keysPerLeaf, 'key');
  const one = leaves.length === 1;
  const subject = one ? `Leaf ${leaves[0]}` : `Leaves ${listLeaves(leaves)}`;
  if (session.phase === 'finished') return `${subject} differed: ${one ? 'its' : 'their'} ${keys} were streamed.`;
  if (session.phase === 'failed') return `${subject} ${one ? 'differs' : 'differ'}: ${one ? 'its' : 'their'} ${keys} were not all streamed.`;
  return `${subject} ${one ? 'differs' : 'differ'}: only ${one ? 'its' : 'their'} ${keys} will be streamed.`;
}

export const hashesCounter = (s: RepairSessionView) =>
  `${s.hashesExchanged.toLocaleString('en-US')} hashes exchanged / ${s.wholeTreeHashes.toLocaleString('en-US')} whole tree`;

/** Before streaming the session has not yet counted the stale keys in its differing ranges: say so rather than "0". */
export const keysCounter = (s: RepairSessionView) =>
  s.staleKeys === 0 && (s.phase === 'requested' || s.phase === 'validating' || s.phase === 'comparing')
    ? `${plural(s.keysStreamed, 'key')} streamed / stale keys counted once the comparison ends`
    : `${plural(s.keysStreamed, 'key')} streamed / ${plural(s.staleKeys, 'stale key')}`;

export type RepairStep = Exclude<RepairSessionPhase, 'failed'> | 'failed';

/** The stepper's steps: the last one is "failed" when the session failed, else "finished". */
export function repairSteps(phase: RepairSessionPhase | null): RepairStep[] {
  return ['requested', 'validating', 'comparing', 'streaming', phase === 'failed' ? 'failed' : 'finished'];
}

/** What each phase does, in a learner's words (the current phase's line under the stepper). */
export function phaseLine(session: RepairSessionView): string {
  switch (session.phase) {
    case 'requested':
      return 'Asked for: the session starts when its replicas are ready.';
    case 'validating':
      return 'Each replica reads its data to build its Merkle tree (a validation compaction): a hash per key range.';
    case 'comparing':
      if (session.exchange === 'wholeTree') return 'Each replica sent its whole tree at once; the coordinator compares them node by node.';
      return session.level === null
        ? 'Comparing level by level, from the root down.'
        : `Comparing level ${session.level}: only the children of nodes that differed are sent.`;
    case 'streaming':
      return 'Streaming every key of each differing leaf from the newer replica to the older one.';
    case 'finished':
      return 'Finished: the trees of the repaired range now match.';
    case 'failed':
      return `Failed: ${session.failedReason ?? 'a participant went away'}.`;
  }
}

export const EXCHANGE_WORDS: Record<RepairSessionView['exchange'], string> = {
  wholeTree: 'whole trees (Cassandra)',
  levelByLevel: 'level by level (Dynamo, Riak)',
};

/** Every unordered pair of replicas, in replica order: the pair picker's choices. */
export function replicaPairs(replicas: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < replicas.length; i++) for (let j = i + 1; j < replicas.length; j++) pairs.push([replicas[i], replicas[j]]);
  return pairs;
}
