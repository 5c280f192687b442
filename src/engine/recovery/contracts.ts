import { formatRecordNo } from '../model/wal';
import type { ReplayStopReason, VerifyOnRestart, WalRecoveryMode } from '../recovery-types';
import type { NodeId, ShardId } from '../types';
import { classifyCatchUp, logReachFor, logTailCost, walRecordBytes } from '../sim/catch-up';
import { costOf } from '../sim/local-recovery';
import { fmtMs, formatBytes, record, type NodeRow, type ShardRow, type World } from '../sim/world';

/**
 * The seed chapter's recovery contracts (design recovery-repair.md §11.7) as a TS facade over the world:
 * `NodeRecovery` (ReplayLogs, RestoreSnapshot, VerifyIntegrity) and the part of `ReplicaRepair` local recovery
 * needs (SyncMissingEntries, for catch-up; the Merkle calls belong to anti-entropy, issue 13).
 *
 * 🅂 The engine does the work as events a learner steps through (a replay is many `wal.replayStep`s); a contract
 * call returns when its phase does, and answers from what the world then holds. The engine calls it at that
 * moment and records one `api.call` entry (detail, actor = the calling node, `data: {api, method, args, result}`),
 * so the log can be filtered to the contract being exercised, in the seed's `recover_node` order (exercise 4).
 * Reading only: a call changes nothing, so the run is the same with or without it.
 */

export interface NodeRecovery {
  /** §3.5: replay the node's log from the checkpoint (record number; 0 = from the log's start). */
  ReplayLogs(node: NodeId, checkpointId: number): ReplayStatus;
  /** §4: load the node's snapshot (a memory store), identified by its record number in the log. */
  RestoreSnapshot(node: NodeId, snapshotId: number): RestoreAck;
  /** §5.1, §6.2: check the node's replica files before it serves (verifyOnRestart). */
  VerifyIntegrity(node: NodeId, range: FileRange): IntegrityReport;
}

/** Phase 1's part of the seed's ReplicaRepair: catch-up streams what a replica misses (§5.3). */
export interface ReplicaRepair {
  SyncMissingEntries(replica: ReplicaId, diff: DiffReport): SyncAck;
}

export type ReplayStatus = {
  scanned: number;
  applied: number;
  skipped: number;
  discarded: number;
  stoppedAt: number | null;
  reason: ReplayStopReason;
  mode: WalRecoveryMode;
  ms: number;
};

export type RestoreAck = { snapshotId: number; replicas: number; bytes: number; ms: number; recordsAfter: number };

/** The data files a verify reads: the node's replica files (first and last shard id), how many, how many bytes. */
export type FileRange = { first: ShardId | null; last: ShardId | null; files: number; bytes: number };

export type IntegrityReport = {
  mode: VerifyOnRestart;
  /** Replica files checked (0 with verifyOnRestart none). */
  checked: number;
  bytesRead: number;
  ms: number;
  /** Replicas this verify found corrupt. */
  corrupt: ShardId[];
  ok: boolean;
};

export type ReplicaId = { node: NodeId; shard: ShardId };

/**
 * What a replica lacks against a peer. §11.7's fields (a Merkle diff fills depth, leaves and hashes; a log diff,
 * catch-up's, has none: depth 0), plus the LSNs missing, those to cut first, and the peer compared against.
 */
export type DiffReport = {
  shard: ShardId;
  depth: number;
  differingLeaves: number[];
  hashesExchanged: number;
  /** Entries (writes) missing. */
  keys: number;
  bytes: number;
  peer: NodeId;
  fromLsn: number;
  toLsn: number;
  truncate: { firstLsn: number; lastLsn: number } | null;
};

export type SyncAck = {
  /** How the entries come: from the peer's log, by a snapshot copy (migrator) then the tail, or nothing to fetch. */
  how: 'logTail' | 'snapshot' | 'none';
  source: NodeId;
  entries: number;
  bytes: number;
  /** Writes cut above the common point first. */
  truncated: number;
  /** The log tail's time (rtt + bytes / catchUpBytesPerSec); null for a snapshot, which the migrator paces. */
  ms: number | null;
};

export type ContractCall = {
  api: 'NodeRecovery' | 'ReplicaRepair';
  method: keyof NodeRecovery | keyof ReplicaRepair;
  args: Record<string, unknown>;
  result: ReplayStatus | RestoreAck | IntegrityReport | SyncAck;
};

// ------------------------------------------------------------ the facade

function nodeNamed(w: World, id: NodeId): NodeRow {
  const index = w.nodeIndexById.get(id);
  if (index === undefined) throw new Error(`no node ${id}`);
  return w.nodes[index];
}

