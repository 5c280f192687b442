import { createSimulation, type Command, type Simulation, type TraceWindow } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';

/**
 * A long run of churn, for `npm run bench`'s soak and the memory test: 12
 * nodes in 3 racks with clients writing and reading, and every few simulated
 * minutes a fault that heals — a crash and restart, a cut link, a partition,
 * a rack down. Deterministic: the fault at minute m depends only on m.
 */
export const SOAK_NODES = 12;
const FAULT_EVERY_MS = 5 * 60_000;
const HEAL_AFTER_MS = 2 * 60_000;

export function soakScenario() {
  const parsed = parseScenario({
    id: 'soak-churn',
    title: 'Churn for a simulated day',
    nodes: SOAK_NODES,
    racks: 3,
    shards: 120,
    shardSizeBytes: 16 * 1024 * 1024,
    workload: { writesPerSec: 20, readsPerSec: 20 },
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scenario;
}

/** The fault of round `round` and the command that heals it. */
function churn(round: number): { fault: Command; heal: Command } {
  const node = `n${(round % SOAK_NODES) + 1}`;
  const other = `n${((round + 5) % SOAK_NODES) + 1}`;
  switch (round % 4) {
    case 0:
      return { fault: { type: 'node.crash', node }, heal: { type: 'node.restart', node } };
    case 1:
      return { fault: { type: 'link.cut', a: node, b: 'cp' }, heal: { type: 'link.heal', a: node, b: 'cp' } };
    case 2:
      return { fault: { type: 'link.cut', a: node, b: other }, heal: { type: 'link.heal', a: node, b: other } };
    default:
      return {
        fault: { type: 'network.partition', groups: [[node, other], ['cp', ...everyNodeBut(node, other)]] },
        heal: { type: 'network.heal' },
      };
  }
}

function everyNodeBut(...left: string[]): string[] {
  return Array.from({ length: SOAK_NODES }, (_, i) => `n${i + 1}`).filter((n) => !left.includes(n));
}

export interface SoakHour {
  hour: number;
  events: number;
  trace: TraceWindow;
  writesAcked: number;
}

/** Runs `hours` simulated hours of churn, calling `onHour` at the end of each. */
export function runSoak(hours: number, onHour: (sim: Simulation, hour: SoakHour) => void = () => {}): Simulation {
  const sim = createSimulation({ scenario: soakScenario() });
  let round = 0;
  for (let hour = 1; hour <= hours; hour++) {
    const hourEnd = hour * 3_600_000;
    // Each five-minute slot: a fault at its first minute, healed two minutes later.
    while ((round + 1) * FAULT_EVERY_MS <= hourEnd) {
      const { fault, heal } = churn(round);
      sim.advanceBy(round * FAULT_EVERY_MS + 60_000 - sim.timeMs);
      sim.dispatch(fault);
      sim.advanceBy(HEAL_AFTER_MS);
      sim.dispatch(heal);
      round++;
    }
    sim.advanceBy(hourEnd - sim.timeMs);
    onHour(sim, { hour, events: sim.eventCount, trace: sim.getTraceWindow(), writesAcked: sim.getMetrics().writesAcked });
  }
  return sim;
}
