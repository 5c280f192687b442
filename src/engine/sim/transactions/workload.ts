import { quorumOf } from '../quorum';
import type { ShardRow, World } from '../world';
import { txnDecisionMayAct } from '../control-plane/journal';
import { decide, runTransaction } from './run';

/**
 * workload.txn (design recovery-repair.md §9.1, §11.8): a write arrival on a writable shard runs a transaction instead,
 * with draws from the stream `workload:txn` — is it one, does it span two shards (and which), does the client abort
 * it — made only when the fraction is above 0, so runs without transactions keep their digests. A two-phase one is
 * prepared on both shards and decided at once by the coordinator (commit, or abort when the client aborts).
 */
export function runsTransaction(w: World, shard: ShardRow): boolean {
  const spec = w.workload.spec.txn;
  if (!spec || spec.fraction <= 0) return false;
  const rng = w.random.get('workload:txn');
  if (rng.next() >= spec.fraction) return false;
  const twoPhase = spec.twoPhaseFraction > 0 && w.shards.length > 1 && rng.next() < spec.twoPhaseFraction;
  let partner: ShardRow | null = null;
  if (twoPhase) {
    const other = w.shards[(shard.index + 1 + rng.int(w.shards.length - 1)) % w.shards.length];
    if (quorumOf(w, other).state === 'writable') partner = other;
  }
  const abort = spec.abortFraction > 0 && rng.next() < spec.abortFraction;
  if (partner) {
    const row = runTransaction(w, shard, spec.writesPerTxn, 'prepare', partner);
    const decision = abort ? 'abort' : 'commit';
    // With a metadata journal the decision takes effect once txn.decided is committed (control-plane/group.ts).
    if (txnDecisionMayAct(w, row, decision)) decide(w, row, decision, 'coordinator');
    return true;
  }
  runTransaction(w, shard, spec.writesPerTxn, abort ? 'abort' : 'commit', null);
  return true;
}
