import { CORRUPT, totalStaleKeys } from '../model/divergence';
import { corruptionAt } from './corruption-state';
import { checkHintInvariants } from './hints';
import { replicaKeyProblems } from './leaderless/replica-key';
import type { World } from './world';

/**
 * The leaderless checks (design recovery-repair.md §7.2, §11.6 invariant 10), run after every step in tests: the
 * divergence record is sparse and true to itself — only replicas that hold the shard have stale keys, every stale key
 * has its newest version tracked, the running total matches, a key is corrupt only on a replica recorded as corrupt
 * (so a repair that clears the record also rewrote the keys) — and hints are applied at most once and never created
 * past the hint window.
 */
const CORRUPT_NAME = 'a key is corrupt only on a replica whose corruption is recorded';

export function checkLeaderlessInvariants(w: World, add: (invariant: string, detail: string) => void): void {
  checkHintInvariants(w, add);
  // The name is older than the key (it was a row in a table of its own); plans may list it, so it stays.
  for (const problem of replicaKeyProblems(w)) add('a shard’s replica row agrees with the lists it was built from (none changed in place)', problem);
  if (w.divergence.byShard.size === 0 && w.divergence.staleKeysTruth === 0) return;
  const name = 'stale keys are kept only for replicas that hold the shard, and staleKeysTruth counts them';
  let total = 0;
  for (const [s, div] of w.divergence.byShard) {
    total += totalStaleKeys(div);
    const shard = w.shards[s];
    for (const [r, keys] of div.stale) {
      if (!w.nodes[r].disk.has(s)) add(name, `${w.nodes[r].id} holds no copy of ${shard.id} but ${keys.size} stale key(s) are kept for it`);
      if (keys.size === 0) add(name, `${w.nodes[r].id}'s stale keys of ${shard.id} are an empty map (should be deleted)`);
      for (const key of keys.keys()) if (!div.latest.has(key)) add(name, `key ${key} of ${shard.id} is stale on ${w.nodes[r].id} with no newest version tracked`);
      if (!corruptionAt(w.corruption, r, s))
        for (const [key, held] of keys)
          if (held === CORRUPT) add(CORRUPT_NAME, `key ${key} of ${w.nodes[r].id}'s copy of ${shard.id} is corrupt, but no corruption of that copy is recorded`);
    }
    if (div.stale.size === 0) add(name, `${shard.id} has a divergence record with nothing stale (should be deleted)`);
  }
  if (total !== w.divergence.staleKeysTruth) add(name, `the stale keys add up to ${total} but staleKeysTruth says ${w.divergence.staleKeysTruth}`);
}
