/**
 * What a heartbeat's trace entries say and carry, one of each per node id, shared by every entry that names it.
 * At 1,000 nodes the trace window is 50,000 heartbeat entries (25 simulated seconds), kept again by each of the
 * console's snapshots; a string and a data object made per entry were most of each snapshot's bytes. The words are
 * the same characters as before, so traces and digests are unchanged. Entries never change once recorded, so the
 * shared data is frozen.
 */
export interface HeartbeatWords {
  sent: string;
  received: string;
  data: Readonly<{ node: string }>;
}

/** Per node id: a pure cache (the words are a function of the id alone), shared by every run in this realm. */
const cache = new Map<string, HeartbeatWords>();
/** A run with this many distinct node ids is no classroom: past it the words are made per entry, as before. */
const CACHE_LIMIT_IDS = 20_000;

export function heartbeatWords(nodeId: string): HeartbeatWords {
  const known = cache.get(nodeId);
  if (known) return known;
  const words: HeartbeatWords = {
    sent: `${nodeId} sends a heartbeat to cp.`,
    received: `cp hears from ${nodeId}.`,
    data: Object.freeze({ node: nodeId }),
  };
  if (cache.size < CACHE_LIMIT_IDS) cache.set(nodeId, words);
  return words;
}
