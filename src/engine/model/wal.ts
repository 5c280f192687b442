import { hashString } from '../sim/random';

/**
 * One node's write-ahead log, as data (design recovery-repair.md §3.2). Pure: no world, no clock.
 *
 * Real anchors: PostgreSQL's XLogRecord (24-byte header with xl_tot_len, xl_xid, xl_prev, xl_crc),
 * etcd's typed records with a rolling CRC, RocksDB's CRC + length + type fragments. The simulator keeps
 * one log per node interleaving all its shards, as PostgreSQL, RocksDB and Cassandra do.
 */

export type WalRecordType =
  /** A write; txn 0 = autocommit: committed once durable and at or below the commit the node knows. */
  | 'PUT'
  /** A transaction's commit record (PostgreSQL/ARIES style). */
  | 'COMMIT'
  | 'ABORT'
  /** Two-phase commit, phase 1. */
  | 'PREPARE'
  /** Compensation record written while undoing (ARIES). */
  | 'CLR'
  /** Raft HardState {term, commit}: etcd's StateType. */
  | 'STATE'
  /** Checkpoint (page stores) or snapshot (memory stores) marker: replay starts after it. */
  | 'CHECKPOINT';

export const WAL_RECORD_TYPES: readonly WalRecordType[] = ['PUT', 'COMMIT', 'ABORT', 'PREPARE', 'CLR', 'STATE', 'CHECKPOINT'];

/** Numeric codes for the typed-array buffer (index into WAL_RECORD_TYPES). */
export const WAL_TYPE_CODE: { readonly [T in WalRecordType]: number } = {
  PUT: 0,
  COMMIT: 1,
  ABORT: 2,
  PREPARE: 3,
  CLR: 4,
  STATE: 5,
  CHECKPOINT: 6,
};

export interface WalRecord {
  /** Node-local record number, 1, 2, … (shown "#1,219"). */
  no: number;
  /** Byte offset in the node's log: the node-local LSN in PostgreSQL's sense (shown "0/0012D3A0"). */
  offset: number;
  /** Offset of the previous record (PostgreSQL xl_prev): a guard against stale records from torn pages. */
  prev: number;
  /** Shard index, or -1 for STATE and CHECKPOINT records. */
  shard: number;
  /** The shard's replication LSN (its Raft index); 0 for STATE and CHECKPOINT. */
  shardLsn: number;
  /** 0 = autocommit. */
  txn: number;
  type: WalRecordType;
  /** Header plus payload. */
  bytes: number;
  /** The checksum stored with the record when it was written. */
  crc: number;
}

/** Per-record state bits kept beside the record in the node's buffer. */
export const WalFlag = {
  /** Reached stable storage (fsync): survives a power loss. */
  Synced: 1,
  /** Only part of the record reached the disk. */
  Torn: 2,
  /** A bit changed after it was written: the stored checksum no longer matches. */
  BitFlipped: 4,
  /** Replay applied it (set at most once: the idempotency invariant counts a second time). */
  Applied: 8,
  /** Replay read it and did not apply it (uncommitted, or after the stop point). */
  Discarded: 16,
  /** Replay found the data already held it (page-LSN rule). */
  Skipped: 32,
  /** The prev-link does not point to the record before it. */
  BadPrev: 64,
  /** Carries a full image of its shard's page (the first PUT after a checkpoint, with fullPageWrites, design §3.3). */
  FullPage: 128,
} as const;

/**
 * The checksum a record's fields give (🅂 the house FNV-1a over the fields, not CRC-32C over bytes:
 * verification is "recompute and compare", which is what every real log does).
 */
export function walChecksum(r: Omit<WalRecord, 'crc'>): number {
  return hashString(`${r.no}|${r.offset}|${r.prev}|${r.shard}|${r.shardLsn}|${r.txn}|${r.type}|${r.bytes}`);
}

/** "0/0012D3A0": the way PostgreSQL prints a log position (high 32 bits / low 32 bits, hex). */
export function formatLogOffset(offset: number): string {
  const high = Math.floor(offset / 0x100000000);
  const low = offset % 0x100000000;
  return `${high.toString(16).toUpperCase()}/${low.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** "#1,219". Grouped by hand: toLocaleString goes through ICU, and every replay step names records. */
export function formatRecordNo(no: number): string {
  const digits = String(Math.trunc(Math.abs(no)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return `#${no < 0 ? '-' : ''}${out}`;
}

/** A checksum as 8 hex digits. */
export function formatChecksum(crc: number): string {
  return (crc >>> 0).toString(16).padStart(8, '0');
}
