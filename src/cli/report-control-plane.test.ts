// Goal: the CLI report of a run with a 3-member control plane says who leads, in which term, and what failover cost.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { getBuiltInScenario } from '../scenarios/registry';
import { buildReport, formatSummary, type RunOutcome } from './report';

const outcome: RunOutcome = { until: 'healthy', reached: true, reason: 'every shard is at RF 3' };

describe('report.controlPlane', () => {
  it('lists members, leader, term and commit index, and a summary line', () => {
    const sim = createSimulation({ scenario: getBuiltInScenario('cp-leader-dies-mid-rehome')! });
    sim.advanceBy(30_000);
    const report = buildReport(sim, outcome);
    expect(report.controlPlane).toMatchObject({ leader: 'cp2', term: 2 });
    expect(report.controlPlane!.members.map((m) => [m.id, m.up, m.role])).toEqual([
      ['cp1', true, 'follower'],
      ['cp2', true, 'leader'],
      ['cp3', true, 'follower'],
    ]);
    expect(report.controlPlane!.commitIndex).toBeGreaterThan(0);
    expect(formatSummary(report)).toMatch(/Control plane: cp2 leads term 2, commit index \d+; down none; 1 leader change\(s\), leaderless 1\.069 s, .* 5 orphan copy\(ies\) removed/);
  });

  it('is left out with one member', () => {
    const sim = createSimulation({ scenario: getBuiltInScenario('rehome-worked-example')! });
    expect(buildReport(sim, outcome).controlPlane).toBeUndefined();
  });
});
