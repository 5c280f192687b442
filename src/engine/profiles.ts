import type { FailoverConfig, ProfileId, SimParams } from './types';

/**
 * How real systems react to the same fault (DESIGN.md §2, domain facts §1,
 * §2.2, §6). A scenario's `profile` presets these knobs; any value the
 * scenario sets itself still wins. The rules a profile changes inside the
 * engine (what happens when a node returns) are named here too, so the trace
 * can say which rule applied.
 */
export interface Profile {
  id: ProfileId;
  title: string;
  /** One line for menus and the trace. */
  summary: string;
  params: Partial<SimParams>;
  failover: Partial<FailoverConfig>;
  /** The trace's words for a node that returns after its shards were re-homed elsewhere. */
  returnAfterRehome: string;
  /** The trace's words for a node that returns while its shards are still short of replicas. */
  returnWithoutRehome: string;
}

export const PROFILES: { readonly [K in ProfileId]: Profile } = {
  zeptodb: {
    id: 'zeptodb',
    title: 'ZeptoDB-like',
    summary: 're-replicates the moment a node is declared DEAD; no grace period',
    // An in-memory store: a restart loads the last snapshot and replays the log after it (§4).
    params: {
      rehomeGraceMs: 0,
      stateStore: 'memory',
      snapshotEveryRecords: 1000,
      walSyncMode: 'perCommit',
      walRecoveryMode: 'pointInTime',
      corruptionResponse: 'reReplicate',
    },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'ZeptoDB-like rule: the re-homed copies are the replicas now; the returning ones are stale and dropped',
    returnWithoutRehome: 'ZeptoDB-like rule: a returning copy that is still needed rejoins and catches up',
  },
  rethinkdb: {
    id: 'rethinkdb',
    title: 'RethinkDB-like',
    summary: 'fails primaries over only with a majority of voters; never re-replicates on its own; emergency repair by hand',
    // heartbeat_timeout_secs defaults to 10 s; Raft election timeout 1–2 s.
    params: {
      deadAfterMs: 10000,
      electionTimeoutMs: 1500,
      rehomeGraceMs: 0,
      stateStore: 'pages',
      walSyncMode: 'perCommit',
      walRecoveryMode: 'pointInTime',
      corruptionResponse: 'reReplicate',
    },
    failover: { autoReReplicate: false },
    returnAfterRehome: 'RethinkDB-like rule: the table was reconfigured without it, so its copies are dropped',
    returnWithoutRehome:
      'RethinkDB-like rule: the table configuration still lists it, so it backfills and serves again (and a configured primary takes its role back)',
  },
  cockroachdb: {
    id: 'cockroachdb',
    title: 'CockroachDB-like',
    summary: 'waits a grace period before re-homing (server.time_until_store_dead, 5 min in CockroachDB; 30 s here)',
    // A replica that fails the consistency checker stops its node (a third-party guide: "consistency check failed with
    // N inconsistent replicas", then the node terminates).
    params: { rehomeGraceMs: 30000, stateStore: 'pages', walSyncMode: 'perCommit', walRecoveryMode: 'pointInTime', corruptionResponse: 'fatal' },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'CockroachDB-like rule: it came back after the grace period, so its replicas had been replaced and are removed',
    returnWithoutRehome: 'CockroachDB-like rule: it came back within the grace period, so it keeps its replicas and catches up',
  },
  postgresql: {
    id: 'postgresql',
    title: 'PostgreSQL-like',
    summary: 'replays WAL from the last checkpoint and stops at the first invalid record; standbys stream the WAL they missed',
    // Redo stops at the first record that fails its checks ("invalid record length", "incorrect resource manager data
    // checksum"). Data checksums are verified as each page is read into shared buffers, not by a pass over every file
    // at start-up (pg_checksums is an offline tool), so a restart checks the control file and headers only: metadata.
    // full_page_writes = on (its default): a page torn by a power loss is written back from the log's image.
    params: {
      stateStore: 'pages',
      walSyncMode: 'perCommit',
      walRecoveryMode: 'pointInTime',
      corruptionResponse: 'reReplicate',
      verifyOnRestart: 'metadata',
      fullPageWrites: true,
    },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'PostgreSQL-like rule: a standby replaced while it was away is not followed again; its data directory is discarded',
    returnWithoutRehome:
      'PostgreSQL-like rule: a standby still in the configuration reconnects and streams the WAL it missed (a base backup if the primary no longer has it)',
  },
  ceph: {
    id: 'ceph',
    title: 'Ceph-like',
    summary:
      'marks a down OSD out after a grace period (10 min in Ceph; 30 s here); scrubs and deep-scrubs every placement group; an inconsistent one waits for ceph pg repair',
    // osd_scrub_min_interval 1 day and osd_deep_scrub_interval 7 days, scaled to 20 s and 60 s; osd_scrub_auto_repair false.
    params: {
      rehomeGraceMs: 30000,
      stateStore: 'pages',
      walSyncMode: 'perCommit',
      walRecoveryMode: 'pointInTime',
      scrubIntervalMs: 20000,
      deepScrubIntervalMs: 60000,
      corruptionResponse: 'markInconsistent',
      scrubAutoRepair: false,
    },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'Ceph-like rule: the OSD came back after it was marked out, so its placement groups were backfilled elsewhere and its copies are removed',
    returnWithoutRehome: 'Ceph-like rule: the OSD came back before it was marked out, so it keeps its placement groups and recovers them from the PG log',
  },
  hdfs: {
    id: 'hdfs',
    title: 'HDFS-like',
    summary:
      "re-replicates a dead DataNode's blocks (after 10.5 min in HDFS; at once here); the block scanner reads every block; a corrupt replica is replaced, then deleted",
    // The DirectoryScanner (6 h) compares block files with memory: a light scrub; the block scanner reads every block
    // every 504 h at 1 MiB/s: a deep scrub. Scaled to 20 s and 60 s. Clients verify each 512-byte chunk's CRC32C.
    params: {
      rehomeGraceMs: 0,
      stateStore: 'pages',
      walSyncMode: 'perCommit',
      walRecoveryMode: 'pointInTime',
      checksumOnRead: true,
      scrubIntervalMs: 20000,
      deepScrubIntervalMs: 60000,
      corruptionResponse: 'reReplicate',
    },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'HDFS-like rule: its blocks were re-replicated while it was dead, so the surplus replicas its block report lists are deleted',
    returnWithoutRehome: 'HDFS-like rule: its block report lists replicas the NameNode still needs, so they count again',
  },
  cassandra: {
    id: 'cassandra',
    title: 'Cassandra-like',
    summary:
      'has no primary: a coordinator writes to every replica and answers at QUORUM; reads repair what they compare; hints cover short outages; nodetool repair the rest',
    // read_repair BLOCKING (4.0 default); hinted_handoff_enabled true with max_hint_window 3 h, scaled to 60 s;
    // commitlog_sync periodic (acknowledged before the flush); a torn commit-log tail is skipped on replay; repair
    // sends each replica's whole Merkle tree to the coordinator. A dead node stays an owner until an operator
    // replaces or removes it, so nothing re-replicates on its own.
    params: {
      replication: 'leaderless',
      writeConsistency: 'QUORUM',
      readConsistency: 'QUORUM',
      readRepair: 'BLOCKING',
      hintedHandoff: true,
      maxHintWindowMs: 60000,
      sloppyQuorum: false,
      stateStore: 'pages',
      walSyncMode: 'periodic',
      walRecoveryMode: 'tolerateCorruptedTail',
      merkleExchange: 'wholeTree',
    },
    failover: { autoReReplicate: false },
    returnAfterRehome: 'Cassandra-like rule: an operator replaced it meanwhile, so it no longer owns those token ranges and its copies are dropped',
    returnWithoutRehome:
      'Cassandra-like rule: it still owns its token ranges and takes writes again at once; hints bring what it missed inside the window, read repair and nodetool repair the rest',
  },
  dynamo: {
    id: 'dynamo',
    title: 'Dynamo-like',
    summary:
      'Riak-style: no primary; a sloppy quorum lets a stand-in node keep a missed write as a hint and hand it back; anti-entropy compares Merkle trees level by level every 30 s',
    // Dynamo's sloppy quorum and hinted handoff; Riak's active anti-entropy exchanges hash trees level by level.
    // Membership changes only by hand, so nothing re-replicates on its own.
    params: {
      replication: 'leaderless',
      writeConsistency: 'QUORUM',
      readConsistency: 'QUORUM',
      readRepair: 'BLOCKING',
      hintedHandoff: true,
      sloppyQuorum: true,
      stateStore: 'pages',
      walSyncMode: 'periodic',
      walRecoveryMode: 'tolerateCorruptedTail',
      merkleExchange: 'levelByLevel',
      antiEntropyIntervalMs: 30000,
    },
    failover: { autoReReplicate: false },
    returnAfterRehome: 'Dynamo-like rule: an operator took it out of the ring meanwhile, so its copies are handed off and dropped',
    returnWithoutRehome:
      'Dynamo-like rule: it is still in the ring and owns its ranges; the stand-ins hand back the writes they kept for it, and anti-entropy finds the rest',
  },
};

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROFILES, value);
}
