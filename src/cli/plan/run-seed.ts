import { CommandError, formatCliCommand, type Command, type CreateSimulationOptions, type InvariantViolation, type Simulation } from '../../engine/index';
import { classifyFault, observe, type CoverageClass } from './coverage';
import type { Plan } from './plan';

/**
 * One seed of a test plan: the plan's scenario with that seed, each fault injected at its time, every invariant
 * checked after every step, the heal, then a run to the plan's target within its bound. Deterministic: the same plan
 * and seed give the same result and digest.
 */

export interface BrokenInvariant {
  invariant: string;
  /** The plan's `expect` names it (or says "all"): breaking it fails the seed. */
  expected: boolean;
  firstAtMs: number;
  /** The checker's words at the first break: which shard, node or record. */
  detail: string;
  /** Steps after which it was found broken. */
  steps: number;
}

export interface SeedResult {
  seed: number;
  digest: string;
  /** In the order they first broke. */
  broken: BrokenInvariant[];
  target: { until: Plan['until']; reached: boolean; atMs: number; reason: string };
  /** The first fault that covered each class, and why it counts. */
  covered: Partial<Record<CoverageClass, { atMs: number; fault: string; why: string }>>;
  /** Faults the engine refused when their time came (a restart of a node that is up…), with why. */
  refused: { atMs: number; fault: string; reason: string }[];
  /** What the heal did, as CLI commands. */
  healed: string[];
}

export type CreateSim = (options: CreateSimulationOptions) => Simulation;

export function runSeed(plan: Plan, seed: number, createSimulation: CreateSim): SeedResult {
  const sim = createSimulation({ scenario: plan.scenario, seed });
  const expected = (name: string) => plan.expect === 'all' || plan.expect.includes(name);
  const broken = new Map<string, BrokenInvariant>();
  const check = (): void => {
    const found: InvariantViolation[] = sim.checkInvariants();
    const counted = new Set<string>();
    for (const v of found) {
      const known = broken.get(v.invariant);
      if (!known) broken.set(v.invariant, { invariant: v.invariant, expected: expected(v.invariant), firstAtMs: sim.timeMs, detail: v.detail, steps: 1 });
      else if (!counted.has(v.invariant)) known.steps++;
      counted.add(v.invariant);
    }
  };
  // Each step: the predicate runs before every event the engine processes.
  const runCheckedTo = (ms: number): void => {
    sim.runUntil(() => (check(), false), { maxMs: ms });
  };

  const covered: SeedResult['covered'] = {};
  const refused: SeedResult['refused'] = [];
  const crashedMembers = new Set<string>();
  for (const fault of plan.faults) {
    runCheckedTo(fault.atMs);
    const before = observe(sim);
    if (!apply(sim, fault.command, (reason) => refused.push({ atMs: fault.atMs, fault: fault.text, reason }))) continue;
    if (fault.command.type === 'cp.crash') crashedMembers.add(fault.command.member);
    if (fault.command.type === 'cp.restart') crashedMembers.delete(fault.command.member);
    check();
    for (const hit of classifyFault(fault.command, before, observe(sim))) {
      covered[hit.cls] ??= { atMs: fault.atMs, fault: fault.text, why: hit.why };
    }
  }

  const healed: string[] = [];
  const lastFaultMs = plan.faults.at(-1)?.atMs ?? 0;
  const startMs = plan.heal ?? lastFaultMs;
  if (plan.heal !== null) {
    runCheckedTo(plan.heal);
    for (const command of healCommands(sim, crashedMembers)) {
      if (apply(sim, command, () => {})) healed.push(formatCliCommand(command));
      check();
    }
  }
  const deadline = Math.max(startMs, sim.timeMs) + plan.withinMs;
  const run = sim.runUntil(() => (check(), sim.holds(plan.until)), { maxMs: deadline });
  // A predicate's refusal has no words for what is missing: ask again with the target itself (time does not move).
  const reason = run.reached ? `${plan.until} at ${run.timeMs} ms` : sim.runUntil(plan.until, { maxMs: deadline }).reason;
  return {
    seed,
    digest: sim.digest(),
    broken: [...broken.values()],
    target: { until: plan.until, reached: run.reached, atMs: run.timeMs, reason },
    covered,
    refused,
    healed,
  };
}

/** Applies a command; a CommandError (the engine refusing it now) is reported, anything else is a bug and thrown. */
function apply(sim: Simulation, command: Command, refuse: (reason: string) => void): boolean {
  try {
    sim.dispatch(command);
    return true;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    refuse(error.message);
    return false;
  }
}

/** Undo every fault: heal the network, restart crashed nodes and the cp members the plan crashed. */
function healCommands(sim: Simulation, crashedMembers: ReadonlySet<string>): Command[] {
  const state = sim.getState();
  const commands: Command[] = [];
  if (state.cuts.length > 0) commands.push({ type: 'network.heal' });
  for (const node of state.nodes) if (node.lifecycle === 'crashed') commands.push({ type: 'node.restart', node: node.id });
  for (const member of crashedMembers) commands.push({ type: 'cp.restart', member });
  return commands;
}
