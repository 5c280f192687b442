import { execFileSync } from 'node:child_process';

/**
 * Where the commit-chosen slice of the sweep starts: `SWEEP_SLICE_SEED` when set (to reproduce a
 * failure), else a number drawn from the commit being tested, so every commit explores schedules no
 * earlier commit ran while a failure still reproduces from its printed seed. Without git (a tarball)
 * the slice is fixed. Seeds start above 1,000,000 so they never repeat the fixed set.
 */
export function commitSliceSeed(env: Record<string, string | undefined> = process.env): { seed: number; from: string } {
  const pinned = env.SWEEP_SLICE_SEED;
  if (pinned !== undefined) {
    const seed = Number(pinned);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`SWEEP_SLICE_SEED must be a whole number ≥ 0, got "${pinned}"`);
    return { seed, from: 'SWEEP_SLICE_SEED' };
  }
  const commit = env.GITHUB_SHA ?? gitHead();
  if (!commit || !/^[0-9a-f]{8}/i.test(commit)) return { seed: 1_000_000, from: 'no commit found: the fixed fallback' };
  return { seed: 1_000_000 + (parseInt(commit.slice(0, 8), 16) % 1_000_000_000), from: `commit ${commit.slice(0, 12)}` };
}

function gitHead(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
