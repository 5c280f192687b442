import type { Scheduled } from './event-queue';
import type { SimEvent } from './rows';

/**
 * The world's corruption record (design recovery-repair.md §6): what is truly corrupt, what cp knows of it,
 * and each node's scrub. Sparse: a healthy cluster holds empty maps. Owned by corruption.ts and scrub.ts;
 * the migrator reads it (a corrupt replica is never a copy source) and shard-events drops a removed corrupt
 * copy once its shard is back at RF.
 */

/** `bitRot` passes a light scrub and a header check; a `tornPage` (a partial page write) fails them too. */
export type CorruptionKind = 'bitRot' | 'tornPage';

/** What found it: a client read's checksum, a copy reading its source, a scrub, a restart's verify, a repair. */
export type DetectedBy = 'read' | 'copy' | 'lightScrub' | 'deepScrub' | 'verify' | 'repair';

/** Truth: a replica whose data no longer matches its checksums. */
export interface CorruptReplica {
  keys: number;
  kind: CorruptionKind;
  atMs: number;
}

/**
 * Belief: cp knows the replica is corrupt, and what it did: `removed` from placement (re-replicated; the copy stays
 * on disk until the shard is back at RF), shard flagged `inconsistent` (waits for `shard.repair`), or `kept` where
 * removing it would lose acknowledged writes no good copy holds (`note` says why).
 */
export interface KnownCorruption {
  atMs: number;
  by: DetectedBy;
  response: 'removed' | 'inconsistent' | 'kept';
  note: string;
}

/** A deep scrub under way on one node: its replicas in shard order, read one after another at scrubBytesPerSec. */
export interface DeepScrubPass {
  shards: number[];
  cursor: number;
  startedAtMs: number;
  /** When the replica at `cursor` has been read. */
  stepDueMs: number;
  bytes: number;
  found: number;
}

/** One node's scrub clock: its next light and deep scrub, the pass under way, its one pending tick. */
export interface NodeScrub {
  /** Where in each interval this node's light and deep scrubs fall (0–1), drawn once from `node:<id>:scrub`. */
  lightPhase: number;
  deepPhase: number;
  lightDueMs: number;
  deepDueMs: number;
  pass: DeepScrubPass | null;
  timer: Scheduled<SimEvent> | null;
}

export interface CorruptionRecord {
  /** node → shard → the corruption there (truth). */
  truth: Map<number, Map<number, CorruptReplica>>;
  /** node → shard → what cp knows (belief). */
  known: Map<number, Map<number, KnownCorruption>>;
  /** Known-corrupt copies taken out of placement and off the disk map: shard → node → the LSN it held. */
  quarantined: Map<number, Map<number, number>>;
  /** Shards flagged inconsistent (Ceph's PG state) → since when. */
  inconsistent: Map<number, number>;
  /** `node:shard` of corrupt copy sources whose stream is about to fail its checksums (a detection on the clock). */
  copyReadsPending: Set<string>;
  /** Per node, once any scrub interval is on. */
  scrubs: Map<number, NodeScrub>;
  /** Operator scrubs (`scrub.run`) under way: shard → its pending end. */
  shardScrubs: Map<number, Scheduled<SimEvent>>;
  scrubBytes: number;
  /** Time from the last detected corruption's appearance to its detection. */
  lastDetectionDelayMs: number | null;
}

export function newCorruptionRecord(): CorruptionRecord {
  return {
    truth: new Map(),
    known: new Map(),
    quarantined: new Map(),
    inconsistent: new Map(),
    copyReadsPending: new Set(),
    scrubs: new Map(),
    shardScrubs: new Map(),
    scrubBytes: 0,
    lastDetectionDelayMs: null,
  };
}

export function corruptionAt(rec: CorruptionRecord, node: number, shard: number): CorruptReplica | undefined {
  return rec.truth.get(node)?.get(shard);
}

export function knownCorruptionAt(rec: CorruptionRecord, node: number, shard: number): KnownCorruption | undefined {
  return rec.known.get(node)?.get(shard);
}

export function isQuarantined(rec: CorruptionRecord, node: number, shard: number): boolean {
  return rec.quarantined.get(shard)?.has(node) ?? false;
}

/** How many of the node's copies cp knows are corrupt (on its disk, or removed and awaiting deletion): NodeView.recovery.corruptKnown. */
export function knownCorruptOn(rec: CorruptionRecord, node: number): number {
  const known = rec.known.get(node);
  if (!known) return 0;
  let n = 0;
  for (const shard of known.keys()) if (rec.truth.get(node)?.has(shard)) n++;
  return n;
}

/** Forgets the replica's corruption, truth and belief (a fresh copy landed, a repair rewrote it, the copy was deleted). */
export function clearCorruption(rec: CorruptionRecord, node: number, shard: number): void {
  const truth = rec.truth.get(node);
  if (truth?.delete(shard) && truth.size === 0) rec.truth.delete(node);
  const known = rec.known.get(node);
  if (known?.delete(shard) && known.size === 0) rec.known.delete(node);
  rec.copyReadsPending.delete(`${node}:${shard}`);
}

/**
 * The shard is back at RF: its removed corrupt copies are deleted now (HDFS keeps a corrupt replica until enough
 * good ones exist). Returns the nodes they were on.
 */
export function deleteQuarantined(rec: CorruptionRecord, shard: number): number[] {
  const held = rec.quarantined.get(shard);
  if (!held) return [];
  rec.quarantined.delete(shard);
  const nodes = [...held.keys()];
  for (const node of nodes) clearCorruption(rec, node, shard);
  return nodes;
}
