import { describe, expect, it } from 'vitest';
import { cpMemberMachine } from './cp-member.machine';
import { initialSnapshot, stepMachine } from './machine-step';

describe('cp-member machine', () => {
  it('cp1 leads at the start, the others follow', () => {
    expect(initialSnapshot(cpMemberMachine, { member: 'cp1', leads: true }).value).toBe('leader');
    expect(initialSnapshot(cpMemberMachine, { member: 'cp2', leads: false }).value).toBe('follower');
  });

  it('a follower that stops hearing the leader arms its election timer and stands when it fires', () => {
    const follower = initialSnapshot(cpMemberMachine, { member: 'cp2', leads: false });
    const waiting = stepMachine(cpMemberMachine, follower, { type: 'leader.silent', timeoutMs: 1234 });
    expect(waiting.snapshot.value).toBe('waiting');
    const timer = waiting.effects.find((e) => e.kind === 'startTimer');
    expect(timer && timer.kind === 'startTimer' && timer.delayMs).toBe(1234);
    const fired = stepMachine(cpMemberMachine, waiting.snapshot, timer!.kind === 'startTimer' ? timer!.event : { type: 'none' });
    expect(fired.snapshot.value).toBe('candidate');
    expect(fired.actions.map((a) => a.type)).toContain('startElection');
    const won = stepMachine(cpMemberMachine, fired.snapshot, { type: 'election.won' });
    expect(won.snapshot.value).toBe('leader');
    expect(won.actions.map((a) => a.type)).toContain('takeOver');
  });

  it('a leader that crashes loses the lead; restarted, it rejoins as a follower', () => {
    const leader = initialSnapshot(cpMemberMachine, { member: 'cp1', leads: true });
    const down = stepMachine(cpMemberMachine, leader, { type: 'member.crashed' });
    expect(down.snapshot.value).toBe('down');
    expect(down.actions.map((a) => a.type)).toEqual(['loseLead']);
    const back = stepMachine(cpMemberMachine, down.snapshot, { type: 'member.restarted' });
    expect(back.snapshot.value).toBe('follower');
    expect(back.actions.map((a) => a.type)).toEqual(['rejoin']);
  });

  it('a candidate that hears a leader stops standing', () => {
    const follower = initialSnapshot(cpMemberMachine, { member: 'cp3', leads: false });
    const waiting = stepMachine(cpMemberMachine, follower, { type: 'leader.silent', timeoutMs: 1000 }).snapshot;
    expect(stepMachine(cpMemberMachine, waiting, { type: 'leader.heard' }).snapshot.value).toBe('follower');
  });
});
