// Goal (issue 11, design recovery-repair.md §11.3): profiles for PostgreSQL, Ceph and HDFS join the three there
// were, each presetting how its system recovers and answers corruption; ZeptoDB keeps its state in memory.
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS, PROFILES } from './profiles';
import { scenario } from '../testing/load-scenario';

describe('profiles', () => {
  it('lists the new systems by id', () => {
    expect(PROFILE_IDS).toEqual(['zeptodb', 'rethinkdb', 'cockroachdb', 'postgresql', 'ceph', 'hdfs', 'cassandra', 'dynamo']);
  });

  it('say their return rules in one voice: "<Title> rule: …"', () => {
    for (const id of PROFILE_IDS) {
      const p = PROFILES[id];
      const lead = `${p.title} rule: `;
      expect(p.returnAfterRehome.startsWith(lead)).toBe(true);
      expect(p.returnWithoutRehome.startsWith(lead)).toBe(true);
      expect(p.summary.length).toBeGreaterThan(20);
    }
  });

  it('preset the recovery mechanisms of §11.3', () => {
    expect(PROFILES.zeptodb.params).toMatchObject({ stateStore: 'memory', corruptionResponse: 'reReplicate' });
    expect(PROFILES.zeptodb.params.snapshotEveryRecords).toBeGreaterThan(0);
    expect(PROFILES.cockroachdb.params).toMatchObject({ corruptionResponse: 'fatal', stateStore: 'pages' });
    expect(PROFILES.postgresql.params).toMatchObject({ walRecoveryMode: 'pointInTime', corruptionResponse: 'reReplicate', verifyOnRestart: 'metadata' });
    expect(PROFILES.ceph.params).toMatchObject({ corruptionResponse: 'markInconsistent', scrubAutoRepair: false });
    expect(PROFILES.ceph.params.deepScrubIntervalMs).toBeGreaterThan(0);
    expect(PROFILES.hdfs.params).toMatchObject({ corruptionResponse: 'reReplicate', checksumOnRead: true });
    expect(PROFILES.hdfs.params.deepScrubIntervalMs).toBeGreaterThan(0);
  });

  it('reach a scenario through its file, and what the file sets itself still wins', () => {
    const s = scenario({ id: 'c', nodes: 3, shards: 1, profile: 'ceph', params: { scrubAutoRepair: true } });
    expect(s.params.corruptionResponse).toBe('markInconsistent');
    expect(s.params.scrubAutoRepair).toBe(true);
  });
});
