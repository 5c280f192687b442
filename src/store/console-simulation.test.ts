import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { RunRecorder } from './run-recorder';
import { createSimulationFor } from './session';

// The console never checks invariants, so its runs are built without the checker (start-up bundle, DESIGN.md §5).
describe("the console's runs", () => {
  it('are built without the invariant checker, and say so when asked', () => {
    const small = scenario({ id: 'small', nodes: 3, shards: 3, shardSizeBytes: 4 * 1024 * 1024 });
    expect(() => new RunRecorder(small, 1).sim.checkInvariants()).toThrow(/createConsoleSimulation/);
    expect(() => createSimulationFor(small, 1).checkInvariants()).toThrow(/createConsoleSimulation/);
  });
});
