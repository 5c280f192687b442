// Crashes the fuzzer found (npm run fuzz), each pinned by the smallest input that showed it.
import { describe, expect, it } from 'vitest';
import { createDriver } from '../embed/driver-api';
import { createSimulation } from '../engine/index';
import { getBuiltInScenario } from '../scenarios/registry';
import { manualFrames } from '../store/frame-scheduler';
import { ConsoleSession } from '../store/session';
import { decodeShareParams } from '../store/share-url';
import { createLocalConsole } from '../worker/local-console';

const scenario = (id: string) => getBuiltInScenario(id)!;

describe('fuzz regressions', () => {
  it('getTrace with a sinceSeq that is not a number is refused by name, not "Invalid array length"', async () => {
    const sim = createSimulation({ scenario: scenario('primary-failover-rf3') });
    sim.advanceBy(1000);
    expect(() => sim.getTrace(NaN)).toThrow(/^getTrace: sinceSeq must be a number/);
    expect(() => sim.getTrace({} as unknown as number)).toThrow(/getTrace: sinceSeq must be a number.*an object/);
    const local = createLocalConsole(scenario('primary-failover-rf3'), 1);
    const driver = createDriver(local.client, local.ready);
    await expect(driver.getTrace('soon' as unknown as number)).rejects.toThrow(/getTrace: sinceSeq/);
    local.client.dispose();
    expect(sim.getTrace(-5).length).toBe(sim.getTrace(0).length);
  });

  it("the console's own share URL at a moment between whole milliseconds loads without an alert and keeps its command", () => {
    // Copies and latencies put events at fractional times (fuzz url case 72: t=6500.000000000003).
    const session = new ConsoleSession(scenario('non-transitive-4357'), 1, manualFrames());
    while (Number.isInteger(session.simulation.timeMs)) session.step();
    session.dispatch({ type: 'node.crash', node: 'n2' });
    session.step();
    const { timeMs, eventCount } = session.simulation;
    const digest = session.simulation.digest();
    const decoded = decodeShareParams(session.shareQuery());
    expect(decoded.problems).toEqual([]);
    expect(decoded.state.commands).toHaveLength(1);
    const again = new ConsoleSession(decoded.state.scenario, decoded.state.seed, manualFrames());
    again.restore(decoded.state);
    expect([again.simulation.timeMs, again.simulation.eventCount, again.simulation.digest()]).toEqual([timeMs, eventCount, digest]);
  });
});
