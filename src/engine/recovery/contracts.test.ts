// Goal (issue 11, design §11.7): the seed's NodeRecovery contract, and ReplicaRepair.SyncMissingEntries, are called
// by the engine at the moments a restart reaches them, and each call is one `api.call` trace entry a learner can read
// ("n2 calls NodeRecovery.ReplayLogs(checkpoint #496): 45 scanned, 44 applied…") and filter to.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../index';
import { builtIn } from '../../testing/load-scenario';

function run(id: string, change: (s: ReturnType<typeof builtIn>) => void = () => {}): Simulation {
  const scenario = builtIn(id);
  change(scenario);
  const sim = createSimulation({ scenario });
  expect(sim.runUntil('healthy', { maxMs: 120_000 }).reached).toBe(true);
  return sim;
}

const calls = (sim: Simulation, method?: string): TraceEntry[] =>
  sim.getTrace().filter((e) => e.kind === 'api.call' && (method === undefined || e.data.method === method));

describe('recovery contracts as api.call entries', () => {
  it('records ReplayLogs when n2’s replay returns, with what the replay did', () => {
    const sim = run('restart-walkthrough');
    const [call] = calls(sim, 'ReplayLogs');
    expect(call).toBeDefined();
    expect(call).toMatchObject({ actor: 'n2', level: 'detail' });
    expect(call.data).toMatchObject({
      api: 'NodeRecovery',
      method: 'ReplayLogs',
      args: { node: 'n2', checkpointId: 496 },
      result: { scanned: 45, applied: 44, skipped: 0, discarded: 0, stoppedAt: 541, reason: 'torn', mode: 'pointInTime' },
    });
    const replay = sim.getState().nodes.find((n) => n.id === 'n2')!.recovery.replay!;
    expect((call.data.result as { ms: number }).ms).toBe(replay.ms);
    expect(call.text).toMatch(/^n2 calls NodeRecovery\.ReplayLogs\(checkpoint #496\): 45 scanned, 44 applied, 0 skipped, 0 discarded; stopped at #541 \(torn record\)/);
    // It returns when the replay finishes: right after wal.replayFinished, at the same moment.
    const trace = sim.getTrace();
    const finished = trace.find((e) => e.kind === 'wal.replayFinished' && e.actor === 'n2')!;
    expect(call.timeMs).toBe(finished.timeMs);
    expect(call.seq).toBeGreaterThan(finished.seq);
  });

  it('records VerifyIntegrity with the replica files it checked, and SyncMissingEntries per replica caught up', () => {
    const sim = run('restart-walkthrough');
    const [verify] = calls(sim, 'VerifyIntegrity');
    expect(verify.data).toMatchObject({
      api: 'NodeRecovery',
      args: { node: 'n2', range: { first: 's001', last: 's003', files: 3 } },
      result: { mode: 'metadata', checked: 3, corrupt: [], ok: true },
    });
    expect(verify.text).toMatch(/^n2 calls NodeRecovery\.VerifyIntegrity\(3 replica file\(s\) s001–s003, 48.0 MiB\): /);
    const syncs = calls(sim, 'SyncMissingEntries');
    expect(syncs.map((e) => (e.data.args as { replica: { shard: string } }).replica.shard).sort()).toEqual(['s001', 's002', 's003']);
    for (const s of syncs) {
      expect(s).toMatchObject({ actor: 'n2', level: 'detail', data: { api: 'ReplicaRepair', result: { how: 'logTail' } } });
      expect(s.text).toMatch(/^n2 calls ReplicaRepair\.SyncMissingEntries\(s00\d on n2, \d+ missing entr(y|ies) LSN \d+–\d+ from n[13]\): log tail, /);
    }
  });

  it('records RestoreSnapshot when a memory store loads its snapshot', () => {
    const sim = run('snapshot-vs-replay');
    const [restore] = calls(sim, 'RestoreSnapshot');
    expect(restore).toBeDefined();
    const loaded = sim.getTrace().find((e) => e.kind === 'snapshot.loaded')!;
    expect(restore.actor).toBe(loaded.actor);
    expect(restore.data).toMatchObject({ api: 'NodeRecovery', result: { bytes: loaded.data.bytes, ms: loaded.data.ms } });
    expect(restore.text).toMatch(/calls NodeRecovery\.RestoreSnapshot\(snapshot #[\d,]+\): /);
  });
});
