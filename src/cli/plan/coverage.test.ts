// Goal: a fault counts for a class only when the run at that moment makes it one — the #4357 shape needs a third
// endpoint both sides still reach, "during replay" needs the fault to touch a node that is replaying — so a plan
// cannot claim coverage by the command's name alone.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../engine/index';
import { classifyFault, type Observation } from './coverage';

const NODES = ['n1', 'n2', 'n3', 'n4'];

function observation(over: Partial<Observation> & { cut?: [string, string][] } = {}): Observation {
  const cuts = new Set((over.cut ?? []).map(([a, b]) => `${a}→${b}`));
  const endpoints = [...NODES, 'cp'];
  const twoWay = (a: string, b: string) => !cuts.has(`${a}→${b}`) && !cuts.has(`${b}→${a}`);
  const reach = cuts.size === 0 ? null : Object.fromEntries(endpoints.map((a) => [a, endpoints.filter((b) => b !== a && twoWay(a, b))]));
  return {
    nodes: NODES.map((id, i) => ({ id, rack: `r${i + 1}`, replaying: false })),
    cuts,
    reach,
    sessions: [],
    ...over,
  };
}

const classes = (command: Command, before: Observation, after: Observation) => classifyFault(command, before, after).map((h) => h.cls);

describe('fault classes, judged against the run', () => {
  it('one-way: a cut in one direction only', () => {
    const after = observation({ cut: [['n1', 'n2']] });
    expect(classifyFault({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: true }, observation(), after)).toEqual([
      { cls: 'one-way', why: 'n1 → n2 cut, n2 → n1 still open' },
    ]);
  });

  it('non-transitive: A and B cut both ways while both still reach a node C; not when nothing reaches both', () => {
    const cut: [string, string][] = [['n1', 'n2'], ['n2', 'n1']];
    expect(classifyFault({ type: 'link.cut', a: 'n1', b: 'n2' }, observation(), observation({ cut }))).toEqual([
      { cls: 'non-transitive', why: 'n1 and n2 cannot reach each other, yet both reach n3' },
    ]);
    // n2 is cut off from everyone: a clean partition of one node, not the #4357 shape.
    const isolated: [string, string][] = [...cut, ...['n3', 'n4', 'cp'].flatMap((c): [string, string][] => [['n2', c], [c, 'n2']])];
    expect(classes({ type: 'link.cut', a: 'n1', b: 'n2' }, observation(), observation({ cut: isolated }))).toEqual([]);
  });

  it('cp-isolation: after the fault the control plane reaches no node', () => {
    const cut = NODES.flatMap((n): [string, string][] => [['cp', n], [n, 'cp']]);
    expect(classes({ type: 'network.partition', groups: [['cp'], NODES] }, observation(), observation({ cut }))).toEqual(['cp-isolation']);
    // cp still reaches n4: not isolated — and cp and n3 both reaching n4 is the non-transitive shape.
    const partly = observation({ cut: cut.slice(0, 6) });
    expect(classes({ type: 'link.cut', a: 'cp', b: 'n3' }, observation(), partly)).toEqual(['non-transitive']);
  });

  it('during-replay: only a fault that touches the node while it replays', () => {
    const before = observation({ nodes: NODES.map((id, i) => ({ id, rack: `r${i + 1}`, replaying: id === 'n3' })) });
    expect(classifyFault({ type: 'node.crash', node: 'n3' }, before, observation())).toEqual([
      { cls: 'during-replay', why: 'n3 was replaying its log' },
    ]);
    expect(classes({ type: 'node.crash', node: 'n1' }, before, observation())).toEqual([]);
    expect(classes({ type: 'rack.fail', rack: 'r3' }, before, observation())).toEqual(['during-replay']);
    expect(classes({ type: 'config.set', path: 'params.walReplayMs', value: 0 }, before, observation())).toEqual([]);
  });

  it('during-repair: a crash or cut touching a participant of a running anti-entropy session', () => {
    const before = observation({ sessions: [{ shard: 's002', participants: ['n2', 'n3', 'n4'] }] });
    expect(classifyFault({ type: 'node.crash', node: 'n4' }, before, observation())).toEqual([
      { cls: 'during-repair', why: 'an anti-entropy session of s002 was running (n2, n3, n4)' },
    ]);
    expect(classes({ type: 'node.crash', node: 'n1' }, before, observation())).toEqual([]);
  });
});
