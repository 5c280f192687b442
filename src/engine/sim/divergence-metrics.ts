import type { Metrics } from '../types';
import type { World } from './world';

/** Bytes of one Merkle hash (Cassandra's MerkleTree uses 32-byte hashes; design §7.3). */
export const MERKLE_HASH_BYTES = 32;

type DivergenceMetrics = Pick<
  Metrics,
  | 'divergentReplicasTruth'
  | 'staleKeysTruth'
  | 'staleKeysKnown'
  | 'readRepairs'
  | 'readsBlockedMs'
  | 'staleReadsServed'
  | 'hintsStored'
  | 'hintsDelivered'
  | 'hintsExpired'
  | 'hintsLost'
  | 'hintsPending'
  | 'merkleHashesExchanged'
  | 'merkleBytesExchanged'
  | 'validationBytes'
  | 'repairStreamedKeys'
  | 'repairStreamedBytes'
  | 'overstreamFactor'
  | 'repairedFraction'
>;

/** The divergence and repair metrics (design §11.5), from the running totals in `w.divergence`. */
export function divergenceMetrics(w: World): DivergenceMetrics {
  const c = w.divergence.counters;
  let divergentReplicas = 0;
  for (const div of w.divergence.byShard.values()) divergentReplicas += div.stale.size;
  return {
    divergentReplicasTruth: divergentReplicas,
    staleKeysTruth: w.divergence.staleKeysTruth,
    staleKeysKnown: c.staleKeysKnown,
    readRepairs: c.readRepairs,
    readsBlockedMs: c.readsBlockedMs,
    staleReadsServed: c.staleReadsServed,
    hintsStored: c.hintsStored,
    hintsDelivered: c.hintsDelivered,
    hintsExpired: c.hintsExpired,
    hintsLost: c.hintsLost,
    hintsPending: c.hintsPending,
    merkleHashesExchanged: c.merkleHashesExchanged,
    merkleBytesExchanged: c.merkleHashesExchanged * MERKLE_HASH_BYTES,
    validationBytes: c.validationBytes,
    repairStreamedKeys: c.repairStreamedKeys,
    repairStreamedBytes: c.repairStreamedBytes,
    overstreamFactor: c.repairStaleKeysStreamed > 0 ? c.repairStreamedKeys / c.repairStaleKeysStreamed : null,
    repairedFraction: c.repairedFraction,
  };
}
