// Goal: a list sent as a change rebuilds, on the page, exactly the list the worker holds — after growing, after a
// seek cut it back or re-simulated part of it, and after anything else — and sends no more than the page lacks.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { applyDelta } from './apply-frame';
import { delta, nothingSent, sameValue } from './list-delta';
import { createLocalConsole } from './local-console';

interface Item {
  t: number;
  data: Record<string, number>;
}
const item = (t: number, v = t): Item => ({ t, data: { v } });

/** Sends `lists` one after another; each time the page's list must equal the worker's. Returns the items sent. */
function sendAll(lists: Item[][]): number[] {
  const sent = nothingSent<Item>();
  let page: readonly Item[] | undefined;
  return lists.map((list) => {
    const change = structuredClone(delta(list, sent));
    page = applyDelta(page, change);
    expect(page).toStrictEqual(list);
    return change.items.length;
  });
}

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe('list changes sent to the page', () => {
  it('send only the new items when the list grew, also when its oldest items were dropped', () => {
    const a = [item(0), item(1), item(2)];
    const b = [...a, item(3)];
    const c = [...b.slice(2), item(4), item(5)];
    expect(sendAll([a, b, c])).toEqual([3, 1, 2]);
  });

  it('send nothing but where to cut when the list was cut back, even with re-simulated items equal by value', () => {
    const run = Array.from({ length: 10 }, (_, i) => item(i));
    const back = [...run.slice(0, 4), item(4), item(5)];
    expect(sendAll([run, back])).toEqual([10, 0]);
    const sent = nothingSent<Item>();
    delta(run, sent);
    expect(delta(back, sent)).toEqual({ reset: false, keep: 6, items: [], length: 6 });
  });

  it('send from the first item that differs when a seek re-simulated a different future', () => {
    const run = Array.from({ length: 10 }, (_, i) => item(i));
    const other = [...run.slice(0, 3), item(3, 99), item(4), item(5), item(6)];
    expect(sendAll([run, other])).toEqual([10, 4]);
  });

  it('send the whole list when nothing lines up (another run, a window that moved)', () => {
    const run = Array.from({ length: 5 }, (_, i) => item(i));
    const moved = Array.from({ length: 5 }, (_, i) => item(i + 20));
    expect(sendAll([run, moved, []])).toEqual([5, 5, 0]);
  });

  it('rebuild the worker list for any sequence of lists', () => {
    const list = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 })), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 6 }), (lists) => {
        // Items shared between lists by identity too, as the recorder shares samples and entries across seeks.
        const pool = new Map<string, Item>();
        const built = lists.map((l) =>
          l.map(([t, v]) => {
            const key = `${t}/${v}`;
            const shared = pool.get(key);
            if (shared && v !== 2) return shared;
            const made = item(t, v);
            pool.set(key, made);
            return made;
          }),
        );
        sendAll(built);
      }),
      { numRuns: 300 },
    );
  });

  it('compare as plain data: key order, -0, NaN, holes and prototypes count', () => {
    expect(sameValue({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue(0, -0)).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(false);
    const holey: unknown[] = new Array<unknown>(3);
    holey[0] = 1;
    holey[2] = 3;
    expect(sameValue(holey, [1, undefined, 3])).toBe(false);
    expect(sameValue(new Map([[1, 2]]), new Map([[1, 2]]))).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });

  it("keep the page's trace and chart equal to the engine's through seeks back and forward", { timeout: 60_000 }, async () => {
    const made = createLocalConsole(builtIn('rehome-worked-example'));
    open.push(made.client);
    await made.ready;
    const { client, host } = made;
    const session = () => (host as unknown as { session: { store: { getState(): { history: unknown } } } }).session;
    await client.seek(600_000);
    for (const t of [300_000, 30_000, 590_000, 150_000, 450_000, 60_000]) {
      await client.seek(t);
      expect(client.store.getState().trace).toStrictEqual(await client.getTrace());
      expect(client.store.getState().history).toStrictEqual(session().store.getState().history);
    }
  });
});
