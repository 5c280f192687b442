import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCliCommand, type Command, type TimedCommand } from '../engine/index';
import type { ViolationClass } from './checker';
import { runSchedule } from './run-schedule';
import { healPhase, type Schedule } from './schedule';

/**
 * Shrinks a failing schedule while it still shows the same violation class:
 * drop faults one at a time, then fewer nodes, fewer shards, no reads, fewer
 * writes. Greedy, so bounded: each pass tries every smaller neighbour once.
 */
export function shrinkSchedule(schedule: Schedule, cls: ViolationClass, budget = 200): Schedule {
  let best = schedule;
  let tries = 0;
  const fails = (candidate: Schedule): boolean => {
    tries++;
    try {
      return runSchedule(candidate).violations.some((v) => v.cls === cls);
    } catch {
      return false;
    }
  };
  let improved = true;
  while (improved && tries < budget) {
    improved = false;
    for (const candidate of neighbours(best)) {
      if (tries >= budget) break;
      if (fails(candidate)) {
        best = candidate;
        improved = true;
        break;
      }
    }
  }
  return best;
}

function neighbours(s: Schedule): Schedule[] {
  const out: Schedule[] = [];
  const nodes = Number(s.scenario.nodes);
  const rebuild = (scenario: Record<string, unknown>, faults: TimedCommand[]): Schedule => {
    const n = Number(scenario.nodes);
    return { ...s, scenario, faults, heal: healPhase(n, faults, s.healAtMs) };
  };
  for (let i = 0; i < s.faults.length; i++) out.push(rebuild(s.scenario, s.faults.filter((_, j) => j !== i)));
  if (nodes > 3 && !s.faults.some((f) => mentions(f.command, `n${nodes}`)) && nodes - 1 >= Number(s.scenario.replicationFactor))
    out.push(rebuild({ ...s.scenario, nodes: nodes - 1, racks: Math.min(Number(s.scenario.racks), nodes - 1) }, s.faults));
  const shards = Number(s.scenario.shards);
  if (shards > 1) out.push(rebuild({ ...s.scenario, shards: shards - 1 }, s.faults.filter((f) => !mentions(f.command, `s${String(shards).padStart(3, '0')}`))));
  const workload = s.scenario.workload as { writesPerSec: number; readsPerSec: number };
  if (workload.readsPerSec > 0) out.push(rebuild({ ...s.scenario, workload: { ...workload, readsPerSec: 0 } }, s.faults));
  if (workload.writesPerSec > 1) out.push(rebuild({ ...s.scenario, workload: { ...workload, writesPerSec: Math.floor(workload.writesPerSec / 2) } }, s.faults));
  if (s.scenario.profile !== undefined) {
    const rest = { ...s.scenario };
    delete rest.profile;
    out.push(rebuild(rest, s.faults));
  }
  return out;
}

function mentions(command: Command, id: string): boolean {
  return JSON.stringify(command).includes(`"${id}"`);
}

/** Writes the scenario to a temp file; returns the file and the `npm run sim` line that replays the schedule. */
export function reproLine(schedule: Schedule, label = 'run'): { file: string; line: string } {
  const file = join(tmpdir(), `failover-sweep-${schedule.seed}-${label}.json`);
  writeFileSync(file, JSON.stringify({ ...schedule.scenario, seed: schedule.seed }, null, 2) + '\n');
  const heal = compactHeal(schedule);
  const ats = [...schedule.faults, ...heal].map((t) => `--at '${t.atMs}:${formatCliCommand(t.command)}'`);
  return { file, line: `npm run sim -- --scenario ${file} ${ats.join(' ')} --until healthy --json` };
}

/** The heal phase's restarts only for nodes a fault could have stopped (the others would be skipped). */
function compactHeal(s: Schedule): TimedCommand[] {
  const stopped = new Set<string>();
  for (const f of s.faults) {
    if (f.command.type === 'node.crash') stopped.add(f.command.node);
    if (f.command.type === 'rack.fail' || f.command.type === 'cluster.powerLoss') stopped.add('*');
  }
  return s.heal.filter((h) => h.command.type !== 'node.restart' || stopped.has('*') || stopped.has(h.command.node));
}
