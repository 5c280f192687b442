import { describe, expect, it } from 'vitest';
import { decodeShareParams } from '../store/share-url';
import { runObserve, startLessonRun } from './run-lesson';
import { resolvedBlip } from './test-lessons/blip-lesson';

describe('runObserve: the worked example §2.4 (§2.5 measured 2 copies, 128 MiB at 302d871; the engine today: 1, 64 MiB)', () => {
  const outcome = runObserve(resolvedBlip(), 'observe');

  it('compares the two runs: a wasted copy without a grace period, none with 5 s', () => {
    const row = (label: string) => outcome.rows.find((r) => r.label === label)!.values;
    expect(row('copies started')).toEqual({ 'no-grace': 1, 'grace-5s': 0 }); // §2.5 measured 2 at 302d871; the engine now starts one
    expect(row('bytes moved')).toEqual({ 'no-grace': 67108864, 'grace-5s': 0 });
    expect(row('grace saved the copy?')).toEqual({ 'no-grace': false, 'grace-5s': true });
    expect(row('healthy again at')).toEqual({ 'no-grace': 7926, 'grace-5s': 7926 });
    expect(outcome.runs.map((r) => [r.label, r.reached, r.refused])).toEqual([['no-grace', true, []], ['grace-5s', true, []]]);
  });

  it("each run's share query opens that run, at its end, in the console", () => {
    const run = outcome.runs[1];
    const { state, problems } = decodeShareParams(run.query);
    expect(problems).toEqual([]);
    expect(state.commands.map((c) => [c.atMs, c.afterEvent, c.command])).toEqual([[0, 0, { type: 'config.set', path: 'params.rehomeGraceMs', value: 5000 }]]);
    expect([state.eventCount, state.timeMs]).toEqual([run.eventCount, run.timeMs]);
  });

  it('an unknown step is a RangeError naming the observe steps', () => {
    expect(() => runObserve(resolvedBlip(), 'tune')).toThrow('runObserve: "tune" is not an observe step of lesson "grace-period-blip" (observe steps: observe)');
  });
});

describe('startLessonRun: the learner run rebuilt from recorded commands', () => {
  it('replays a command at its recorded moment, as a share URL does', () => {
    const sim = startLessonRun(resolvedBlip(), [{ atMs: 0, afterEvent: 0, command: 'config.set:params.rehomeGraceMs=600' }]);
    expect(sim.getState().params.rehomeGraceMs).toBe(600);
    sim.runUntil('healthy');
    expect(sim.getMetrics().bytesMoved).toBe(0);
    expect(sim.timeMs).toBe(7926);
  });
  it('stands at a given moment with the commands recorded there applied', () => {
    const sim = startLessonRun(resolvedBlip(), [{ atMs: 100, afterEvent: 5, command: 'config.set:params.rehomeGraceMs=700' }], { eventCount: 5 });
    expect(sim.eventCount).toBe(5);
    expect(sim.getState().params.rehomeGraceMs).toBe(700);
  });
});
