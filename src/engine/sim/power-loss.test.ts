import { describe, expect, it } from 'vitest';
import { createSimulation, describeCommand, formatCliCommand, parseCliCommand, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { WalFlag } from '../model/wal';
import { recordIsIntact, walFlags } from './wal-log';
import { historyHeld } from './quorum';
import type { World } from './world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

const periodic = {
  id: 'p',
  nodes: 3,
  shards: 6,
  replicationFactor: 3,
  shardSizeBytes: 4194304,
  workload: { writesPerSec: 50 },
  params: { walSyncMode: 'periodic', walSyncPeriodMs: 1000, tornWriteProbability: 1 },
};

function crashed(sim: Simulation, node: string) {
  return sim.getTrace().filter((e) => e.kind === 'node.crashed' && e.actor === node).pop()!;
}

describe('a process crash', () => {
  it('keeps every record written; the pages since the checkpoint fall back to it, the log still holds the writes', () => {
    const sim = createSimulation({ scenario: scenario({ ...periodic, params: { ...periodic.params, checkpointIntervalMs: 0 } }) });
    sim.advanceBy(1500);
    const w = worldOf(sim);
    const n3 = w.nodes[2];
    const before = { lastNo: n3.wal.lastNo, disk: new Map(n3.disk) };
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    expect(n3.wal.lastNo).toBe(before.lastNo);
    expect(n3.heldAtCrash).toEqual(before.disk);
    for (const [shard, lsn] of before.disk) {
      expect(n3.disk.get(shard)).toBe(0); // no checkpoint yet: the pages hold the initial data set
      expect(n3.disk.held(shard)).toBe(lsn);
      expect(historyHeld(w, w.shards[shard], n3.index)).toBe(lsn);
    }
    expect(crashed(sim, 'n3').text).toBe(
      "n3's process stops. Its disk and every log record it wrote survive (a process crash leaves the OS page cache, which reaches the disk). " +
        'Data pages of 6 shard(s) written since the last checkpoint were only in memory; a replay redoes them from the log. cp does not know yet.',
    );
  });
});

describe('a power loss', () => {
  it('keeps the flushed log and a drawn prefix of the rest, tears the next record, and says which', () => {
    const sim = createSimulation({ scenario: scenario(periodic) });
    sim.advanceBy(1500);
    const n3 = worldOf(sim).nodes[2];
    const S = n3.wal.syncedUpToNo;
    const E = n3.wal.lastNo;
    expect(E - S).toBeGreaterThan(5);
    expect(parseCliCommand('node.crash:n3,power')).toEqual({ ok: true, command: { type: 'node.crash', node: 'n3', kind: 'power' } });
    sim.dispatch({ type: 'node.crash', node: 'n3', kind: 'power' });
    const entry = crashed(sim, 'n3');
    const { survived, tornNo, lost } = entry.data as { survived: number; tornNo: number; lost: number };
    expect(survived).toBeLessThan(E - S);
    expect(tornNo).toBe(S + survived + 1);
    expect(n3.wal.lastNo).toBe(tornNo);
    expect(walFlags(n3.wal, tornNo) & WalFlag.Torn).toBe(WalFlag.Torn);
    expect(recordIsIntact(n3.wal, tornNo)).toBe('torn');
    expect(lost).toBe(E - tornNo);
    expect(entry.text).toContain(`n3 loses power. Power loss: ${E - S} log record(s) after the fsync line (#${S.toLocaleString('en-US')}) were only in the page cache, ${survived} reached the disk, #${tornNo.toLocaleString('en-US')} is torn (only part of it was written)`);
    expect(entry.text).toContain('(walSyncMode periodic: acknowledged writes may be among them)');
  });

  it('is drawn from the node’s own stream: the same seed cuts the same record, another seed may not', () => {
    const cut = (seed: number) => {
      const sim = createSimulation({ scenario: scenario({ ...periodic, seed }) });
      sim.advanceBy(1500);
      sim.dispatch({ type: 'node.crash', node: 'n3', kind: 'power' });
      return crashed(sim, 'n3').data.survived;
    };
    expect(cut(1)).toBe(cut(1));
    expect(new Set([1, 2, 3, 4, 5, 6].map(cut)).size).toBeGreaterThan(1);
  });

  it('with perCommit sync, loses nothing that was acknowledged', () => {
    const sim = createSimulation({ scenario: scenario({ ...periodic, params: { walSyncMode: 'perCommit' } }) });
    sim.advanceBy(1500);
    const n3 = worldOf(sim).nodes[2];
    const last = n3.wal.lastNo;
    sim.dispatch({ type: 'cluster.powerLoss' });
    expect(n3.wal.lastNo).toBe(last);
    expect(crashed(sim, 'n3').text).toMatch(/^n3 loses power\. Its log was flushed up to its last record #[\d,]+: nothing in it is lost\./);
    expect(sim.getState().lostWrites).toEqual([]);
  });

  it('of the whole cluster with periodic sync loses acknowledged writes, counted with their cause', () => {
    const sim = createSimulation({ scenario: scenario(periodic) });
    sim.advanceBy(1500);
    const acked = sim.getMetrics().writesAcked;
    sim.dispatch({ type: 'cluster.powerLoss' });
    const lost = sim.getState().lostWrites;
    expect(lost.length).toBeGreaterThan(0);
    for (const l of lost) expect(l.cause).toBe('acknowledged before fsync on every replica (walSyncMode periodic)');
    const total = lost.reduce((n, l) => n + l.count, 0);
    expect(sim.getMetrics().writesLost).toBe(total);
    const said = sim.getTrace().find((e) => e.kind === 'writes.lost')!;
    expect(said.level).toBe('alert');
    expect(said.text).toContain('Every replica had acknowledged them before flushing its log (walSyncMode periodic)');
    // What survives is the shard's history now: the invariant "no acknowledged write disappears" holds.
    expect(sim.checkInvariants()).toEqual([]);
    expect(sim.getState().shards.reduce((n, s) => n + s.lsn, 0)).toBe(acked - total);
    expect(sim.getTrace().find((e) => e.kind === 'cluster.powerLoss')!.text).toMatch(/^The whole cluster loses power: 3 running node\(s\) go down at the same instant\./);
  });

  it('cluster.powerLoss is refused by name when no node runs', () => {
    const sim = createSimulation({ scenario: scenario(periodic) });
    for (const node of ['n1', 'n2', 'n3']) sim.dispatch({ type: 'node.crash', node });
    expect(() => sim.dispatch({ type: 'cluster.powerLoss' })).toThrow('cluster.powerLoss: no node is running (every node is crashed or destroyed)');
    expect(parseCliCommand('cluster.powerLoss')).toEqual({ ok: true, command: { type: 'cluster.powerLoss' } });
  });

  it('of a rack takes the same kind: each node says what its log kept', () => {
    const sim = createSimulation({ scenario: scenario({ ...periodic, nodes: 6, racks: 2 }) });
    sim.advanceBy(1500);
    expect(parseCliCommand('rack.fail:r1,power')).toEqual({ ok: true, command: { type: 'rack.fail', rack: 'r1', kind: 'power' } });
    expect(parseCliCommand('rack.fail:r1,battery')).toEqual({ ok: false, error: 'rack.fail: second argument must be "process" or "power", got "battery" (write it as rack.fail:<rack>[,process|power])' });
    sim.dispatch({ type: 'rack.fail', rack: 'r1', kind: 'power' });
    const rack = sim.getTrace().find((e) => e.kind === 'rack.failed')!;
    expect(rack.text).toMatch(/each keeping only the log it had flushed\.$/);
    const victims = worldOf(sim).nodes.filter((n) => n.rack === 'r1').map((n) => n.id);
    for (const id of victims) expect(crashed(sim, id).text).toMatch(new RegExp(`^${id} loses power\\. `));
  });
});

describe('wal.corrupt', () => {
  const quiet = { ...periodic, params: { checkpointIntervalMs: 0 } };

  it('flips a bit in the newest record or the middle one since the checkpoint, and says which', () => {
    const sim = createSimulation({ scenario: scenario(quiet) });
    sim.advanceBy(1000);
    const n3 = worldOf(sim).nodes[2];
    const last = n3.wal.lastNo;
    expect(parseCliCommand('wal.corrupt:n3,middle')).toEqual({ ok: true, command: { type: 'wal.corrupt', node: 'n3', at: 'middle' } });
    sim.dispatch({ type: 'wal.corrupt', node: 'n3', at: 'middle' });
    const middle = 1 + Math.floor((last - 1) / 2);
    expect(recordIsIntact(n3.wal, middle)).toBe('crc');
    expect(recordIsIntact(n3.wal, middle + 1)).toBe('ok');
    const said = sim.getTrace().find((e) => e.kind === 'wal.corrupted')!;
    expect(said.level).toBe('warn');
    expect(said.text).toMatch(
      new RegExp(`^A bit flips in n3's log record #${middle} \\(PUT s00\\d LSN \\d+\\), in the middle of its log since the checkpoint: its stored checksum [0-9a-f]{8} no longer matches what its bytes give \\([0-9a-f]{8}\\)\\. Nothing notices until a replay reads it\\.$`),
    );
    sim.dispatch({ type: 'wal.corrupt', node: 'n3', at: 'tail' });
    expect(recordIsIntact(n3.wal, last)).toBe('crc');
  });

  it('a corrupt record in a crashed node’s log cuts what it durably holds to the records before it', () => {
    const sim = createSimulation({ scenario: scenario(quiet) });
    sim.advanceBy(1000);
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    const n3 = worldOf(sim).nodes[2];
    const before = new Map<number, number>();
    n3.disk.forEachHeld((s, lsn) => before.set(s, lsn));
    sim.dispatch({ type: 'wal.corrupt', node: 'n3', at: 'middle' });
    const shrunk = [...before].filter(([s, lsn]) => (n3.disk.held(s) ?? 0) < lsn);
    expect(shrunk.length).toBeGreaterThan(0);
  });

  it('is refused by name when the log since the checkpoint is empty', () => {
    const sim = createSimulation({ scenario: scenario({ ...quiet, workload: { writesPerSec: 0 } }) });
    sim.advanceBy(1000);
    expect(() => sim.dispatch({ type: 'wal.corrupt', node: 'n2', at: 'tail' })).toThrow(
      "wal.corrupt: n2's log has no record since it started to corrupt (nothing was written there yet)",
    );
    expect(parseCliCommand('wal.corrupt:n2')).toEqual({ ok: false, error: 'wal.corrupt: expected 2 arguments, got 1 (write it as wal.corrupt:<node>,<tail|middle>)' });
  });
});

describe('the crash-kind commands in words and on one line', () => {
  it('read back what they write, and say what they do', () => {
    const commands: [Command, string, string][] = [
      [{ type: 'node.crash', node: 'n3', kind: 'power' }, 'node.crash:n3,power', 'cut the power to n3'],
      [{ type: 'node.crash', node: 'n3', kind: 'process' }, 'node.crash:n3,process', 'crash n3'],
      [{ type: 'rack.fail', rack: 'r1', kind: 'power' }, 'rack.fail:r1,power', 'cut the power to every node in rack r1'],
      [{ type: 'cluster.powerLoss' }, 'cluster.powerLoss', 'cut the power to every node at once'],
      [{ type: 'wal.corrupt', node: 'n3', at: 'tail' }, 'wal.corrupt:n3,tail', "flip a bit in the newest record of n3's log"],
      [{ type: 'node.checkpoint', node: 'n2' }, 'node.checkpoint:n2', 'checkpoint n2 now'],
    ];
    for (const [command, cli, words] of commands) {
      expect(formatCliCommand(command)).toBe(cli);
      expect(parseCliCommand(cli)).toEqual({ ok: true, command });
      expect(describeCommand(command)).toBe(words);
    }
  });
});

describe('a torn record from a process crash', () => {
  it('with tornOnProcessCrash, tears the last unflushed record, and a write no replica kept is reported lost', () => {
    const sim = createSimulation({
      scenario: scenario({ ...periodic, nodes: 3, shards: 1, params: { ...periodic.params, tornOnProcessCrash: true } }),
    });
    sim.advanceBy(1500);
    sim.dispatch({ type: 'rack.fail', rack: 'r1' });
    sim.dispatch({ type: 'rack.fail', rack: 'r2' });
    sim.dispatch({ type: 'rack.fail', rack: 'r3' });
    const torn = worldOf(sim).nodes.filter((n) => n.wal.lastNo > 0 && recordIsIntact(n.wal, n.wal.lastNo) === 'torn');
    expect(torn).toHaveLength(3);
    const lost = sim.getState().lostWrites;
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ shard: 's001', count: 1, cause: 'acknowledged before fsync on every replica (walSyncMode periodic)' });
    expect(sim.checkInvariants()).toEqual([]);
  });
});
