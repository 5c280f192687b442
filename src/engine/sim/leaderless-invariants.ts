import { totalStaleKeys } from '../model/divergence';
import { checkHintInvariants } from './hints';
import type { World } from './world';

/**
 * The leaderless checks (design recovery-repair.md §7.2, §11.6 invariant 10), run after every step in tests: the
 * divergence record is sparse and true to itself — only replicas that hold the shard have stale keys, every stale key
 * has its newest version tracked, the running total matches — and hints are applied at most once and never created
 * past the hint window.
 */
export function checkLeaderlessInvariants(w: World, add: (invariant: string, detail: string) => void): void {
  checkHintInvariants(w, add);
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
    }
    if (div.stale.size === 0) add(name, `${shard.id} has a divergence record with nothing stale (should be deleted)`);
  }
  if (total !== w.divergence.staleKeysTruth) add(name, `the stale keys add up to ${total} but staleKeysTruth says ${w.divergence.staleKeysTruth}`);
}
