import type { MachineGraph, MachineGraphTransition, MachineInstanceView, MachineRef } from '../../engine/index';
import { formatSimTime } from '../format';

/**
 * The statechart in words: what each arrow says, what the last transition was, and the plain-text lists a
 * screen reader (or anyone who prefers reading) gets instead of the drawing.
 */

/** The graph's id for a transition declared on the machine itself (taken from any state). */
export const ANY_STATE = '*';

export function refKey(ref: MachineRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** `after 10 s` for a delay in ms; a named delay keeps its name (`after deadAfterMs`). */
export function eventWords(t: Pick<MachineGraphTransition, 'event' | 'delay'>): string {
  if (t.delay === null || !/^\d+(\.\d+)?$/.test(t.delay)) return t.event;
  const ms = Number(t.delay);
  return `after ${ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(1)} s`}`;
}

/** An arrow's label: the event, then the guard in brackets (`copy.committed [backAtReplicationFactor]`). */
export function transitionLabel(t: MachineGraphTransition): string {
  return t.guard === null ? eventWords(t) : `${eventWords(t)} [${t.guard}]`;
}

export function stateName(id: string): string {
  return id === ANY_STATE ? 'any state' : id;
}

/** "SUSPECT → DEAD on after deadAfterMs at 15.0 s" */
export function lastTransitionWords(last: NonNullable<MachineInstanceView['last']>): string {
  const from = last.from.map(stateName).join(', ') || 'start';
  const to = last.to.map(stateName).join(', ');
  return `${from} → ${to} on ${last.event} at ${formatSimTime(last.atMs)}`;
}

/** One transition as a sentence for the text list. */
export function transitionSentence(t: MachineGraphTransition): string {
  const to = t.to.length === 0 ? (t.from === ANY_STATE ? 'stays where it is' : `stays in ${t.from}`) : `→ ${t.to.join(', ')}`;
  const guard = t.guard === null ? '' : `, if ${t.guard}`;
  return `${stateName(t.from)} ${to} on ${eventWords(t)}${guard}`;
}

/** A state's notes for the text list: initial, final, inside which state. */
export function stateNotes(graph: MachineGraph, id: string, active: readonly string[]): string[] {
  const state = graph.states.find((s) => s.id === id);
  if (!state) return [];
  const notes: string[] = [];
  if (active.includes(id)) notes.push('current');
  if (state.initial) notes.push(state.parent === null ? 'starts here' : `starts here inside ${state.parent}`);
  else if (state.parent !== null) notes.push(`inside ${state.parent}`);
  if (state.final) notes.push('final');
  return notes;
}
