// Goal: a shared URL rebuilds the exact moment, and every bad parameter is named while a working default takes its place.
import { describe, expect, it } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';
import { decodeShareParams, withoutTimeline } from './share-url';

function fresh() {
  const s = builtIn('rehome-worked-example');
  return new ConsoleSession(s, s.seed, manualFrames());
}

describe('share URL', () => {
  it('round-trips the exact state: scenario, seed, commands and the moment', () => {
    const a = fresh();
    a.seek(3000);
    a.dispatch({ type: 'link.cut', a: 'n2', b: 'cp' });
    a.seek(7000);
    for (let i = 0; i < 5; i++) a.step();
    a.dispatch({ type: 'node.crash', node: 'n5' });
    a.seek(25_000);
    const query = a.shareQuery();
    const { state, problems } = decodeShareParams(query);
    expect(problems).toEqual([]);
    const b = fresh();
    b.restore(state);
    expect(b.simulation.digest()).toBe(a.simulation.digest());
    expect(b.simulation.eventCount).toBe(a.simulation.eventCount);
    expect(b.simulation.timeMs).toBe(a.simulation.timeMs);
    expect(b.simulation.getState()).toEqual(a.simulation.getState());
  });

  it('carries a loaded (non-built-in) scenario inside the URL', () => {
    const custom = { ...builtIn('rehome-worked-example'), id: 'mine', title: 'Mine', shards: 30 };
    const a = new ConsoleSession(custom, 9, manualFrames());
    a.seek(2000);
    const { state, problems } = decodeShareParams(a.shareQuery());
    expect(problems).toEqual([]);
    expect(state.scenario.id).toBe('mine');
    expect(state.seed).toBe(9);
  });

  it('names each bad parameter and keeps working defaults', () => {
    const { state, problems } = decodeShareParams(
      '?scenario=nope&seed=-4&c=abc&c=5000@10@node.crash:n42&c=6000@20@node.crash:n2&t=soon&speed=fast',
    );
    expect(state.scenario.id).toBe('rehome-worked-example');
    expect(state.commands).toEqual([{ atMs: 6000, afterEvent: 20, command: { type: 'node.crash', node: 'n2' } }]);
    expect(state.timeMs).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/^URL parameter scenario: unknown scenario "nope"/),
      expect.stringMatching(/^URL parameter seed: .*"-4"/),
      expect.stringMatching(/^URL parameter c \(command 1, "abc"\)/),
      expect.stringMatching(/^URL parameter c \(command 2, .*unknown node "n42"/),
      expect.stringMatching(/^URL parameter t: .*"soon"/),
      expect.stringMatching(/^URL parameter speed: .*"fast"/),
    ]);
  });

  it('a command that no longer applies on replay is skipped and reported, not fatal', () => {
    const { state } = decodeShareParams('?scenario=rehome-worked-example&c=1000@5@node.restart:n1&t=2000');
    const b = fresh();
    b.restore(state);
    b.flush();
    expect(b.store.getState().alerts.map((x) => x.message)).toEqual([expect.stringMatching(/restart n1.*not crashed/)]);
    expect(b.simulation.timeMs).toBe(2000);
  });

  it('timeline=0 loads a built-in scenario without its own timeline, and a run without it shares as timeline=0', () => {
    const { state, problems } = decodeShareParams('?scenario=rehome-worked-example&timeline=0');
    expect(problems).toEqual([]);
    expect(state.scenario.id).toBe('rehome-worked-example');
    expect(state.scenario.timeline).toEqual([]);

    const a = new ConsoleSession(withoutTimeline(builtIn('rehome-worked-example')), 1, manualFrames());
    a.seek(20_000);
    expect(a.simulation.getState().nodes.every((n) => n.up)).toBe(true);
    const params = new URLSearchParams(a.shareQuery());
    expect(params.get('scenario')).toBe('rehome-worked-example');
    expect(params.get('timeline')).toBe('0');
    expect(params.has('scenarioJson')).toBe(false);
    expect(new URLSearchParams(fresh().shareQuery()).has('timeline')).toBe(false);
  });

  it('a bad timeline parameter is named and the timeline kept', () => {
    const { state, problems } = decodeShareParams('?timeline=off');
    expect(problems).toEqual([expect.stringMatching(/URL parameter timeline: .*"off"/)]);
    expect(state.scenario.timeline.length).toBeGreaterThan(0);
  });
});
