// Goal: the building blocks of determinism — the event clock, the seeded streams and the network's cuts — behave exactly as documented.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { Network } from './network';
import { hashString, RandomStream, RandomStreams } from './random';

describe('EventQueue', () => {
  it('pops by time, and by scheduling order within one millisecond', () => {
    const q = new EventQueue<string>();
    q.push(20, 'late');
    q.push(10, 'first at 10');
    q.push(10, 'second at 10');
    q.push(0, 'now');
    expect([q.pop(), q.pop(), q.pop(), q.pop()].map((s) => s!.event)).toEqual(['now', 'first at 10', 'second at 10', 'late']);
    expect(q.pop()).toBeUndefined();
  });

  it('agrees with a stable sort for any schedule', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const popped: number[] = [];
        for (let item = q.pop(); item; item = q.pop()) popped.push(item.event);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
        expect(popped).toEqual(expected);
      }),
    );
  });
});

describe('random streams', () => {
  it('one seed and one name give one sequence; other names and seeds give others', () => {
    const draw = (seed: number, name: string) => Array.from({ length: 5 }, ((s) => () => s.nextUint32())(new RandomStream(seed, name)));
    expect(draw(1, 'node:n3:heartbeat')).toEqual(draw(1, 'node:n3:heartbeat'));
    expect(draw(1, 'node:n3:heartbeat')).not.toEqual(draw(1, 'node:n4:heartbeat'));
    expect(draw(1, 'node:n3:heartbeat')).not.toEqual(draw(2, 'node:n3:heartbeat'));
  });

  it('drawing from one sub-stream does not move another', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    for (let i = 0; i < 100; i++) a.get('placement:tie:s001').next();
    expect(a.get('node:n1:heartbeat').next()).toBe(b.get('node:n1:heartbeat').next());
  });

  it('stays in range', () => {
    const s = new RandomStream(3, 'range');
    for (let i = 0; i < 1000; i++) {
      const x = s.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(s.int(6)).toBeLessThan(6);
    }
  });

  it('hashes strings the same way everywhere (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});

describe('Network', () => {
  it('cuts both directions by default and one direction on request', () => {
    const net = new Network(1);
    expect(net.cut('n1', 'cp')).toEqual([
      { from: 'n1', to: 'cp' },
      { from: 'cp', to: 'n1' },
    ]);
    expect(net.canSend('n1', 'cp')).toBe(false);
    expect(net.canSend('n2', 'cp')).toBe(true);
    net.healAll();
    net.cut('n1', 'cp', true);
    expect(net.canSend('n1', 'cp')).toBe(false);
    expect(net.canSend('cp', 'n1')).toBe(true);
    expect(net.connected('n1', 'cp')).toBe(false);
  });

  it('reports only what changed, and heals both directions', () => {
    const net = new Network(1);
    net.cut('n1', 'n2');
    expect(net.cut('n1', 'n2')).toEqual([]);
    expect(net.heal('n2', 'n1')).toHaveLength(2);
    expect(net.cutCount).toBe(0);
    expect(net.heal('n2', 'n1')).toEqual([]);
  });

  it('keeps non-transitive connectivity: A–B and B–C up while A–C is cut', () => {
    const net = new Network(1);
    net.cut('n1', 'n3');
    expect(net.connected('n1', 'n2')).toBe(true);
    expect(net.connected('n2', 'n3')).toBe(true);
    expect(net.connected('n1', 'n3')).toBe(false);
  });

  it('uses the default latency unless a pair has its own', () => {
    const net = new Network(2);
    net.setLatency('n2', 'n1', 40);
    expect(net.latencyMs('n1', 'n2')).toBe(40);
    expect(net.latencyMs('n1', 'n3')).toBe(2);
  });
});
