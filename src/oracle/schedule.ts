import type { Command, TimedCommand } from '../engine/index';
import { seededRng, type Rng } from './random';

/**
 * A random fault schedule: a small cluster (3–12 nodes, RF 3 or 5, any
 * profile), a burst of faults and user actions, then a "heal everything"
 * phase. Plain JSON so a failing one can be written to a file and replayed
 * with `npm run sim`.
 */
export interface Schedule {
  seed: number;
  /** Raw scenario JSON (no timeline): what `npm run sim -- --scenario` loads. */
  scenario: Record<string, unknown>;
  /** The faults, in time order. */
  faults: TimedCommand[];
  /** The heal phase: fired at `healAtMs` (heal the network, undo config, restart every node). */
  heal: TimedCommand[];
  healAtMs: number;
}

const PROFILES = [null, 'zeptodb', 'rethinkdb', 'cockroachdb'] as const;
const SHARD_BYTES = 4 * 1024 * 1024;
/** Config paths a schedule may change; the heal phase sets each back to what the scenario started with. */
const CONFIG_PATHS = ['failover.autoReReplicate', 'failover.asyncReReplicate', 'failover.registeredNodes', 'params.rehomeGraceMs'] as const;

export function scheduleFromSeed(seed: number): Schedule {
  const rng = seededRng(seed);
  const nodes = rng.int(3, 12);
  const replicationFactor = nodes >= 5 && rng.chance(0.3) ? 5 : 3;
  const racks = rng.int(1, Math.min(4, nodes));
  const shards = rng.int(1, 8);
  const profile = rng.pick(PROFILES);
  const writesPerSec = rng.chance(0.8) ? rng.int(1, 40) : 0;
  const readsPerSec = rng.chance(0.4) ? rng.int(1, 5) : 0;
  const scenario: Record<string, unknown> = {
    id: `sweep-${seed}`,
    nodes,
    racks,
    shards,
    replicationFactor,
    shardSizeBytes: SHARD_BYTES,
    workload: { writesPerSec, readsPerSec },
  };
  if (profile) scenario.profile = profile;
  const count = rng.int(1, 14);
  const faults: TimedCommand[] = [];
  let destroys = 0;
  for (let i = 0; i < count; i++) {
    const command = randomCommand(rng, nodes, racks, shards);
    if (command.type === 'node.destroy' && ++destroys > 2) continue;
    faults.push({ atMs: rng.int(1, 40) * 500, command });
  }
  addPowerFaults(seed, scenario, faults, nodes);
  drawLeaderless(seed, scenario);
  faults.sort((a, b) => a.atMs - b.atMs);
  const healAtMs = (faults.length ? faults[faults.length - 1].atMs : 0) + rng.int(2, 30) * 1000;
  return { seed, scenario, faults, heal: healPhase(nodes, faults, healAtMs), healAtMs };
}

/** Heal the network, switch re-replication back on, restart every node (a running one is skipped). rehomeGraceMs stays: the bound reads it. */
export function healPhase(nodes: number, faults: readonly TimedCommand[], healAtMs: number): TimedCommand[] {
  const commands: Command[] = [{ type: 'network.heal' }];
  const changed = new Set(faults.flatMap((f) => (f.command.type === 'config.set' ? [f.command.path] : [])));
  if (changed.has('failover.autoReReplicate')) commands.push({ type: 'config.set', path: 'failover.autoReReplicate', value: true });
  if (changed.has('failover.asyncReReplicate')) commands.push({ type: 'config.set', path: 'failover.asyncReReplicate', value: true });
  if (changed.has('failover.registeredNodes')) commands.push({ type: 'config.set', path: 'failover.registeredNodes', value: 'all' });
  // A restart of a running or destroyed node is refused and skipped (command.skipped), so restart them all.
  for (let i = 1; i <= nodes; i++) commands.push({ type: 'node.restart', node: `n${i}` });
  return commands.map((command) => ({ atMs: healAtMs, command }));
}

