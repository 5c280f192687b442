// Goal (issue 12, seeks at 1,000 nodes): a rack's failover plans thousands of replicas, each choosing among every
// node; chooseTargetIn reads the candidates in place instead of building a record per node. The learner must see the
// same choice and the same explanation as before — winner, tie-break, every rejection and its count, the summary —
// so it is checked against the rules as first written (kept below as the reference), on random clusters small (each
// rejection listed) and large (rejections counted by reason).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../sim/random';
import type { Rejection, TargetChoice } from '../types';
import { candidateTable, chooseTargetIn, type TargetCandidateInfo } from './placement';

const REASONS = [null, null, null, null, 'holds a replica', 'already receiving a copy of this shard', 'not ACTIVE: the monitor says DEAD', 'not ACTIVE: the monitor says SUSPECT', 'a copy to it failed', 'holds a corrupt copy of this shard'];

const cluster = fc.integer({ min: 1, max: 80 }).chain((size) =>
  fc.record({
    racks: fc.integer({ min: 1, max: 12 }),
    nodes: fc.array(
      fc.record({ reason: fc.constantFrom(...REASONS), incoming: fc.integer({ min: 0, max: 3 }), held: fc.integer({ min: 98, max: 101 }), bandwidth: fc.constantFrom(1, 2) }),
      { minLength: size, maxLength: size },
    ),
    occupied: fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  }),
);

describe('chooseTargetIn: the same choice and explanation as the rules as first written', () => {
  it('on random clusters of 1 to 80 nodes', () => {
    fc.assert(
      fc.property(cluster, ({ racks, nodes, occupied, seed }) => {
        const candidates: TargetCandidateInfo[] = nodes.map((n, index) => ({
          index,
          id: `n${index + 1}`,
          rack: `r${(index % racks) + 1}`,
          rackIndex: index % racks,
          incoming: n.incoming,
          landsInMs: Math.ceil(((n.incoming + 1) * 1000) / n.bandwidth),
          held: n.held,
          hardRejection: n.reason,
        }));
        const racksTaken = new Set(occupied.filter((r) => r < racks));
        const a = new RandomStream(seed, 't');
        const b = new RandomStream(seed, 't');
        // As JSON: the counts by reason keep their order too (the explanation lists them in it).
        const ours = JSON.stringify(chooseTargetIn('s042', candidateTable(candidates), racksTaken, a, 7));
        expect(ours).toBe(JSON.stringify(referenceChooseTarget('s042', candidates, racksTaken, b, 7)));
        // The seeded stream moved the same way: the next tie-break is the same too.
        expect(a.int(1000)).toBe(b.int(1000));
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});

// ------------------------------------------------------------ the reference: chooseTarget as of da928c7

const LIST_REJECTIONS_MAX_NODES = 32;
function referenceChooseTarget(
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

  let soonest = Infinity;
  for (const c of pool) soonest = Math.min(soonest, c.landsInMs);
  let fewestHeld = Infinity;
  for (const c of pool) if (c.landsInMs === soonest) fewestHeld = Math.min(fewestHeld, c.held);
  const tied = pool.filter((c) => c.landsInMs === soonest && c.held === fewestHeld);
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
    else if (c.landsInMs > soonest)
      reject(c, `busier: ${copies(c.incoming)} coming in, it would land after ${seconds(c.landsInMs)} vs ${seconds(soonest)}`, 'busier');
    else if (c.held > fewestHeld) reject(c, `as free, but holds more replicas: ${c.held} vs ${fewestHeld}`, 'holds more replicas');
    else reject(c, `tied (${copies(c.incoming)} coming in, ${c.held} held); the seeded tie-break chose another`, 'lost the seeded tie-break');
  }

  const summary = winner
    ? `${winner.id} (rack ${winner.rack}) takes ${shardId}: ` +
      (rackRuleRelaxed
        ? `no node outside the racks already holding ${shardId} could take it, so the rack rule was relaxed; `
        : occupiedRacks.size > 0
          ? `its rack holds no other replica; `
          : '') +
      `the copy lands soonest there (${copies(winner.incoming)} already coming in, so after ${seconds(soonest)}), ` +
      `then fewest replicas held (${fewestHeld})` +
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

const copies = (n: number) => (n === 1 ? '1 copy' : `${n} copies`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function summarizeNoCandidate(candidates: readonly TargetCandidateInfo[]): string {
  const counts = new Map<string, number>();
  for (const c of candidates) {
    const reason = (c.hardRejection ?? 'eligible').split(':')[0];
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).join(', ');
}
