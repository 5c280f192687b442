// Goal (issue 11, design recovery-repair.md §6.1): corruption is planted as truth on a replica, by name or by a
// failing disk's fraction, and the control plane knows nothing of it until something detects it.
import { describe, expect, it } from 'vitest';
import { createSimulation, formatCliCommand, parseCliCommand, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function sim(params: Record<string, unknown> = {}): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'corruption',
      nodes: 4,
      shards: 8,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      placement: { s001: ['n1', 'n2', 'n3'] },
      params,
    }),
  });
}

describe('replica.corrupt', () => {
  it('plants bit rot on one replica: truth changes, belief does not', () => {
    const s = sim();
    s.dispatch(cli('replica.corrupt:n2,s001,3'));
    expect(s.getMetrics().corruptReplicasTruth).toBe(1);
    expect(s.getMetrics().corruptReplicasKnown).toBe(0);
    const entry = s.getTrace().find((e) => e.kind === 'replica.corrupted');
    expect(entry?.text).toMatch(/3 key\(s\) of n2's copy of s001/);
    expect(entry?.text).toMatch(/cp does not know/);
    const replica = s.getState().shards[0].replicaRoles.find((r) => r.node === 'n2');
    expect(replica?.corrupt).toBe('truth');
  });

  it('is refused, by name, on a node that does not hold the shard', () => {
    const s = sim();
    expect(() => s.dispatch(cli('replica.corrupt:n4,s001'))).toThrow(/n4 does not hold s001/);
    expect(() => s.dispatch(cli('replica.corrupt:n2,s999'))).toThrow(/unknown shard "s999"/);
  });

  it('has the CLI form of §11.1, keys optional', () => {
    expect(cli('replica.corrupt:n2,s042,3')).toEqual({ type: 'replica.corrupt', node: 'n2', shard: 's042', keys: 3 });
    expect(cli('replica.corrupt:n2,s042')).toEqual({ type: 'replica.corrupt', node: 'n2', shard: 's042' });
    expect(formatCliCommand(cli('replica.corrupt:n2,s042,3'))).toBe('replica.corrupt:n2,s042,3');
    expect(parseCliCommand('replica.corrupt:n2,s042,0').ok).toBe(false);
  });
});

describe('disk.corrupt', () => {
  it('corrupts round(fraction × replicas) of the node, drawn from its own stream, the same every run', () => {
    const picks = () => {
      const s = sim();
      const held = s.getState().shards.filter((sh) => sh.replicas.includes('n2')).length;
      s.dispatch(cli('disk.corrupt:n2,0.5'));
      expect(s.getMetrics().corruptReplicasTruth).toBe(Math.round(0.5 * held));
      return s.getState().shards.filter((sh) => sh.replicaRoles.some((r) => r.node === 'n2' && r.corrupt === 'truth')).map((sh) => sh.id);
    };
    expect(picks()).toEqual(picks());
    const s = sim();
    s.dispatch(cli('disk.corrupt:n2,1'));
    expect(s.getTrace().find((e) => e.kind === 'disk.corrupted')?.text).toMatch(/n2's disk is failing/);
  });

  it('refuses a fraction outside (0, 1], naming the range', () => {
    for (const bad of ['0', '1.5', '-0.1']) {
      const parsed = parseCliCommand(`disk.corrupt:n2,${bad}`);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/more than 0 and at most 1/);
    }
    expect(cli('disk.corrupt:n2,0.1')).toEqual({ type: 'disk.corrupt', node: 'n2', fraction: 0.1 });
    expect(formatCliCommand(cli('disk.corrupt:n2,0.1'))).toBe('disk.corrupt:n2,0.1');
  });
});
