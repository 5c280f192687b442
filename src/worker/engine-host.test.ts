// Goal: the engine runs behind one message protocol, and the page sees exactly what the engine did: the same
// digest as the CLI's run for the same commands, the same trace entries, errors with their class and words, and
// at scale a frame that carries every shard's state in bytes instead of 100,000 objects.
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { builtIn, scenario } from '../testing/load-scenario';
import { createLocalConsole } from './local-console';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

async function local(s = builtIn('rehome-worked-example'), seed = s.seed) {
  const made = createLocalConsole(s, seed);
  open.push(made.client);
  await made.ready;
  return made;
}

describe('the engine behind the worker protocol', { timeout: 60_000 }, () => {
  it('gives the same digest as a direct simulation for a built-in with user commands', async () => {
    const { client } = await local();
    await client.seek(5000);
    expect(await client.dispatch({ type: 'node.crash', node: 'n2' })).toEqual({ ok: true });
    await client.seek(20_000);
    expect(await client.dispatch({ type: 'link.cut', a: 'n4', b: 'cp' })).toEqual({ ok: true });
    await client.seek(90_000);

    const direct = createSimulation({ scenario: builtIn('rehome-worked-example') });
    direct.advanceBy(5000);
    direct.dispatch({ type: 'node.crash', node: 'n2' });
    direct.advanceBy(15_000);
    direct.dispatch({ type: 'link.cut', a: 'n4', b: 'cp' });
    direct.advanceBy(70_000);
    expect(await client.digest()).toBe(direct.digest());
    expect((await client.getState()).metrics).toEqual(direct.getState().metrics);
  });

  it("keeps the page's store equal to the engine's trace through steps, a seek back and a load", async () => {
    const { client } = await local();
    await client.seek(15_000);
    for (let i = 0; i < 5; i++) await client.step();
    const engineTrace = await client.getTrace();
    expect(client.store.getState().trace.map((e) => e.seq)).toEqual(engineTrace.map((e) => e.seq));
    expect(client.store.getState().trace.at(-1)?.text).toBe(engineTrace.at(-1)?.text);
    await client.seek(3000);
    const back = await client.getTrace();
    expect(client.store.getState().trace).toEqual(back);
    expect(client.store.getState().playback.timeMs).toBe(3000);
    expect(client.store.getState().history.at(-1)?.timeMs).toBeLessThanOrEqual(3000);
    await client.loadScenario('primary-failover-rf3');
    expect(client.store.getState().scenario.id).toBe('primary-failover-rf3');
    expect(client.store.getState().trace).toEqual(await client.getTrace());
  });

  it('two quick − presses step the speed twice, even before the first one reaches the page', async () => {
    const { client } = await local();
    await client.setSpeed(2);
    // Not awaited one by one: a learner's two key presses land before the worker's publish comes back.
    await Promise.all([client.slower(), client.slower()]);
    expect(client.store.getState().playback.speed).toBe(0.5);
    await Promise.all([client.faster(), client.faster(), client.faster()]);
    expect(client.store.getState().playback.speed).toBe(4);
  });

  it('a refused command resolves with the engine words and shows an alert; a bad number rejects as a RangeError', async () => {
    const { client } = await local();
    const refused = await client.dispatch({ type: 'node.crash', node: 'n99' });
    expect(refused.ok).toBe(false);
    expect(client.store.getState().alerts.map((a) => a.message)).toContain((refused as { error: string }).error);
    const error = await client.seek(-1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(/^seek: timeMs must be a simulated time from 0/);
  });

  it('an argument the engine cannot receive is refused naming where it is, not inside the structured clone', async () => {
    const { client } = await local();
    const fn = await client.dispatch({ type: (() => 1) as unknown as 'node.crash', node: 'n1' }).catch((e: unknown) => e);
    expect((fn as Error).message).toBe('dispatch: command.type is a function; the engine cannot receive it');
    let deep: unknown = null;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const nested = await client.loadScenario(deep).catch((e: unknown) => e);
    expect((nested as Error).message).toMatch(/^load: scenario(\[0\])+ is nested more than 1000 levels deep/);
  });

  it('selection belongs to the page: shown at once, and the worker projects the selected shard', async () => {
    const { client } = await local();
    await client.seek(40_000);
    const pending = client.select({ kind: 'shard', id: 's002' });
    expect(client.store.getState().selection).toEqual({ kind: 'shard', id: 's002' });
    await pending;
    expect(client.store.getState().selectedShard?.id).toBe('s002');
    await client.seek(41_000);
    expect(client.store.getState().selection).toEqual({ kind: 'shard', id: 's002' });
  });

  it('above 2,000 shards a frame lists only shards needing attention and carries every shard as a code', async () => {
    const big = scenario({ id: 'big', nodes: 30, racks: 3, shards: 9000, shardSizeBytes: 8 * 1024 * 1024 });
    const { client } = await local(big);
    await client.select({ kind: 'shard', id: 's4500' });
    let view = client.store.getState();
    expect(view.shardsComplete).toBe(false);
    expect(view.shardCodes).toBeInstanceOf(Uint8Array);
    expect(view.shardCodes.length).toBe(9000);
    expect(view.cluster.shards.map((s) => s.id)).toEqual(['s4500']);
    await client.dispatch({ type: 'node.crash', node: 'n3' });
    await client.seek(20_000);
    view = client.store.getState();
    const notHealthy = [...view.shardCodes].flatMap((c, i) => (c !== 0 ? [i] : []));
    expect(notHealthy.length).toBeGreaterThan(0);
    const listed = view.cluster.shards.map((s) => Number(s.id.slice(1)) - 1);
    expect(listed.filter((i) => i !== 4499)).toEqual(notHealthy.filter((i) => i !== 4499).slice(0, 2000));
    expect(listed).toContain(4499);
  });

  it('up to 2,000 shards the frame holds every shard', async () => {
    const { client } = await local();
    const view = client.store.getState();
    expect(view.shardsComplete).toBe(true);
    expect(view.cluster.shards).toHaveLength(400);
    expect(view.shardCodes).toHaveLength(400);
  });

  it('runs a headless comparison apart from the console run, deterministically', async () => {
    const { client } = await local();
    await client.seek(2000);
    const request = {
      scenario: 'rehome-worked-example',
      timeline: false,
      commands: [{ atMs: 5000, command: { type: 'node.crash' as const, node: 'n3' } }],
      until: 'healthy' as const,
      maxMs: 600_000,
    };
    const report = await client.runHeadless(request);
    expect(report.result.reached).toBe(true);
    expect(report.shards.total).toBe(400);
    expect(report.nodes).toMatchObject({ total: 6, up: 5 });
    expect(report.metrics.lostShards).toBe(0);
    expect(report.trace.byKind['node.declaredDead']).toBe(1);
    expect((await client.runHeadless(request)).digest).toBe(report.digest);
    // The console's own run did not move.
    expect((await client.getState()).timeMs).toBe(2000);
  });
});