export function nodeRecovery(w: World): NodeRecovery {
  return {
    ReplayLogs(id, checkpointId) {
      const run = nodeNamed(w, id).recovery.replay;
      if (!run || run.checkpointNo !== checkpointId) throw new Error(`${id} has no replay from checkpoint ${checkpointId}`);
      return {
        scanned: run.scanned,
        applied: run.applied,
        skipped: run.skipped,
        discarded: run.discarded,
        stoppedAt: run.stopNo,
        reason: run.reason,
        mode: run.mode,
        ms: costOf(w, run).totalMs,
      };
    },
    RestoreSnapshot(id, snapshotId) {
      const node = nodeNamed(w, id);
      const run = node.recovery.replay;
      if (!run || node.wal.checkpointNo !== snapshotId) throw new Error(`${id} has no snapshot ${snapshotId} loaded`);
      return { snapshotId, replicas: node.disk.size, bytes: run.snapshotBytes, ms: run.snapshotMs, recordsAfter: node.wal.lastNo - snapshotId };
    },
    VerifyIntegrity(id, range) {
      const node = nodeNamed(w, id);
      const mode = w.params.verifyOnRestart;
      const bytesRead = mode === 'full' ? range.bytes : 0;
      // What this verify found is what cp learned from it just now (corruption.ts records it as found by 'verify').
      const corrupt: ShardId[] = [];
      for (const [s, known] of w.corruption.known.get(node.index) ?? [])
        if (known.by === 'verify' && known.atMs === w.nowMs) corrupt.push(w.shards[s].id);
      corrupt.sort();
      return {
        mode,
        checked: mode === 'none' ? 0 : range.files,
        bytesRead,
        ms: (bytesRead * 1000) / w.params.scrubBytesPerSec,
        corrupt,
        ok: corrupt.length === 0,
      };
    },
  };
}

export function replicaRepair(w: World): ReplicaRepair {
  return {
    SyncMissingEntries(replica, diff) {
      const shard = w.shards.find((s) => s.id === replica.shard);
      if (!shard) throw new Error(`no shard ${replica.shard}`);
      return syncAckOf(w, nodeNamed(w, replica.node), shard, diff);
    },
  };
}

/**
 * How the missing entries come (§5.3): from the peer's log while it still reaches back past the replica's position
 * (`logReachFor`, the truncation hold included), else a snapshot copy and then the tail.
 */
function syncAckOf(w: World, node: NodeRow, shard: ShardRow, diff: DiffReport): SyncAck {
  const source = nodeNamed(w, diff.peer);
  const truncated = diff.truncate ? diff.truncate.lastLsn - diff.truncate.firstLsn + 1 : 0;
  const base = { source: source.id, entries: diff.keys, truncated };
  if (diff.keys === 0) return { ...base, how: 'none', bytes: 0, ms: 0 };
  if (diff.fromLsn - 1 >= logReachFor(w, shard, node).firstLsn - 1) {
    const cost = logTailCost(w, source, node, diff.keys);
    return { ...base, how: 'logTail', bytes: diff.keys * cost.recordBytes, ms: cost.ms };
  }
  return { ...base, how: 'snapshot', bytes: w.shardSizeBytes, ms: null };
}

// ------------------------------------------------------------ the engine's calls, each an api.call entry

function recordCall(w: World, caller: NodeRow, call: ContractCall, text: string): void {
  record(w, caller.id, 'api.call', `${caller.id} calls ${call.api}.${call.method}${text}`, 'detail', call);
}

/** A replay returned (finished, stopped or refused): the node's ReplayLogs call answers. */
export function callReplayLogs(w: World, node: NodeRow): void {
  const checkpointId = node.recovery.replay?.checkpointNo ?? 0;
  const result = nodeRecovery(w).ReplayLogs(node.id, checkpointId);
  const from = checkpointId === 0 ? 'no checkpoint: from the log’s start' : `checkpoint ${formatRecordNo(checkpointId)}`;
  const end =
    result.reason === 'refused'
      ? `refused at ${formatRecordNo(result.stoppedAt ?? 0)}: it does not start`
      : result.stoppedAt === null
        ? 'read to the end'
        : `stopped at ${formatRecordNo(result.stoppedAt)} (${STOP_WORDS[result.reason]})`;
  recordCall(
    w,
    node,
    { api: 'NodeRecovery', method: 'ReplayLogs', args: { node: node.id, checkpointId }, result },
    `(${from}): ${result.scanned.toLocaleString('en-US')} scanned, ${result.applied.toLocaleString('en-US')} applied, ` +
      `${result.skipped.toLocaleString('en-US')} skipped, ${result.discarded.toLocaleString('en-US')} discarded; ${end}; ` +
      `mode ${result.mode}; ${fmtMs(result.ms)}.`,
  );
}

