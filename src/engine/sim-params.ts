/** The simulation's tunable settings: `params` in a scenario file, `config.set params.*` at run time. */
export interface SimParams {
  /** How often each node sends a heartbeat to `cp`. */
  heartbeatIntervalMs: number;
  /** Silence after which the monitor marks a node SUSPECT. */
  suspectAfterMs: number;
  /** Silence after which the monitor declares a node DEAD. */
  deadAfterMs: number;
  /** Extra wait after DEAD before re-homing starts (0 in ZeptoDB; minutes in CockroachDB/Ceph). */
  rehomeGraceMs: number;
  /** Rebuild bandwidth of each node, in and out separately. */
  rebuildBytesPerSecPerNode: number;
  /** At most this many incoming and this many outgoing copies per node at once. */
  maxConcurrentCopiesPerNode: number;
  /**
   * How long a copy stream may make no progress before the migrator gives up on it and re-plans the copy
   * (its target or source died, or the link between them is cut). The migrator learns of a dead end this
   * way, not from the monitor.
   */
  copyStreamTimeoutMs: number;
  /** One-way latency of every link unless overridden. */
  linkLatencyMs: number;
  /** Time each control-plane step of the failover path takes (router, coordinator, planning). */
  controlPlaneStepMs: number;
  /** Time a restarting node spends replaying its write-ahead log before it serves. */
  walReplayMs: number;
  /** Time the control plane takes to elect a new primary once it decides one is needed (Raft election timeout). */
  electionTimeoutMs: number;
  // ---- the write-ahead log (design recovery-repair.md §3.2–§3.3, §11.2)
  /** Bytes of each log record's header. Real anchor: PostgreSQL's XLogRecord is 24 bytes. */
  walRecordHeaderBytes: number;
  /** Bytes of a write's payload in its log record (a PUT is header + this). */
  walWriteBytes: number;
  /** Bytes per log segment file (display, and the "last segment" of tolerateCorruptedTail). Cassandra 32 MiB, etcd 64 MB. */
  walSegmentBytes: number;
  /** Most log records each node keeps itemised since its checkpoint; older ones fold into segment summaries. */
  walDetailRecordsPerNode: number;
}
