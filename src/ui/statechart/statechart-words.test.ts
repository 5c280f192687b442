// Goal: a learner reads the last transition and every arrow in words: which states, which event, which guard, how long.
import { describe, expect, it } from 'vitest';
import type { MachineGraph } from '../../engine/index';
import { eventWords, lastTransitionWords, stateNotes, transitionLabel, transitionSentence } from './statechart-words';

const t = (over: Partial<Parameters<typeof transitionLabel>[0]>) => ({ from: 'a', to: ['b'], event: 'go', guard: null, delay: null, ...over });

describe('statechart words', () => {
  it('the last transition reads as a sentence with the event and the simulated time', () => {
    expect(lastTransitionWords({ from: ['SUSPECT'], to: ['DEAD'], event: 'after deadAfterMs', atMs: 15_000 })).toBe(
      'SUSPECT → DEAD on after deadAfterMs at 15.0 s',
    );
  });

  it('a numeric delay is said in seconds; a named one keeps its name', () => {
    expect(eventWords(t({ event: 'after 10000', delay: '10000' }))).toBe('after 10 s');
    expect(eventWords(t({ event: 'after 2500', delay: '2500' }))).toBe('after 2.5 s');
    expect(eventWords(t({ event: 'after 400', delay: '400' }))).toBe('after 400 ms');
    expect(eventWords(t({ event: 'after deadAfterMs', delay: 'deadAfterMs' }))).toBe('after deadAfterMs');
  });

  it('an arrow carries its guard in brackets; the text list says "if" and "stays in"', () => {
    expect(transitionLabel(t({ event: 'copy.committed', guard: 'backAtReplicationFactor' }))).toBe('copy.committed [backAtReplicationFactor]');
    expect(transitionSentence(t({ from: 'rehoming', to: [], event: 'copy.started' }))).toBe('rehoming stays in rehoming on copy.started');
    expect(transitionSentence(t({ from: '*', to: ['lost'], event: 'replica.removed', guard: 'noCopiesLeft' }))).toBe(
      'any state → lost on replica.removed, if noCopiesLeft',
    );
  });

  it('states are noted current, initial and final', () => {
    const graph: MachineGraph = {
      machineId: 'm',
      initial: 'up',
      states: [
        { id: 'up', label: 'up', parent: null, initial: true, final: false },
        { id: 'gone', label: 'gone', parent: null, initial: false, final: true },
      ],
      transitions: [],
    };
    expect(stateNotes(graph, 'up', ['up'])).toEqual(['current', 'starts here']);
    expect(stateNotes(graph, 'gone', ['up'])).toEqual(['final']);
  });
});
