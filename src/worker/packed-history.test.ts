// Goal: metric samples packed for the trip to the page arrive exactly as the recorder took them — every figure,
// every node's bytes, the key order — and a frame after a seek forward gives the page the recorder's chart.
import { afterEach, describe, expect, it } from 'vitest';
import { RunRecorder } from '../store/run-recorder';
import type { MetricsSample } from '../store/view-model';
import { builtIn } from '../testing/load-scenario';
import { createLocalConsole } from './local-console';
import { PACK_HISTORY_FROM, packableHistory, packHistory, unpackHistory } from './packed-history';

/** Over the wire: packed, structured-cloned (as postMessage does), unpacked. */
const roundTrip = (samples: readonly MetricsSample[]) => unpackHistory(structuredClone(packHistory(samples)));

const sample = (over: Partial<MetricsSample> = {}): MetricsSample => ({
  timeMs: 500,
  underReplicated: 1,
  underReplicatedTruth: 2,
  lost: 0,
  rebuildBytesRemaining: 3,
  copiesInFlight: 4,
  bytesInByNode: { n2: 10, n1: 20 },
  writesAcked: 5,
  writesFailed: 6,
  staleKeysTruth: 7,
  staleKeysKnown: 8,
  hintsPending: 9,
  ...over,
});

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe('packed metric samples', () => {
  it('a per-node record unchanged since the sample before travels once and arrives as one object', () => {
    const quiet = { n3: 64, n7: 128 };
    const changed = { n3: 64, n7: 256 };
    const samples = Array.from({ length: PACK_HISTORY_FROM }, (_, i) => sample({ timeMs: 500 * i, bytesInByNode: i < 40 ? quiet : changed }));
    const packed = packHistory(samples);
    // Two records, two nodes each: not one per sample.
    expect(packed.nodeRefs.length).toBe(4);
    const back = unpackHistory(structuredClone(packed));
    expect(back).toEqual(samples);
    expect(back[39].bytesInByNode).toBe(back[0].bytesInByNode);
    expect(back[40].bytesInByNode).not.toBe(back[39].bytesInByNode);
    // A batch never starts with "the record before"; a malformed one that does reads as no node, and returns.
    packed.nodeCounts[0] = 0xffffffff;
    expect(unpackHistory(packed)[0].bytesInByNode).toEqual({});
  });

  it('the recorder keeps one record while the per-node bytes do not move (1,000 nodes: 975 keys a sample)', () => {
    const run = new RunRecorder(builtIn('rehome-worked-example'), 1);
    run.advanceTo(180_000); // healthy again well before: the bytes stopped moving
    const history = run.history;
    const last = history[history.length - 1].bytesInByNode;
    expect(Object.keys(last).length).toBeGreaterThan(0);
    expect(history[history.length - 20].bytesInByNode).toBe(last);
  });

  it('unpack to the samples of rebuilds and repairs, field for field and in key order', { timeout: 60_000 }, () => {
    let nodesNamed = 0;
    for (const id of ['rehome-worked-example', 'second-failure-during-rebuild', 'read-repair-vs-anti-entropy', 'fleet-100-nodes']) {
      const run = new RunRecorder(builtIn(id), builtIn(id).seed);
      run.advanceTo(180_000);
      const history = run.history;
      expect(packableHistory(history), id).toBe(true);
      const back = roundTrip(history);
      expect(back, id).toStrictEqual(history);
      back.forEach((s, i) => {
        expect(Object.keys(s)).toEqual(Object.keys(history[i]));
        expect(Object.keys(s.bytesInByNode)).toEqual(Object.keys(history[i].bytesInByNode));
      });
      nodesNamed += history.reduce((n, s) => n + Object.keys(s.bytesInByNode).length, 0);
    }
    expect(nodesNamed).toBeGreaterThan(0);
  });

  it('keep odd numbers and node names as they are', () => {
    const samples = [sample({ lost: -0, rebuildBytesRemaining: NaN, writesAcked: 2 ** 53 + 2, bytesInByNode: {} }), sample({ bytesInByNode: { '7': 1, n10: -0, '2': 3 } })];
    const back = roundTrip(samples);
    expect(back).toStrictEqual(samples);
    expect(Object.is(back[0].lost, -0)).toBe(true);
    expect(Object.is(back[1].bytesInByNode.n10, -0)).toBe(true);
    expect(Object.keys(back[1].bytesInByNode)).toEqual(Object.keys(samples[1].bytesInByNode));
  });

  it('are not packed when a sample is not shaped like a MetricsSample', () => {
    expect(packableHistory([sample()])).toBe(true);
    expect(packableHistory([{ ...sample(), extra: 1 } as MetricsSample])).toBe(false);
    const { lost: _lost, ...noLost } = sample();
    expect(packableHistory([noLost as MetricsSample])).toBe(false);
    const { timeMs, ...rest } = sample();
    expect(packableHistory([{ ...rest, timeMs } as MetricsSample])).toBe(false);
    expect(packableHistory([sample({ lost: undefined as unknown as number })])).toBe(false);
    expect(packableHistory([sample({ bytesInByNode: { n1: '3' as unknown as number } })])).toBe(false);
    expect(packableHistory([sample({ bytesInByNode: JSON.parse('{"__proto__": 1}') as Record<string, number> })])).toBe(false);
    expect(packableHistory([sample({ bytesInByNode: new Map() as unknown as Record<string, number> })])).toBe(false);
  });

  it("give the page the recorder's chart after seeks forward in a long run", { timeout: 60_000 }, async () => {
    const made = createLocalConsole(builtIn('rehome-worked-example'));
    open.push(made.client);
    await made.ready;
    const { client, host } = made;
    const recorded = () => (host as unknown as { session: { store: { getState(): { history: MetricsSample[] } } } }).session.store.getState().history;
    await client.seek(600_000);
    for (const t of [30_000, 590_000, 150_000, 450_000]) {
      await client.seek(t);
      expect(client.store.getState().history).toStrictEqual(recorded());
    }
    expect(recorded().length).toBeGreaterThan(PACK_HISTORY_FROM);
  });
});
