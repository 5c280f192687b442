// Goal: a lesson in the console runs on the worker's live run, as the learner sees it: the lesson's scenario is the
// run, a task's Check reads that run at this moment, a narrate step's "play until" stops the run at the first event
// the condition holds (a model event, exact), and an observe step's comparison is computed apart from the run.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalConsole } from './local-console';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

const blip = readFileSync(new URL('../lessons/fixtures/grace-period-blip.json', import.meta.url), 'utf8');
const deadN2 = { '>=': [{ 'trace.count': ['you', 'node.declaredDead', { node: 'n2' }] }, 1] };

async function local() {
  const made = createLocalConsole();
  open.push(made.client);
  await made.ready;
  return made;
}

/** Lets the channel deliver what the host posted (frames, replies). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('lesson methods behind the worker protocol', { timeout: 60_000 }, () => {
  it("loads the learner's variant as the console's run", async () => {
    const { client } = await local();
    const loaded = await client.lessonLoad(blip, 1);
    expect(loaded.scenario).toBe('blip-grace');
    expect(loaded.seed).toBe(7);
    // Variant 1 cuts n4 (variant 0 cuts n2), healed at 7.5 s.
    expect(loaded.timeline.map((t) => [t.atMs, t.command])).toEqual([
      [5000, { type: 'link.cut', a: 'n4', b: 'cp' }],
      [7500, { type: 'link.heal', a: 'n4', b: 'cp' }],
    ]);
    expect(client.store.getState().scenario.id).toBe('blip-grace');
    expect(client.store.getState().cluster.nodes).toHaveLength(6);
  });

  it('refuses a lesson that does not parse, naming the problem, and keeps the run', async () => {
    const { client } = await local();
    const error = await client.lessonLoad('{"lesson": "1"}', 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^lesson: .*title/);
    expect(client.store.getState().scenario.id).toBe('rehome-worked-example');
  });

  it("checks the learner's live run at this moment, and says why a check could not be evaluated", async () => {
    const { client } = await local();
    await client.lessonLoad(blip, 0);
    expect(await client.lessonCheck(deadN2, {})).toMatchObject({ passed: false, value: false });
    await client.seek(9000);
    expect(await client.lessonCheck(deadN2, {})).toMatchObject({ passed: true, value: true });
    const moved = await client.lessonCheck({ var: 'you.metrics.bytesMoved' }, {});
    expect(moved.value).toBeGreaterThan(0);
    expect(await client.lessonCheck({ '==': [{ var: 'prediction.predict.choice' }, 'b'] }, { predict: { choice: 'b', atEvent: 3 } })).toMatchObject({ passed: true });
    const broken = await client.lessonCheck({ 'no.such.operator': [1] }, {});
    expect(broken.passed).toBe(false);
    expect(broken.error).toMatch(/no\.such\.operator/);
  });

  it('pauses playback at the first event at which the watch holds, and frames say so', async () => {
    const { client, frames } = await local();
    await client.lessonLoad(blip, 0);
    await client.lessonWatch(deadN2);
    expect(client.lessonWatchMet).toBe(false);
    await client.setSpeed(8);
    await client.play();
    let wall = 1000;
    frames.tick(wall);
    for (let i = 0; i < 400 && client.store.getState().playback.playing; i++) {
      frames.tick((wall += 250));
      await settle();
    }
    await settle();
    const paused = client.store.getState().playback;
    expect(paused.playing).toBe(false);
    expect(client.lessonWatchMet).toBe(true);
    const dead = client.store.getState().trace.filter((e) => e.kind === 'node.declaredDead');
    expect(dead.map((e) => e.data.node)).toEqual(['n2']);
    // The first such event: one event earlier, n2 was not yet declared DEAD.
    await client.stepBack(1);
    expect(client.lessonWatchMet).toBe(false);
    expect(client.store.getState().playback.eventCount).toBe(paused.eventCount - 1);
    await client.lessonWatch(null);
    expect(client.lessonWatchMet).toBeNull();
  });

  it("runs an observe step's comparison apart from the learner's run", async () => {
    const { client } = await local();
    await client.lessonLoad(blip, 0);
    await client.seek(2000);
    const outcome = await client.lessonObserve(blip, 0, 'observe');
    expect(outcome.runs.map((r) => r.label)).toEqual(['no-grace', 'grace-5s']);
    const bytes = outcome.rows.find((r) => r.label === 'bytes moved');
    expect(bytes?.values['no-grace']).toBeGreaterThan(0);
    expect(bytes?.values['grace-5s']).toBe(0);
    expect((await client.getState()).timeMs).toBe(2000);
  });

  it('answers calls in order behind a lesson call that loads its modules', async () => {
    const { client } = await local();
    const [loaded, state] = await Promise.all([client.lessonLoad(blip, 2), client.getState()]);
    expect(loaded.scenario).toBe('blip-grace');
    expect(state.nodes).toHaveLength(6);
  });
});
