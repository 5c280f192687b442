import { describe, expect, it } from 'vitest';
import { decodeShareParams } from '../store/share-url';
import { lessonRecorder, runObserve, startLessonRun } from './run-lesson';
import { capFrom, movableRecorder, playUntilCheck } from './run-target';
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

describe('playing until a check holds', () => {
  it('stops at the very moment the story event happens: n2 declared DEAD at 6426 ms', () => {
    const recorder = lessonRecorder(resolvedBlip());
    const held = playUntilCheck(movableRecorder(recorder), { '>=': [{ 'trace.count': ['you', 'node.declaredDead', { node: 'n2' }] }, 1] }, capFrom(0, undefined), 'you');
    expect(held).toBe(true);
    expect(recorder.sim.timeMs).toBe(6426);
    expect(recorder.sim.getState().nodes.find((n) => n.id === 'n2')!.health).toBe('DEAD');
  });
  it('a check that never holds plays to the cap and says so', () => {
    const recorder = lessonRecorder(resolvedBlip());
    expect(playUntilCheck(movableRecorder(recorder), false, capFrom(0, 20_000), 'you')).toBe(false);
    expect(recorder.sim.timeMs).toBe(20_000);
  });
});
