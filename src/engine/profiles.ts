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
    params: { rehomeGraceMs: 0 },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'ZeptoDB-like rule: the re-homed copies are the replicas now; the returning ones are stale and dropped',
    returnWithoutRehome: 'ZeptoDB-like rule: a returning copy that is still needed rejoins and catches up',
  },
  rethinkdb: {
    id: 'rethinkdb',
    title: 'RethinkDB-like',
    summary: 'fails primaries over only with a majority of voters; never re-replicates on its own; emergency repair by hand',
    // heartbeat_timeout_secs defaults to 10 s; Raft election timeout 1–2 s.
    params: { deadAfterMs: 10000, electionTimeoutMs: 1500, rehomeGraceMs: 0 },
    failover: { autoReReplicate: false },
    returnAfterRehome: 'RethinkDB-like rule: the table was reconfigured without it, so its copies are dropped',
    returnWithoutRehome:
      'RethinkDB-like rule: the table configuration still lists it, so it backfills and serves again (and a configured primary takes its role back)',
  },
  cockroachdb: {
    id: 'cockroachdb',
    title: 'CockroachDB/Ceph-like',
    summary: 'waits a grace period before re-homing (5 min in CockroachDB, 10 min in Ceph; 30 s here)',
    params: { rehomeGraceMs: 30000 },
    failover: { autoReReplicate: true },
    returnAfterRehome: 'CockroachDB/Ceph-like rule: it came back after the grace period, so its replicas had been replaced and are removed',
    returnWithoutRehome: 'CockroachDB/Ceph-like rule: it came back within the grace period, so it keeps its replicas and catches up',
  },
};

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROFILES, value);
}
