import { hashedText, packedKind, type PackedKind } from './trace';

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

/** The two kinds of a heartbeat's entries for one run's nodes, packed: subject and index, no numbers. */
export interface HeartbeatKinds {
  /** Actor the node: "<node> sends a heartbeat to cp." */
  sent: PackedKind<undefined>;
  /** Actor cp, the node by its index: "cp hears from <node>." */
  received: PackedKind<undefined>;
}

/**
 * The run's heartbeat kinds, by its node table, held weakly (no module-level reference may keep a finished run alive).
 * Packed (trace.ts recordPacked), a heartbeat's entry is no object until it is read, and its words are hashed once a
 * run: every node sends one a second and cp records hearing it (bench case b: 34,000 entries a run; at 1,000 nodes
 * they are the whole trace window). Text, data and digest are what `record` gave for them.
 */
export function heartbeatKinds(nodes: readonly { id: string }[]): HeartbeatKinds {
  let kinds = KINDS.get(nodes);
  if (kinds === undefined) KINDS.set(nodes, (kinds = newHeartbeatKinds(nodes)));
  return kinds;
}

const KINDS = new WeakMap<readonly { id: string }[], HeartbeatKinds>();

function newHeartbeatKinds(nodes: readonly { id: string }[]): HeartbeatKinds {
  const words = nodes.map((n) => heartbeatWords(n.id));
  const sentWords = words.map((x) => hashedText(x.sent));
  const receivedWords = words.map((x) => hashedText(x.received));
  const data = (_subject: string, index: number) => words[index].data;
  return {
    sent: packedKind<undefined>({ kind: 'heartbeat.sent', level: 'detail', subjectDigits: null, spell: (out, _s, index) => out.hashed(sentWords[index]), data }),
    received: packedKind<undefined>({
      kind: 'heartbeat.received',
      level: 'detail',
      subjectDigits: null,
      spell: (out, _s, index) => out.hashed(receivedWords[index]),
      data,
    }),
  };
}
