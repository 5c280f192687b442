import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

const base = { id: 'cp-test', nodes: 6, shards: 12 };

describe('scenario field controlPlane', () => {
  it('is absent unless the file writes it (older scenarios load as before)', () => {
    const parsed = parseScenario(base);
    expect(parsed.ok && parsed.scenario.controlPlane).toBe(undefined);
  });

  it('fills in journal and standby', () => {
    const parsed = parseScenario({ ...base, controlPlane: { members: 3 } });
    expect(parsed.ok && parsed.scenario.controlPlane).toEqual({ members: 3, journal: false, standby: 'hot' });
  });

  it('names each bad field by its path', () => {
    const parsed = parseScenario({ ...base, controlPlane: { members: 2, journal: 'yes', standby: 'warm', extra: 1 } });
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : parsed.problems.join('\n');
    expect(text).toMatch(/controlPlane\.members/);
    expect(text).toMatch(/controlPlane\.journal/);
    expect(text).toMatch(/controlPlane\.standby/);
    expect(text).toMatch(/extra/);
  });

  it('lets the timeline crash a member of a 3-member group, and refuses one of a single cp by name', () => {
    const crash = { atMs: 1000, command: { type: 'cp.crash', member: 'cp1' } };
    expect(parseScenario({ ...base, controlPlane: { members: 3 }, timeline: [crash] }).ok).toBe(true);
    const single = parseScenario({ ...base, timeline: [crash] });
    expect(single.ok ? '' : single.problems.join('\n')).toMatch(/one member \("cp"\)/);
    const unknown = parseScenario({ ...base, controlPlane: { members: 3 }, timeline: [{ atMs: 1, command: { type: 'cp.crash', member: 'cp7' } }] });
    expect(unknown.ok ? '' : unknown.problems.join('\n')).toMatch(/unknown control-plane member "cp7"/);
  });

  it('accepts a link cut to one member', () => {
    const cut = { atMs: 1000, command: { type: 'link.cut', a: 'cp2', b: 'n4' } };
    expect(parseScenario({ ...base, controlPlane: { members: 3 }, timeline: [cut] }).ok).toBe(true);
    expect(parseScenario({ ...base, timeline: [cut] }).ok).toBe(false);
  });
});