function randomCommand(rng: Rng, nodes: number, racks: number, shards: number): Command {
  const node = (): string => `n${rng.int(1, nodes)}`;
  const endpoint = (): string => (rng.chance(0.25) ? 'cp' : node());
  const roll = rng.int(0, 19);
  if (roll < 5) return { type: 'node.crash', node: node() };
  if (roll < 8) return { type: 'node.restart', node: node() };
  if (roll < 9) return { type: 'node.destroy', node: node() };
  if (roll < 12) {
    const a = endpoint();
    let b = endpoint();
    if (b === a) b = a === 'cp' ? node() : 'cp';
    return rng.chance(0.5) ? { type: 'link.cut', a, b, oneWay: true } : { type: 'link.cut', a, b };
  }
  if (roll < 13) {
    const a = endpoint();
    const b = endpoint();
    return b === a ? { type: 'network.heal' } : { type: 'link.heal', a, b };
  }
  if (roll < 14) {
    const side = ['cp', ...Array.from({ length: nodes }, (_, i) => `n${i + 1}`)].filter(() => rng.chance(0.4));
    return side.length ? { type: 'network.partition', groups: [side] } : { type: 'network.heal' };
  }
  if (roll < 15) return { type: 'network.heal' };
  if (roll < 16) return { type: 'rack.fail', rack: `r${rng.int(1, racks)}` };
  if (roll < 17) return randomConfig(rng, nodes);
  if (roll < 18) return { type: 'workload.set', writesPerSec: rng.int(0, 20), readsPerSec: rng.int(0, 5) };
  const shard = `s${String(rng.int(1, shards)).padStart(3, '0')}`;
  return { type: 'shard.emergencyRepair', shard, mode: rng.pick(['unsafe_rollback', 'unsafe_rollback_or_erase'] as const) };
}

/**
 * Local recovery's faults (design recovery-repair.md §3.4–§3.7), drawn from a second stream of the seed so the
 * schedule above stays what it was for every seed: some crashes and rack failures cut the power (only the flushed
 * log survives, the last record may tear), now and then the whole cluster loses power, the log is sometimes synced
 * periodically (acknowledged writes may then be lost, with a LostWrites entry), and a node is crashed again while it
 * replays its log after a restart — once or twice — so the second replay must skip what the first applied.
 */
function addPowerFaults(seed: number, scenario: Record<string, unknown>, faults: TimedCommand[], nodes: number): void {
  const rng = seededRng(seed ^ 0x5eed_9a11);
  if (rng.chance(0.3)) scenario.params = { walSyncMode: 'periodic' };
  for (const f of faults) {
    const c = f.command;
    if ((c.type === 'node.crash' && rng.chance(0.4)) || (c.type === 'rack.fail' && rng.chance(0.5))) f.command = { ...c, kind: 'power' };
  }
  if (rng.chance(0.08)) faults.push({ atMs: rng.int(1, 40) * 500, command: { type: 'cluster.powerLoss' } });
  const replays = rng.chance(0.5) ? rng.int(1, 2) : 0;
  for (let i = 0; i < replays; i++) {
    const node = `n${rng.int(1, nodes)}`;
    let at = rng.int(1, 36) * 500;
    // Crash, restart, then crash again within the replay (start-up 500 ms plus 5 ms a record), and restart.
    for (let round = 0; round < rng.int(1, 2); round++) {
      faults.push({ atMs: at, command: { type: 'node.crash', node, kind: rng.chance(0.5) ? 'power' : 'process' } });
      at += rng.int(1, 4) * 100;
      faults.push({ atMs: at, command: { type: 'node.restart', node } });
      at += rng.int(1, 12) * 100;
    }
    faults.push({ atMs: at, command: { type: 'node.crash', node, kind: rng.chance(0.5) ? 'power' : 'process' } });
    faults.push({ atMs: at + rng.int(1, 10) * 100, command: { type: 'node.restart', node } });
  }
}

/** The leaderless profiles this sweep may draw instead (design recovery-repair.md §7.1, §11.6). */
export const LEADERLESS_PROFILES = ['cassandra', 'dynamo'] as const;

/**
 * Leaderless replication (issue 13): about one schedule in three runs the Cassandra or the Dynamo profile, drawn from
 * a third stream of the seed so every other schedule stays what it was.
 */
function drawLeaderless(seed: number, scenario: Record<string, unknown>): void {
  const rng = seededRng(seed ^ 0x1ea_de75);
  if (rng.chance(0.35)) scenario.profile = rng.pick(LEADERLESS_PROFILES);
}

function randomConfig(rng: Rng, nodes: number): Command {
  const path = rng.pick(CONFIG_PATHS);
  if (path === 'params.rehomeGraceMs') return { type: 'config.set', path, value: rng.pick([0, 5000]) };
  if (path === 'failover.registeredNodes') {
    const list = Array.from({ length: nodes }, (_, i) => `n${i + 1}`).filter(() => rng.chance(0.6));
    return { type: 'config.set', path, value: list.length >= 2 ? list : 'all' };
  }
  return { type: 'config.set', path, value: rng.chance(0.5) };
}
