/**
 * The names of the invariants the engine's checker reports (DESIGN.md §6, design recovery-repair.md §11.6), exactly as
 * `checkInvariants()` words them: what a plan's `expect` may list. A test (invariant-names.test.ts) reads the engine's
 * checkers and fails when one reports a name missing here, so this list cannot fall behind the engine.
 */
export const INVARIANT_NAMES: readonly string[] = [
  // DESIGN.md §6 (model/invariants.ts)
  'no shard has two replicas on one node',
  'no shard exceeds its replication factor',
  'a shard is lost exactly when its last replica is gone',
  'a shard below RF is not reported healthy',
  'every under-replicated shard is queued, copying or explained',
  'placement index matches placement',
  'a listed replica has its data on disk',
  'every job a shard lists exists',
  'no copy targets a node that already holds the shard',
  'copy slot counters never go negative',
  'copies per node stay under the cap',
  'no node votes twice for one shard',
  "a writable shard's primary holds every acknowledged write",
  'at most one primary per shard per term',
  'no split brain: one primary at most can get a write acknowledged',
  'no acknowledged write disappears while a replica that held it durably survives',
  'acknowledged writes that disappear come with a LostWrites entry',
  // recovery-repair.md §11.6
  'replay applies every committed, valid record after the checkpoint exactly once',
  'no torn or checksum-failing record is ever applied',
  'nothing after the stop point is applied, except under skipAnyCorrupted, whose replica is then divergent',
  'a record is not applied before its commit is known',
  'a recovering, catching-up, amnesiac, corrupt or divergent replica neither votes, nor serves a fresh read, nor acts as a copy or repair source',
  "a replica's applied LSN never exceeds what its log justifies",
  'a corrupt replica is never chosen as a source, and every known-corrupt replica is queued, being replaced, flagged inconsistent, or explained',
  'after an anti-entropy session finishes, its participants’ Merkle roots match over the repaired range',
  'hints are applied at most once and never created past the hint window',
  'repairedAt only grows',
  'every key at or below repairedAt was identical on all live replicas when it was marked',
  'stale keys are kept only for replicas that hold the shard, and staleKeysTruth counts them',
  'a shard’s replica row agrees with the lists it was built from (none changed in place)',
  // §11.6 invariant 13 (transactions)
  "a transaction's writes are all visible or none, on every replica",
  'no in-doubt transaction is resolved differently on two participants',
];

/** `expect: ["all"]`: every invariant the checker knows, now and as it grows. */
export const ALL_INVARIANTS = 'all';
