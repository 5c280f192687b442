import type { MetricsSample } from '../store/view-model';

/**
 * Metric samples as they cross to the page in bulk: a seek forward sends up to 1,200 of them, each with a record of
 * every node's rebuild bytes (100 keys at 100 nodes), and cloning those records cost more than the rest of the
 * frame but the trace. Packed, every number travels in typed arrays and each node name once; the page rebuilds the
 * samples in one loop, equal field for field and in key order (packed-trace.ts does the same for the trace).
 */
export interface PackedHistory {
  count: number;
  /** The sample's numbers, NUMBER_FIELDS.length per sample. */
  numbers: Float64Array;
  /** How many nodes each sample's bytesInByNode names; SAME_RECORD: the very record of the sample before. */
  nodeCounts: Uint32Array;
  /** Each named node (into `nodeNames`) and its bytes, sample after sample, in the record's key order. */
  nodeRefs: Uint32Array;
  nodeBytes: Float64Array;
  nodeNames: string[];
}

/** A sample whose bytesInByNode is the previous sample's own object (the recorder reuses an unchanged one). */
const SAME_RECORD = 0xffffffff;

/** Below this many samples a frame sends them as they are. */
export const PACK_HISTORY_FROM = 64;

/** A sample's keys in order, bytesInByNode among them. */
const FIELDS = [
  'timeMs',
  'underReplicated',
  'underReplicatedTruth',
  'lost',
  'rebuildBytesRemaining',
  'copiesInFlight',
  'bytesInByNode',
  'writesAcked',
  'writesFailed',
  'staleKeysTruth',
  'staleKeysKnown',
  'hintsPending',
] as const;
const NUMBER_FIELDS = FIELDS.filter((f) => f !== 'bytesInByNode') as Exclude<(typeof FIELDS)[number], 'bytesInByNode'>[];
const N = NUMBER_FIELDS.length;

/** Whether samples can travel packed: each has exactly a MetricsSample's keys in order, numbers and a plain record of numbers. */
export function packableHistory(samples: readonly MetricsSample[]): boolean {
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    let keys = 0;
    for (const key in s) if (key !== FIELDS[keys++]) return false;
    if (keys !== FIELDS.length) return false;
    for (const field of NUMBER_FIELDS) if (typeof s[field] !== 'number') return false;
    const byNode = s.bytesInByNode as unknown;
    if (i > 0 && byNode === samples[i - 1].bytesInByNode) continue; // checked with the sample before
    if (typeof byNode !== 'object' || byNode === null || Object.getPrototypeOf(byNode) !== Object.prototype) return false;
    for (const node in byNode) {
      // '__proto__' cannot be set back as a plain key by assignment.
      if (node === '__proto__' || !Object.prototype.hasOwnProperty.call(byNode, node) || typeof (byNode as Record<string, unknown>)[node] !== 'number') return false;
    }
  }
  return true;
}

export function packHistory(samples: readonly MetricsSample[]): PackedHistory {
  const count = samples.length;
  const numbers = new Float64Array(count * N);
  const nodeCounts = new Uint32Array(count);
  const refs: number[] = [];
  const bytes: number[] = [];
  const nodeNames: string[] = [];
  const nodeIndex = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const s = samples[i];
    for (let f = 0; f < N; f++) numbers[i * N + f] = s[NUMBER_FIELDS[f]];
    if (i > 0 && s.bytesInByNode === samples[i - 1].bytesInByNode) {
      nodeCounts[i] = SAME_RECORD;
      continue;
    }
    let named = 0;
    for (const node in s.bytesInByNode) {
      let at = nodeIndex.get(node);
      if (at === undefined) {
        at = nodeNames.length;
        nodeNames.push(node);
        nodeIndex.set(node, at);
      }
      refs.push(at);
      bytes.push(s.bytesInByNode[node]);
      named++;
    }
    nodeCounts[i] = named;
  }
  return { count, numbers, nodeCounts, nodeRefs: Uint32Array.from(refs), nodeBytes: Float64Array.from(bytes), nodeNames };
}

export function unpackHistory(packed: PackedHistory): MetricsSample[] {
  const { count, numbers, nodeCounts, nodeRefs, nodeBytes, nodeNames } = packed;
  const out = new Array<MetricsSample>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let bytesInByNode: Record<string, number>;
    if (nodeCounts[i] === SAME_RECORD) {
      // Never the first of a batch (packHistory); a malformed one reads as no node, not a 2³²-step loop.
      bytesInByNode = i > 0 ? out[i - 1].bytesInByNode : {};
    } else {
      bytesInByNode = {};
      for (let end = at + nodeCounts[i]; at < end; at++) bytesInByNode[nodeNames[nodeRefs[at]]] = nodeBytes[at];
    }
    const o = i * N;
    // The literal spells FIELDS' order; packed-history.test.ts checks the keys against the originals'.
    out[i] = {
      timeMs: numbers[o],
      underReplicated: numbers[o + 1],
      underReplicatedTruth: numbers[o + 2],
      lost: numbers[o + 3],
      rebuildBytesRemaining: numbers[o + 4],
      copiesInFlight: numbers[o + 5],
      bytesInByNode,
      writesAcked: numbers[o + 6],
      writesFailed: numbers[o + 7],
      staleKeysTruth: numbers[o + 8],
      staleKeysKnown: numbers[o + 9],
      hintsPending: numbers[o + 10],
    };
  }
  return out;
}
