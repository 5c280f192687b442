// Goal: a repair session walks requested → validating → comparing (one step per level) → streaming → finished, ends at
// comparing when nothing differs, and fails from any running phase when a participant goes away, to be retried.
import { describe, expect, it } from 'vitest';
import { AntiEntropyStepper } from './anti-entropy-stepper';
import type { AntiEntropyEvent } from './anti-entropy.machine';

function walk(events: AntiEntropyEvent[]) {
  const stepper = new AntiEntropyStepper();
  let state = stepper.initial();
  const states: string[] = [];
  const effects: string[] = [];
  for (const event of events) {
    const step = stepper.step(state, event);
    state = step.state;
    states.push(state.value);
    for (const e of step.effects) if (e.kind === 'action') effects.push(e.type);
  }
  return { states, effects };
}

const level = (differs: boolean, atLeaves: boolean) => ({ type: 'level.compared', differs, atLeaves }) as const;

describe('anti-entropy machine', () => {
  it('level by level: one comparing step per level, then streaming, then finished', () => {
    const run = walk([
      { type: 'session.started' },
      { type: 'trees.built' },
      level(true, false),
      level(true, false),
      level(true, true),
      { type: 'ranges.streamed' },
    ]);
    expect(run.states).toEqual(['validating', 'comparing', 'comparing', 'comparing', 'streaming', 'finished']);
    expect(run.effects).toEqual(['buildTrees', 'openComparison', 'descend', 'descend', 'streamRanges', 'finishSession']);
  });

  it('equal roots end the session without streaming', () => {
    const run = walk([{ type: 'session.started' }, { type: 'trees.built' }, level(false, false)]);
    expect(run.states).toEqual(['validating', 'comparing', 'finished']);
    expect(run.effects).toEqual(['buildTrees', 'openComparison', 'finishSession']);
  });

  it('a participant lost in any running phase fails the session; a retry requests it again', () => {
    for (const before of [
      [{ type: 'session.started' }],
      [{ type: 'session.started' }, { type: 'trees.built' }],
      [{ type: 'session.started' }, { type: 'trees.built' }, level(true, true)],
    ] as AntiEntropyEvent[][]) {
      const run = walk([...before, { type: 'participant.lost' }, { type: 'session.retried' }]);
      expect(run.states.slice(-2)).toEqual(['failed', 'requested']);
      expect(run.effects.at(-1)).toBe('failSession');
    }
  });

  it('a finished session ignores everything', () => {
    const run = walk([{ type: 'session.started' }, { type: 'trees.built' }, level(false, true), { type: 'participant.lost' }]);
    expect(run.states.at(-1)).toBe('finished');
  });
});
