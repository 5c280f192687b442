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
  // Each node's rack as a plain array of integers: the scan below asks it ~n times per replica (3M times at 100 × 10k).
  const rackOf = Int32Array.from(nodes, (node) => node.rackIndex);
  /**
   * Would `candidate` be a better k-th replica than `best` (-1: none yet)? For the sampled draws of a large cluster,
   * which keeps no pair counts (scanForBest below is the same order with them).
   */
  const better = (candidate: number, best: number, k: number, chosen: readonly number[]): boolean => {
    for (let i = 0; i < chosen.length; i++) if (chosen[i] === candidate) return false;
    if (best < 0) return true;
    const rackA = racksUsed[rackOf[candidate]];
    const rackB = racksUsed[rackOf[best]];
    if (rackA !== rackB) return rackA < rackB;
    if (load[candidate] !== load[best]) return load[candidate] < load[best];
    if (k === 0 && primaries[candidate] !== primaries[best]) return primaries[candidate] < primaries[best];
    return false;
  };
  /**
   * The best k-th replica over every node in scan order from `offset`: `better`'s order, then the fewest shards shared
   * with the replicas already chosen; the first strictly better candidate wins. `better`'s keys (rack used, load, and
   * for a primary its primaries) are one number, compared once; the shared count is worked out only on a tie with the
   * best so far, the best's own only then too (~3M candidates for a 10,000-shard cluster, most beaten on the first key).
   */
  const scanForBest = (offset: number, k: number, chosen: readonly number[]): number => {
    const pairCounts = pairs!;
    // At most two replicas are chosen before the third (RF 3); a longer list is looked through whole.
    const first = chosen.length > 0 ? chosen[0] : -1;
    const second = chosen.length > 1 ? chosen[1] : -1;
    const more = chosen.length > 2;
    let best = -1;
    let bestKey = Infinity;
    let bestPairs = -1; // not worked out yet
    for (let i = 0; i < n; i++) {
      const c = offset + i < n ? offset + i : offset + i - n;
      if (c === first || c === second || (more && chosen.includes(c))) continue;
      const key = racksUsed[rackOf[c]] * KEY_RACK + load[c] * KEY_LOAD + (k === 0 ? primaries[c] : 0);
      if (key > bestKey) continue;
      if (key === bestKey) {
        if (bestPairs < 0) bestPairs = pairsWithChosen(pairCounts, n, best, chosen);
        const shared = pairsWithChosen(pairCounts, n, c, chosen);
        if (shared >= bestPairs) continue;
        bestPairs = shared;
      } else bestPairs = -1;
      best = c;
      bestKey = key;
    }
    return best;
  };
  for (let shard = 0; shard < shardCount; shard++) {
    if (result[shard]) continue;
    const chosen: number[] = [];
    racksUsed.fill(0);
    for (let k = 0; k < replicationFactor; k++) {
      let best = -1;
      if (pairs) {
        // Start the scan at a seeded offset so equal candidates are chosen fairly.
        best = scanForBest(random.int(n), k, chosen);
      } else {
        for (let i = 0; i < SAMPLE_SIZE; i++) {
          const c = random.int(n);
          if (better(c, best, k, chosen)) best = c;
        }
        if (best < 0) for (let c = 0; c < n && best < 0; c++) if (!chosen.includes(c)) best = c;
      }
      chosen.push(best);
      racksUsed[rackOf[best]] = 1;
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
  /** Copies already on their way to it (queued or running). */
  incoming: number;
  /**
   * When this copy would land if it queued behind those at the node's rebuild bandwidth: (incoming + 1) × shard
   * size ÷ bandwidth, in whole ms. Lower is better: a node's ingress is what a rebuild waits on, so the copy goes
   * where it lands soonest, not where fewest replicas sit (that once stacked copies on a few nodes while hundreds idled).
   */
  landsInMs: number;
  /** Replicas it holds now: the tie-break that keeps storage balanced among nodes equally free. */
  held: number;
}

/** Rejections listed one by one up to this many nodes; above, counted by reason. */
const LIST_REJECTIONS_MAX_NODES = 32;

/**
 * The candidates for one new replica, read by position (0 … size − 1) without an object each: at 1,000 nodes a
 * rack's failover plans thousands of replicas, and a thousand candidate records per replica were most of a seek's
 * re-simulation (issue 12). `hardRejection` is read once per candidate.
 */
export interface CandidateTable {
  readonly size: number;
  id(i: number): string;
  rack(i: number): string;
  rackIndex(i: number): number;
  incoming(i: number): number;
  landsInMs(i: number): number;
  held(i: number): number;
  hardRejection(i: number): string | null;
}

/** A list of candidate records as a table. */
export function candidateTable(candidates: readonly TargetCandidateInfo[]): CandidateTable {
  return {
    size: candidates.length,
    id: (i) => candidates[i].id,
    rack: (i) => candidates[i].rack,
    rackIndex: (i) => candidates[i].rackIndex,
    incoming: (i) => candidates[i].incoming,
    landsInMs: (i) => candidates[i].landsInMs,
    held: (i) => candidates[i].held,
    hardRejection: (i) => candidates[i].hardRejection,
  };
}

/**
 * Picks the node that receives a new replica of one shard (DESIGN.md §2):
 * eligible nodes only; prefer racks that hold no surviving replica (relax the
 * rule, and say so, when none qualifies); then the node where the copy would
 * land soonest (fewest copies already coming in, for its bandwidth); then the
 * fewest replicas held; ties broken by the seeded stream. Returns the choice
 * with every rejected candidate and the reason it lost.
 */
export function chooseTarget(
  shardId: string,
  candidates: readonly TargetCandidateInfo[],
  occupiedRacks: ReadonlySet<number>,
  random: RandomStream,
  atMs: number,
): TargetChoice {
  return chooseTargetIn(shardId, candidateTable(candidates), occupiedRacks, random, atMs);
}

/** chooseTarget over a table of candidates: the same rules, the same answer, no record per candidate. */
export function chooseTargetIn(
  shardId: string,
  table: CandidateTable,
  occupiedRacks: ReadonlySet<number>,
  random: RandomStream,
  atMs: number,
): TargetChoice {
  const size = table.size;
  const rejection: (string | null)[] = new Array<string | null>(size);
  const lands = new Float64Array(size);
  // 0: hard-rejected; 1: eligible, in a rack without a replica; 2: eligible, in a rack that holds one.
  const kind = new Uint8Array(size);
  let eligible = 0;
  let diverse = 0;
  for (let i = 0; i < size; i++) {
    const reason = table.hardRejection(i);
    rejection[i] = reason;
    if (reason !== null) continue;
    eligible++;
    lands[i] = table.landsInMs(i);
    if (occupiedRacks.has(table.rackIndex(i))) kind[i] = 2;
    else {
      kind[i] = 1;
      diverse++;
    }
  }
  const rackRuleRelaxed = eligible > 0 && diverse === 0 && occupiedRacks.size > 0;
  // The pool: eligible nodes in racks without a replica, or every eligible node when there is none.
  const poolKind = diverse > 0 ? 1 : 2;

  let soonest = Infinity;
  for (let i = 0; i < size; i++) if (kind[i] === poolKind) soonest = Math.min(soonest, lands[i]);
  let fewestHeld = Infinity;
  for (let i = 0; i < size; i++) if (kind[i] === poolKind && lands[i] === soonest) fewestHeld = Math.min(fewestHeld, table.held(i));
  const tied: number[] = [];
  for (let i = 0; i < size; i++) if (kind[i] === poolKind && lands[i] === soonest && table.held(i) === fewestHeld) tied.push(i);
  const winner = tied.length > 0 ? tied[tied.length === 1 ? 0 : random.int(tied.length)] : -1;

  const listAll = size <= LIST_REJECTIONS_MAX_NODES;
  const rejected: Rejection[] = [];
  const rejectedMore: Record<string, number> = {};
  const reject = (i: number, reason: string, group: string) => {
    if (listAll) rejected.push({ node: table.id(i), reason });
    else rejectedMore[group] = (rejectedMore[group] ?? 0) + 1;
  };
  for (let i = 0; i < size; i++) {
    if (i === winner) continue;
    const hard = rejection[i];
    if (hard !== null) {
      if (listAll) reject(i, hard, '');
      else {
        // The group is the reason up to its first colon.
        const colon = hard.indexOf(':');
        reject(i, hard, colon < 0 ? hard : hard.slice(0, colon));
      }
    } else if (!rackRuleRelaxed && kind[i] === 2) {
      reject(i, listAll ? `rack ${table.rack(i)} already holds a replica` : '', 'rack already holds a replica');
    } else if (lands[i] > soonest) {
      reject(i, listAll ? `busier: ${copies(table.incoming(i))} coming in, it would land after ${seconds(lands[i])} vs ${seconds(soonest)}` : '', 'busier');
    } else if (table.held(i) > fewestHeld) {
      reject(i, listAll ? `as free, but holds more replicas: ${table.held(i)} vs ${fewestHeld}` : '', 'holds more replicas');
    } else {
      reject(i, listAll ? `tied (${copies(table.incoming(i))} coming in, ${table.held(i)} held); the seeded tie-break chose another` : '', 'lost the seeded tie-break');
    }
  }

  const summary =
    winner >= 0
      ? `${table.id(winner)} (rack ${table.rack(winner)}) takes ${shardId}: ` +
        (rackRuleRelaxed
          ? `no node outside the racks already holding ${shardId} could take it, so the rack rule was relaxed; `
          : occupiedRacks.size > 0
            ? `its rack holds no other replica; `
            : '') +
        `the copy lands soonest there (${copies(table.incoming(winner))} already coming in, so after ${seconds(soonest)}), ` +
        `then fewest replicas held (${fewestHeld})` +
        (tied.length > 1 ? `, tied with ${tied.length - 1} other node(s), broken by the seeded stream` : '') +
        `; ${size - 1} other node(s) rejected`
      : `no node can take ${shardId}: ${summarizeNoCandidate(rejection)}`;

  return {
    shard: shardId,
    target: winner >= 0 ? table.id(winner) : null,
    atMs,
    rackRuleRelaxed,
    candidates: size,
    rejected,
    rejectedMore,
    summary,
  };
}

const copies = (n: number) => (n === 1 ? '1 copy' : `${n} copies`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function summarizeNoCandidate(rejections: readonly (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const hard of rejections) {
    const reason = (hard ?? 'eligible').split(':')[0];
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).join(', ');
}

/** How many shards node `c` already shares with the replicas chosen so far (`pairs`: n × n counts). */
/**
 * scanForBest's key weights: a used rack outweighs any load, a load any primary count. Exact in a double while loads
 * and primary counts stay below 2^20 each: a node holds at most MAX_SHARDS (100,000) shards.
 */
const KEY_LOAD = 2 ** 20;
const KEY_RACK = 2 ** 40;

function pairsWithChosen(pairs: Int32Array, n: number, c: number, chosen: readonly number[]): number {
  let shared = 0;
  for (let j = 0; j < chosen.length; j++) shared += pairs[c * n + chosen[j]];
  return shared;
}
