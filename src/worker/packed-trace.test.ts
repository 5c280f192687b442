// Goal: trace entries packed for the trip to the page arrive exactly as the engine wrote them — every field, the
// key order, nested data — whatever the scenario, and a frame after a seek gives the page the engine's trace.
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry } from '../engine/index';
import { listBuiltInTitles } from '../scenarios/built-in-titles';
import { builtIn } from '../testing/load-scenario';
import { createLocalConsole } from './local-console';
import { packable, packTrace, unpackTrace, PACK_TRACE_FROM } from './packed-trace';

/** Over the wire: packed, structured-cloned (as postMessage does), unpacked. */
const roundTrip = (entries: readonly TraceEntry[]) => unpackTrace(structuredClone(packTrace(entries)));

const entry = (over: Partial<TraceEntry> = {}): TraceEntry => ({
  seq: 1,
  timeMs: 2,
  event: 3,
  actor: 'n1',
  kind: 'heartbeat.sent',
  text: 'n1 sends a heartbeat to cp.',
  level: 'detail',
  data: { node: 'n1' },
  ...over,
});

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe('packed trace entries', () => {
  it('unpack to the entries of every built-in run, field for field and in key order', { timeout: 120_000 }, () => {
    for (const { id } of listBuiltInTitles()) {
      if (id.startsWith('fleet-')) continue;
      const sim = createSimulation({ scenario: builtIn(id) });
      sim.advanceBy(60_000);
      const trace = sim.getTrace();
      expect(packable(trace), id).toBe(true);
      const back = roundTrip(trace);
      expect(back, id).toStrictEqual(trace);
      back.forEach((e, i) => expect(Object.keys(e)).toEqual(Object.keys(trace[i])));
    }
  });

  it('share one data object among entries with equal flat data, and keep any other data whole and apart', () => {
    const nested = { shards: ['s1', 's2'], node: 'n1' };
    const entries = [
      entry({ seq: 1, data: { node: 'n1', lsn: 4 } }),
      entry({ seq: 2, data: { node: 'n1', lsn: 4 } }),
      entry({ seq: 3, data: { lsn: 4, node: 'n1' } }),
      entry({ seq: 4, data: { node: 'n1', lsn: 5 } }),
      entry({ seq: 5, data: { node: 'n1', lsn: '4' } }),
      entry({ seq: 6, data: { node: 'n1', lsn: -0 } }),
      entry({ seq: 7, data: { node: 'n1', lsn: 0 } }),
      entry({ seq: 8, data: { node: 'n1', lsn: NaN } }),
      entry({ seq: 9, data: { node: 'n1', lsn: undefined } }),
      entry({ seq: 10, data: { node: 'n1' } }),
      entry({ seq: 11, data: nested }),
      entry({ seq: 12, data: { shards: ['s1', 's2'], node: 'n1' } }),
      entry({ seq: 13, data: {} }),
      entry({ seq: 14, data: {} }),
      entry({ seq: 15, data: { 'a\u0000sb\u0001': 'c' } }),
      entry({ seq: 16, data: { a: 'b\u0001c\u0000sd' } }),
    ];
    const back = roundTrip(entries);
    expect(back).toStrictEqual(entries);
    back.forEach((e, i) => expect(Object.keys(e.data)).toEqual(Object.keys(entries[i].data)));
    expect(back[0].data).toBe(back[1].data);
    expect(back[12].data).toBe(back[13].data);
    const apart = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15].map((i) => back[i].data);
    expect(new Set([back[0].data, ...apart]).size).toBe(apart.length + 1);
    expect(Object.is(back[5].data.lsn, -0)).toBe(true);
    expect('lsn' in back[8].data).toBe(true);
  });

  it('are not packed when an entry is not shaped like a TraceEntry', () => {
    expect(packable([entry()])).toBe(true);
    expect(packable([entry(), { ...entry(), extra: 1 } as TraceEntry])).toBe(false);
    const { event: _event, ...noEvent } = entry();
    expect(packable([noEvent as TraceEntry])).toBe(false);
    const { seq, ...rest } = entry();
    expect(packable([{ ...rest, seq } as TraceEntry])).toBe(false);
    expect(packable([entry({ text: 5 as unknown as string })])).toBe(false);
    expect(packable([entry({ event: '3' as unknown as number })])).toBe(false);
    expect(packable([entry({ data: null as unknown as Record<string, unknown> })])).toBe(false);
    expect(packable([entry({ data: new Map() as unknown as Record<string, unknown> })])).toBe(false);
  });

  it('give the page the engine trace after seeks back and forward in a long run', { timeout: 60_000 }, async () => {
    const made = createLocalConsole(builtIn('rehome-worked-example'));
    open.push(made.client);
    await made.ready;
    const { client } = made;
    await client.seek(600_000);
    expect(client.store.getState().trace.length).toBeGreaterThan(PACK_TRACE_FROM);
    for (const t of [300_000, 30_000, 590_000, 150_000]) {
      await client.seek(t);
      expect(client.store.getState().trace).toStrictEqual(await client.getTrace());
    }
    await client.step();
    expect(client.store.getState().trace).toStrictEqual(await client.getTrace());
  });
});
