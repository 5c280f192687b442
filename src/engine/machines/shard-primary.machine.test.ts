// Goal: a shard that loses its primary holds an election exactly electionTimeoutMs later — the machine's own timer on the
// real event queue — and ends led again (its configured primary, or another), or stalled for want of a majority.
import { describe, expect, it } from 'vitest';
import { shardPrimaryMachine } from './shard-primary.machine';
import { TimedWalk } from './timed-walk.test-helper';

const shard = () => new TimedWalk(shardPrimaryMachine, undefined as never);
const called = { type: 'election.called', timeoutMs: 1_500 } as const;

describe('shard-primary machine (timers on the real event queue)', () => {
  it('primary lost → election pending → electing after the timeout → appointed (another node) → handing over → leading', () => {
    const run = shard().send({ type: 'primary.lost' }).send(called);
    expect(run.state).toBe('electionPending');
    expect(run.queue.peek()?.timeMs).toBe(1_500);
    run.advance(1_499);
    expect(run.state).toBe('electionPending');
    run.advance(1);
    expect(run.state).toBe('electing');
    expect(run.steps.at(-1)).toMatchObject({ atMs: 1_500, event: 'xstate.after.electionTimeout.shardPrimary.electionPending', actions: ['holdElection'] });
    run.send({ type: 'election.won', configured: false });
    expect(run.state).toBe('appointed');
    run.send({ type: 'handOver.started' }).send(called).advance(1_500).send({ type: 'election.won', configured: true });
    expect(run.states).toEqual(['primaryLost', 'electionPending', 'electing', 'appointed', 'handingOver', 'electionPending', 'electing', 'leading']);
    expect(run.pendingTimers).toBe(0);
  });

  it('an election without a majority stalls, and is called again when what cp sees changes', () => {
    const run = shard().send({ type: 'primary.lost' }).send(called).advance(1_500).send({ type: 'election.stalled' });
    expect(run.state).toBe('stalled');
    expect(run.pendingTimers).toBe(0);
    run.advance(60_000);
    expect(run.state).toBe('stalled');
    run.send(called);
    expect(run.state).toBe('electionPending');
    expect(run.queue.peek()?.timeMs).toBe(61_500 + 1_500);
  });

  it('an emergency repair that names the primary cancels the pending election timer', () => {
    const run = shard().send({ type: 'primary.lost' }).send(called).advance(500).send({ type: 'election.cancelled' });
    expect(run.state).toBe('leading');
    expect(run.pendingTimers).toBe(0);
    run.advance(5_000);
    expect(run.state).toBe('leading');
  });
});
