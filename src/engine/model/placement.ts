import type { RandomStream } from '../sim/random';
import type { Rejection, TargetChoice } from '../types';

/**
 * Where replicas live. Two jobs: the balanced initial placement of every
 * shard, and the choice of a target for a replica that must be re-homed.
 * Both work on node indices for speed; ids appear only in explanations.
 */

export interface PlacementNode {
  id: string;
  rackIndex: number;
  rack: string;
}

/** Above this many nodes, initial placement samples candidates instead of scanning all. */
const FULL_SCAN_MAX_NODES = 128;
const SAMPLE_SIZE = 16;

/**
 * Deals RF replicas per shard: distinct nodes, distinct racks where racks
 * allow, least loaded first, and (on small clusters) the pair of nodes that
 * share the fewest shards so far, so a failed node's shards have survivors
 * spread evenly over the rest. Ties go to the seeded stream.
 */
export function placeInitialReplicas(
  nodes: readonly PlacementNode[],
  shardCount: number,
  replicationFactor: number,
  pinned: ReadonlyMap<number, number[]>,
  random: RandomStream,
): number[][] {
  const n = nodes.length;
  const load = new Int32Array(n);
  const primaries = new Int32Array(n);
  const usePairs = n <= FULL_SCAN_MAX_NODES;
  const pairs = usePairs ? new Int32Array(n * n) : null;
  const rackCount = Math.max(...nodes.map((node) => node.rackIndex)) + 1;
  const result: number[][] = new Array(shardCount);

  const note = (chosen: number[]) => {
    for (const a of chosen) load[a]++;
    primaries[chosen[0]]++;
    if (pairs) for (const a of chosen) for (const b of chosen) if (a !== b) pairs[a * n + b]++;
  };
  for (const [shard, chosen] of pinned) {
    result[shard] = chosen.slice();
    note(chosen);
  }

  const racksUsed = new Uint8Array(rackCount);
  for (let shard = 0; shard < shardCount; shard++) {
    if (result[shard]) continue;
    const chosen: number[] = [];
    racksUsed.fill(0);
    for (let k = 0; k < replicationFactor; k++) {
      const pick = (candidate: number, best: number): boolean => {
        if (chosen.includes(candidate)) return false;
        if (best < 0) return true;
        const rackA = racksUsed[nodes[candidate].rackIndex];
        const rackB = racksUsed[nodes[best].rackIndex];
        if (rackA !== rackB) return rackA < rackB;
        if (load[candidate] !== load[best]) return load[candidate] < load[best];
        if (k === 0 && primaries[candidate] !== primaries[best]) return primaries[candidate] < primaries[best];
        if (pairs) {
          let pa = 0;
          let pb = 0;
          for (const c of chosen) {
            pa += pairs[candidate * n + c];
            pb += pairs[best * n + c];
          }
          if (pa !== pb) return pa < pb;
        }
        return false;
      };
      let best = -1;
      if (usePairs) {
        // Start the scan at a seeded offset so equal candidates are chosen fairly.
        const offset = random.int(n);
        for (let i = 0; i < n; i++) {
          const c = (offset + i) % n;
          if (pick(c, best)) best = c;
        }
      } else {
        for (let i = 0; i < SAMPLE_SIZE; i++) {
          const c = random.int(n);
          if (pick(c, best)) best = c;
        }
        if (best < 0) for (let c = 0; c < n && best < 0; c++) if (!chosen.includes(c)) best = c;
      }
      chosen.push(best);
      racksUsed[nodes[best].rackIndex] = 1;
    }
    result[shard] = chosen;
    note(chosen);
  }
  return result;
}

export interface TargetCandidateInfo {
  index: number;
  id: string;
  rack: string;
  rackIndex: number;
  /** Why this node can never take the replica, or null if it is eligible. */
  hardRejection: string | null;
  /** Replicas held plus copies incoming: lower is better. */
  load: number;
}

/** Rejections listed one by one up to this many nodes; above, counted by reason. */
const LIST_REJECTIONS_MAX_NODES = 32;

/**
 * Picks the node that receives a new replica of one shard (DESIGN.md §2):
 * eligible nodes only; prefer racks that hold no surviving replica (relax the
 * rule, and say so, when none qualifies); then the least loaded; ties broken
 * by the seeded stream. Returns the choice with every rejected candidate and
 * the reason it lost.
 */
export function chooseTarget(
  shardId: string,
  candidates: readonly TargetCandidateInfo[],
  occupiedRacks: ReadonlySet<number>,
  random: RandomStream,
  atMs: number,
): TargetChoice {
  const eligible = candidates.filter((c) => c.hardRejection === null);
  const diverse = eligible.filter((c) => !occupiedRacks.has(c.rackIndex));
  const rackRuleRelaxed = eligible.length > 0 && diverse.length === 0 && occupiedRacks.size > 0;
  const pool = diverse.length > 0 ? diverse : eligible;

  let bestLoad = Infinity;
  for (const c of pool) bestLoad = Math.min(bestLoad, c.load);
  const tied = pool.filter((c) => c.load === bestLoad);
  const winner = tied.length > 0 ? tied[tied.length === 1 ? 0 : random.int(tied.length)] : null;

  const listAll = candidates.length <= LIST_REJECTIONS_MAX_NODES;
  const rejected: Rejection[] = [];
  const rejectedMore: Record<string, number> = {};
  const reject = (c: TargetCandidateInfo, reason: string, group: string) => {
    if (listAll) rejected.push({ node: c.id, reason });
    else rejectedMore[group] = (rejectedMore[group] ?? 0) + 1;
  };
  for (const c of candidates) {
    if (c === winner) continue;
    if (c.hardRejection !== null) reject(c, c.hardRejection, c.hardRejection.split(':')[0]);
    else if (!rackRuleRelaxed && occupiedRacks.has(c.rackIndex))
      reject(c, `rack ${c.rack} already holds a replica`, 'rack already holds a replica');
    else if (c.load > bestLoad) reject(c, `busier: load ${c.load} vs ${bestLoad}`, 'busier');
    else reject(c, `tied at load ${bestLoad}; the seeded tie-break chose another`, 'lost the seeded tie-break');
  }

  const summary = winner
    ? `${winner.id} (rack ${winner.rack}) takes ${shardId}: ` +
      (rackRuleRelaxed
        ? `no node outside the racks already holding ${shardId} could take it, so the rack rule was relaxed; `
        : occupiedRacks.size > 0
          ? `its rack holds no other replica; `
          : '') +
      `least loaded (${bestLoad} replicas held or incoming)` +
      (tied.length > 1 ? `, tied with ${tied.length - 1} other node(s), broken by the seeded stream` : '') +
      `; ${candidates.length - 1} other node(s) rejected`
    : `no node can take ${shardId}: ${summarizeNoCandidate(candidates)}`;

  return {
    shard: shardId,
    target: winner ? winner.id : null,
    atMs,
    rackRuleRelaxed,
    candidates: candidates.length,
    rejected,
    rejectedMore,
    summary,
  };
}

function summarizeNoCandidate(candidates: readonly TargetCandidateInfo[]): string {
  const counts = new Map<string, number>();
  for (const c of candidates) {
    const reason = (c.hardRejection ?? 'eligible').split(':')[0];
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).join(', ');
}
