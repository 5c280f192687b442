// Goal: the leader failover reads as §8.3's seven steps, each done (with its time and words), the next one "now",
// the rest "not yet"; and the FailoverManager's path names the member that leads it, including a path started
// under the old leader and resumed by the new one, or one waiting for an election.
import { describe, expect, it } from 'vitest';
import { midFailoverView } from '../../testing/control-plane-fixture';
import { cpFailoverSteps, failoverLeaderWords } from './cp-steps';

describe('cpFailoverSteps', () => {
  it('lists the seven steps with the reached ones done and timed, the next one current', () => {
    const steps = cpFailoverSteps(midFailoverView().failover!);
    expect(steps.map((s) => `${s.status}:${s.title}`)).toEqual([
      'done:Leader lost',
      'done:Election started',
      'done:Leader elected',
      'current:Empty entry committed',
      'pending:Journal replayed',
      'pending:State validated',
      'pending:Monitor restarted',
    ]);
    expect(steps[2]).toMatchObject({ atMs: 32_110, text: 'cp2 won term 2 with the votes of cp2 and cp3' });
    expect(steps[3].atMs).toBeNull();
  });

  it('marks every step done when the failover finished', () => {
    const failover = midFailoverView().failover!;
    const all = ['leaderLost', 'electionStarted', 'elected', 'noopCommitted', 'journalReplayed', 'stateValidated', 'monitorRestarted'] as const;
    const done = { ...failover, done: true, steps: all.map((step, i) => ({ step, atMs: 31_000 + i * 10, text: step })) };
    expect(cpFailoverSteps(done).every((s) => s.status === 'done')).toBe(true);
  });
});

describe('failoverLeaderWords', () => {
  const group = () => {
    const { entries: _e, ...g } = midFailoverView();
    return g;
  };

  it('names the leader and its term', () => {
    expect(failoverLeaderWords(group(), null)).toBe('Led by cp2, the control plane leader (term 2).');
  });

  it('says a node failover that began before the leader changed was started by the old leader and resumed by the new', () => {
    expect(failoverLeaderWords(group(), 20_000)).toBe('Started under cp1 (term 1); cp2 leads it now (term 2).');
    // Begun after the election: the new leader did it all.
    expect(failoverLeaderWords(group(), 40_000)).toBe('Led by cp2, the control plane leader (term 2).');
  });

  it('says the path waits while there is no leader', () => {
    const g = group();
    g.leader = null;
    expect(failoverLeaderWords(g, 20_000)).toBe('No control plane leader: the path waits for an election (started under cp1, term 1).');
    expect(failoverLeaderWords(g, null)).toBe('No control plane leader: a failover would wait for an election.');
  });
});
