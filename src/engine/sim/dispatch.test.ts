// Goal: commands are validated before anything changes; a bad one names its problem and leaves the run untouched.
import { describe, expect, it } from 'vitest';
import { CommandError, createSimulation, type Command } from '../index';
import { scenario } from '../../testing/load-scenario';

const small = () => createSimulation({ scenario: scenario({ id: 'small', nodes: 4, shards: 12 }) });

describe('dispatch', () => {
  const bad: [string, Command, RegExp][] = [
    ['unknown node', { type: 'node.crash', node: 'n42' }, /unknown node "n42"/],
    ['unknown rack', { type: 'rack.fail', rack: 'r9' }, /r9/],
    ['restart of a running node', { type: 'node.restart', node: 'n1' }, /not crashed/],
    ['link to itself', { type: 'link.cut', a: 'n1', b: 'n1' }, /n1/],
    ['unknown setting', { type: 'config.set', path: 'params.nope', value: 1 }, /params\.nope/],
    ['suspect above dead', { type: 'config.set', path: 'params.suspectAfterMs', value: 20_000 }, /deadAfterMs/],
  ];
  for (const [name, command, message] of bad) {
    it(`rejects ${name} with a message naming it, changing nothing`, () => {
      const sim = small();
      sim.advanceBy(2000);
      const digest = sim.digest();
      const state = JSON.stringify(sim.getState());
      expect(() => sim.dispatch(command)).toThrow(CommandError);
      expect(() => sim.dispatch(command)).toThrow(message);
      expect(sim.digest()).toBe(digest);
      expect(JSON.stringify(sim.getState())).toBe(state);
      expect(sim.getCommandLog()).toEqual([]);
    });
  }

  it('records accepted commands with their time', () => {
    const sim = small();
    sim.advanceBy(1500);
    sim.dispatch({ type: 'node.crash', node: 'n2' });
    expect(sim.getCommandLog()).toEqual([{ atMs: 1500, command: { type: 'node.crash', node: 'n2' } }]);
    expect(sim.getState().nodes[1]).toMatchObject({ up: false, lifecycle: 'crashed', health: 'ACTIVE' });
  });

  it('config.set changes a parameter live', () => {
    const sim = small();
    sim.dispatch({ type: 'config.set', path: 'params.deadAfterMs', value: 5000 });
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    sim.advanceBy(6000);
    expect(sim.getState().nodes[0].health).toBe('DEAD');
  });
});

describe('stepping', () => {
  it('step processes one event and returns its trace entries; advanceBy lands exactly on the time', () => {
    const sim = small();
    const entries = sim.step();
    expect(entries).not.toBeNull();
    expect(entries!.length).toBeGreaterThan(0);
    expect(sim.eventCount).toBe(1);
    const t0 = sim.timeMs;
    sim.advanceBy(1234);
    expect(sim.timeMs).toBe(t0 + 1234);
    expect(sim.getTrace().every((e) => e.timeMs <= t0 + 1234)).toBe(true);
  });

  it('runUntil stops at maxMs and says why when the target cannot be reached', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'stuck', nodes: 3, shards: 6, timeline: [{ atMs: 1000, command: { type: 'node.crash', node: 'n1' } }] }),
    });
    const result = sim.runUntil('healthy', { maxMs: 50_000 });
    expect(result.reached).toBe(false);
    expect(result.timeMs).toBe(50_000);
    expect(result.reason).toMatch(/under-replicated/);
  });

  it('idle is reached once the monitor has concluded and only heartbeats remain', () => {
    const sim = small();
    sim.dispatch({ type: 'node.crash', node: 'n4' });
    const result = sim.runUntil('idle', { maxMs: 120_000 });
    expect(result.reached).toBe(true);
    expect(sim.getState().nodes[3].health).toBe('DEAD');
  });
});
