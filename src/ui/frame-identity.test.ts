// Goal: while the worked example plays, a publish that changes only some of the page's state leaves the rest as it
// was, object for object, so the header, the node strip and every view selecting an unchanged part do no work.
import { afterEach, describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { createLocalConsole } from '../worker/local-console';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

describe("the page's state across publishes", { timeout: 60_000 }, () => {
  it('keeps what did not change (the scenario, the nodes) as the same objects, and shows what did', async () => {
    const made = createLocalConsole(builtIn('rehome-worked-example'), builtIn('rehome-worked-example').seed);
    open.push(made.client);
    await made.ready;
    const { client } = made;
    await client.seek(30_000);
    const before = client.store.getState();
    await client.advanceBy(100);
    const after = client.store.getState();
    expect(after.playback.timeMs).toBe(before.playback.timeMs + 100);
    expect(after.scenario).toEqual(before.scenario);
    expect(after.scenario).toBe(before.scenario);
    expect(after.cluster.params).toBe(before.cluster.params);
    expect(after.cluster.racks).toBe(before.cluster.racks);
    // Something that changed is the new value.
    expect(after.playback).not.toBe(before.playback);
  });
});