const STOP_WORDS: Record<ReplayStopReason, string> = {
  end: 'end of log',
  torn: 'torn record',
  crc: 'checksum mismatch',
  prevLink: 'bad prev-link',
  refused: 'refused',
};

/** A memory store's snapshot is in memory: its RestoreSnapshot call answers. */
export function callRestoreSnapshot(w: World, node: NodeRow): void {
  const snapshotId = node.wal.checkpointNo;
  const result = nodeRecovery(w).RestoreSnapshot(node.id, snapshotId);
  recordCall(
    w,
    node,
    { api: 'NodeRecovery', method: 'RestoreSnapshot', args: { node: node.id, snapshotId }, result },
    `(snapshot ${formatRecordNo(snapshotId)}): ${result.replicas} replica(s), ${formatBytes(result.bytes)} loaded in ${fmtMs(result.ms)}; ` +
      `${result.recordsAfter.toLocaleString('en-US')} record(s) follow.`,
  );
}

/** The node's replica files, as they are when the verify begins to read them. */
export function replicaFilesOf(w: World, node: NodeRow): FileRange {
  const ids = [...node.disk.keys()].map((s) => w.shards[s].id).sort();
  return { first: ids[0] ?? null, last: ids[ids.length - 1] ?? null, files: ids.length, bytes: ids.length * w.shardSizeBytes };
}

/** The verifying phase ran its checks over `range`: the node's VerifyIntegrity call answers. */
export function callVerifyIntegrity(w: World, node: NodeRow, range: FileRange): void {
  const result = nodeRecovery(w).VerifyIntegrity(node.id, range);
  const files = range.files === 0 ? 'no replica files' : `${range.files} replica file(s) ${range.first === range.last ? range.first : `${range.first}–${range.last}`}`;
  const how =
    result.mode === 'none'
      ? 'nothing checked (verifyOnRestart none)'
      : result.mode === 'metadata'
        ? `header checksums checked (verifyOnRestart metadata)`
        : `${formatBytes(result.bytesRead)} read in ${fmtMs(result.ms)} (verifyOnRestart full)`;
  recordCall(
    w,
    node,
    { api: 'NodeRecovery', method: 'VerifyIntegrity', args: { node: node.id, range }, result },
    `(${files}, ${formatBytes(range.bytes)}): ${how}; ${result.ok ? (result.mode === 'none' ? 'passes' : 'all pass') : `${result.corrupt.join(', ')} corrupt`}.`,
  );
}

/**
 * The diff catch-up works from, before it starts: the entries the replica lacks against its source, as catch-up.ts
 * classifies them (a log diff: no Merkle tree, depth 0).
 */
export function catchUpDiff(w: World, shard: ShardRow, node: NodeRow, source: NodeRow): DiffReport {
  const plan = classifyCatchUp(w, shard, node);
  return {
    shard: shard.id,
    depth: 0,
    differingLeaves: [],
    hashesExchanged: 0,
    keys: plan.missed,
    bytes: plan.missed * walRecordBytes(w),
    peer: source.id,
    fromLsn: plan.fromLsn + 1,
    toLsn: plan.fromLsn + plan.missed,
    truncate: plan.truncate,
  };
}

/** A lagging replica hears its source and asks for what it lacks: its SyncMissingEntries call answers how it will come. */
export function callSyncMissingEntries(w: World, shard: ShardRow, node: NodeRow, source: NodeRow): void {
  const diff = catchUpDiff(w, shard, node, source);
  const replica: ReplicaId = { node: node.id, shard: shard.id };
  const result = syncAckOf(w, node, shard, diff);
  const missing =
    diff.keys === 0 ? 'nothing missing' : `${diff.keys} missing entr${diff.keys === 1 ? 'y' : 'ies'} LSN ${diff.fromLsn}–${diff.toLsn}`;
  const cut = diff.truncate ? `, LSN ${diff.truncate.firstLsn}–${diff.truncate.lastLsn} to cut first` : '';
  const how =
    result.how === 'none'
      ? 'nothing to fetch'
      : result.how === 'logTail'
        ? `log tail, ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}, ${formatBytes(result.bytes)}, ${fmtMs(result.ms ?? 0)}`
        : `by snapshot, ${formatBytes(result.bytes)} copied by the migrator, then the log tail`;
  recordCall(
    w,
    node,
    { api: 'ReplicaRepair', method: 'SyncMissingEntries', args: { replica, diff }, result },
    `(${diff.shard} on ${node.id}, ${missing}${cut} from ${diff.peer}): ${how}.`,
  );
}
