import type { Scenario } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';

/**
 * Design recovery-repair.md §13 (b): 100 nodes × 10,000 shards, leaderless at QUORUM without hints, so every write
 * n3 misses while it is down 60 s under 2,000 writes/s leaves a stale key; then `repair.run:all,full` (trees of
 * depth 10 over 1,024 keys per shard, one session at a time per coordinator), run to `converged`. As in Cassandra
 * the down node stays in the ring: not declared DEAD, nothing re-homed. Budget ≤ 1 s, ≤ 300 MB.
 */
export function leaderlessRepairScenario(): Scenario {
  const parsed = parseScenario({
    id: 'bench-100-leaderless-repair',
    nodes: 100,
    racks: 10,
    shards: 10_000,
    failover: { autoReReplicate: false },
    params: { replication: 'leaderless', writeConsistency: 'QUORUM', readConsistency: 'QUORUM', hintedHandoff: false, deadAfterMs: 600_000 },
    workload: { writesPerSec: 2000, readsPerSec: 0 },
    timeline: [
      { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 65_000, command: { type: 'node.restart', node: 'n3' } },
      { atMs: 70_000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}
