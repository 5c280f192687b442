// Goal: the cluster's shard list crosses to the page as the positions that changed, and the page rebuilds exactly
// the worker's list — grown, cut, reordered, replaced — while an unchanged shard (and an unchanged list) keeps its
// identity, so the grid's rows and memoised views do no work for it.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { applyPatch } from './apply-frame';
import { nothingSent, patch } from './list-delta';
import { createLocalConsole } from './local-console';

interface Row {
  id: string;
  n: number;
}
const row = (id: string, n = 0): Row => ({ id, n });

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe('the shard list as a patch', () => {
  it('sends only the changed positions, and the page keeps every unchanged item', () => {
    const sent = nothingSent<Row>();
    const first = [row('a'), row('b'), row('c'), row('d')];
    const full = structuredClone(patch(first, sent));
    expect(full.reset).toBe(true);
    const page = applyPatch(undefined, full);
    // The worker builds its rows afresh each publish: equal by value is unchanged.
    const change = structuredClone(patch([row('a'), row('b', 1), row('c'), row('d')], sent));
    expect(change).toEqual({ reset: false, length: 4, at: [1], items: [row('b', 1)] });
    const next = applyPatch(page, change);
    expect(next).toEqual([row('a'), row('b', 1), row('c'), row('d')]);
    expect(next[0]).toBe(page[0]);
    expect(next[2]).toBe(page[2]);
    const same = applyPatch(next, structuredClone(patch([row('a'), row('b', 1), row('c'), row('d')], sent)));
    expect(same).toBe(next);
  });

  it('sends the whole list when most of it changed', () => {
    const sent = nothingSent<Row>();
    patch([row('a'), row('b'), row('c')], sent);
    expect(patch([row('x'), row('y'), row('c')], sent).reset).toBe(true);
  });

  it('rebuilds any sequence of lists exactly', () => {
    const rows = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), n: fc.integer({ min: 0, max: 2 }) }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(rows, { minLength: 1, maxLength: 8 }), (generated) => {
        const lists = generated.map((list) => list.map((r) => ({ ...r })));
        const sent = nothingSent<Row>();
        let page: Row[] | undefined;
        for (const list of lists) {
          page = applyPatch(page, structuredClone(patch(list, sent)));
          expect(page).toStrictEqual(list);
        }
      }),
    );
  });

  it("keeps the page's shards equal to the engine's through steps, a crash, seeks forward and back and a load", { timeout: 60_000 }, async () => {
    const made = createLocalConsole(builtIn('rehome-worked-example'), 1);
    open.push(made.client);
    await made.ready;
    const { client } = made;
    const engineShards = async () => (await client.getState()).shards;
    await client.seek(20_000);
    expect(client.store.getState().cluster.shards).toStrictEqual(await engineShards());
    const before = client.store.getState().cluster.shards;
    await client.seek(30_000);
    const after = client.store.getState().cluster.shards;
    expect(after).toStrictEqual(await engineShards());
    // Mid-rebuild some shards changed in ten seconds, most did not: those kept their objects.
    const kept = after.filter((s, i) => s === before[i]).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(after.length);
    for (let i = 0; i < 20; i++) await client.step();
    expect(client.store.getState().cluster.shards).toStrictEqual(await engineShards());
    await client.dispatch({ type: 'node.crash', node: 'n1' });
    await client.seek(45_000);
    expect(client.store.getState().cluster.shards).toStrictEqual(await engineShards());
    await client.seek(5_000);
    expect(client.store.getState().cluster.shards).toStrictEqual(await engineShards());
    await client.loadScenario('primary-failover-rf3');
    expect(client.store.getState().cluster.shards).toStrictEqual(await engineShards());
  });
});
