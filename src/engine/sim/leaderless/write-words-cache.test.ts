// Goal (issue 13, bench case b): a client write's `write.acked` words are spelled from shared parts and the answering
// replicas' listKey (leaderless/writes.ts), and the entry is built only when read (trace.ts recordSpelled). What a
// learner reads must be what the write did at that moment: a cut, a crash or a config.set between two writes changes
// the next entry's words.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation, type TraceEntry } from '../../index';
import { scenario } from '../../../testing/load-scenario';

/** Three nodes, every shard placed n1, n2, n3 (so n1 coordinates while it is up), leaderless at QUORUM. */
function leaderlessSim(): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'leaderless-words',
      nodes: 3,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      params: { replication: 'leaderless' },
      placement: { s001: ['n1', 'n2', 'n3'], s002: ['n1', 'n2', 'n3'], s003: ['n1', 'n2', 'n3'], s004: ['n1', 'n2', 'n3'] },
    }),
  });
}

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

const acked = (entries: TraceEntry[]) => entries.filter((e) => e.kind === 'write.acked');

describe('write.acked words kept per replica list', () => {
  it('name the consistency level the write was acknowledged at, before and after config.set changes it', () => {
    const s = leaderlessSim();
    s.advanceBy(1000);
    const before = s.getTrace().length;
    s.dispatch({ type: 'config.set', path: 'params.writeConsistency', value: 'ONE' });
    s.advanceBy(1000);
    const all = acked(s.getTrace());
    const early = all.filter((e) => e.seq < before);
    const late = all.filter((e) => e.seq >= before);
    expect(early.length).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    for (const e of early) expect(e.text).toMatch(/ at CL QUORUM by coordinator n1: 3 of 3 replica\(s\) answered \(n1, n2, n3\)\.$/);
    for (const e of late) expect(e.text).toMatch(/ at CL ONE by coordinator n1: 3 of 3 replica\(s\) answered \(n1, n2, n3\)\.$/);
  });

  it('name the replicas that answered this write: a crash between two writes changes the list, a second one the coordinator too', () => {
    const s = leaderlessSim();
    s.advanceBy(1000);
    s.dispatch(cli('node.crash:n3'));
    const afterCrash = s.getTrace().length;
    s.advanceBy(1000);
    s.dispatch(cli('node.restart:n3'));
    s.advanceBy(10_000);
    s.dispatch(cli('node.crash:n1'));
    const afterSecond = s.getTrace().length;
    s.advanceBy(1000);
    const all = acked(s.getTrace());
    expect(all.find((e) => e.seq < afterCrash)?.text).toMatch(/by coordinator n1: 3 of 3 replica\(s\) answered \(n1, n2, n3\)\.$/);
    const crashed = all.filter((e) => e.seq >= afterCrash && e.timeMs < 2000);
    expect(crashed.length).toBeGreaterThan(0);
    for (const e of crashed) expect(e.text).toMatch(/by coordinator n1: 2 of 3 replica\(s\) answered \(n1, n2\)\.$/);
    const second = all.filter((e) => e.seq >= afterSecond);
    expect(second.length).toBeGreaterThan(0);
    for (const e of second) expect(e.text).toMatch(/by coordinator n2: 2 of 3 replica\(s\) answered \(n2, n3\)\.$/);
  });

  it('say "takes writes again" on the first write after failures, and the plain words after it', () => {
    const s = leaderlessSim();
    s.dispatch(cli('node.crash:n2'));
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(1000);
    s.dispatch(cli('node.restart:n2'));
    s.advanceBy(10_000);
    const all = acked(s.getTrace());
    const again = all.filter((e) => / takes writes again: /.test(e.text));
    expect(again.length).toBeGreaterThan(0);
    for (const e of again) {
      expect(e.level).toBe('info');
      expect(e.text).toBe(`${e.data.shard} takes writes again: Write ${e.data.lsn} to key ${e.data.key} of ${e.data.shard} is acknowledged at CL QUORUM by coordinator n1: 2 of 3 replica(s) answered (n1, n2).`);
    }
    const plain = all.filter((e) => e.level === 'detail');
    expect(plain.length).toBeGreaterThan(0);
    for (const e of plain) expect(e.text).toBe(`Write ${e.data.lsn} to key ${e.data.key} of ${e.data.shard} is acknowledged at CL QUORUM by coordinator n1: 2 of 3 replica(s) answered (n1, n2).`);
  });

  it('a cut between two writes changes who coordinates and who misses the write (no cut anywhere is the fast case)', () => {
    const s = leaderlessSim();
    s.advanceBy(1000);
    s.dispatch(cli('link.cut:n1,n3'));
    const afterFirstCut = s.getTrace().length;
    s.advanceBy(1000);
    s.dispatch(cli('link.heal:n1,n3'));
    s.dispatch(cli('link.cut:cp,n1'));
    const afterSecondCut = s.getTrace().length;
    s.advanceBy(1000);
    const all = s.getTrace().filter((e) => e.kind === 'write.acked' || e.kind === 'write.partial');
    const cutOff = all.filter((e) => e.seq >= afterFirstCut && e.seq < afterSecondCut);
    expect(cutOff.filter((e) => e.kind === 'write.partial').length).toBeGreaterThan(0);
    for (const e of cutOff.filter((x) => x.kind === 'write.partial')) expect(e.text).toMatch(/ reached n1, n2; n3 missed it \(cut off\)/);
    for (const e of cutOff.filter((x) => x.kind === 'write.acked')) expect(e.text).toMatch(/by coordinator n1: 2 of 3 replica\(s\) answered \(n1, n2\)\.$/);
    const noCp = acked(all.filter((e) => e.seq >= afterSecondCut));
    expect(noCp.length).toBeGreaterThan(0);
    for (const e of noCp) expect(e.text).toMatch(/by coordinator n2: /);
  });

  it('a replica cut off from the coordinator still follows the write stream (its LSN moves); a down one does not', () => {
    const s = leaderlessSim();
    s.advanceBy(1000);
    s.dispatch(cli('link.cut:n1,n3'));
    s.dispatch(cli('node.crash:n2'));
    s.advanceBy(3000);
    const shards = s.getState().shards;
    expect(shards.every((sh) => sh.lsn > 3)).toBe(true);
    for (const sh of shards) {
      const lsnOf = (node: string) => sh.replicaRoles.find((r) => r.node === node)?.lsn;
      expect(lsnOf('n3')).toBe(sh.lsn);
      expect(lsnOf('n2')).toBeLessThan(sh.lsn);
    }
  });
});
