import type { SkippedTimelineCommand } from '../types';
import { timerClockOf } from './build-world';
import { DeepCopier, mapBytes, setBytes } from './deep-copy';
import { CheckpointImage } from './checkpoint-image';
import { DiskMap } from './disk-map';
import { carryShardCodes } from './shard-codes-cache';
import type { RunTargets } from './run-targets';
import { installHooks } from './wiring';
import type { ForkUse } from '../simulation-api';
import type { ShardRow } from './rows';
import type { World } from './world';

/** Everything one run is: its world and the few counters the simulation keeps beside it. */
export interface RunParts {
  world: World;
  targets: RunTargets;
  skipped: SkippedTimelineCommand[];
  fired: number;
}

/** A copy and roughly how many bytes it takes: beyond what it shares with the run it reused, and in all. */
export interface RunCopy {
  run: RunParts;
  bytes: ForkBytes;
}

export interface ForkBytes {
  /** What the copy made (DeepCopier.bytes): what it costs beside the run it reused. */
  copied: number;
  /** What it would take sharing nothing: `copied` plus what it took over. */
  full: number;
}

/**
 * An exact, independent copy of a run (`Simulation.fork`): the console's seek keeps copies as snapshots and
 * re-simulates only from the nearest one. Everything is copied — rows, records, the event queue with every
 * cancel handle still pointing at its own slot, the clock, each seeded random stream's position, the logs'
 * typed buffers, the trace window and its counts — except what never changes or cannot be copied:
 * - the scenario (the run's input, read only) and the machines' memo steppers (pure caches of transitions),
 *   shared;
 * - xstate snapshots (`node.life`, `node.monitor`, the failover manager): immutable values, a transition
 *   returns a new one, so they are shared too;
 * - trace entries, shared (Trace.copy: an entry never changes once recorded); so are the machines' last transitions
 *   and the migrator's target choices, records replaced whole and never changed;
 * - the hooks and the machine timers' clock, closures over the world: rebuilt around the copy.
 * Any other function found in the world makes the copy throw (deep-copy.ts), naming where.
 */
export function copyRun(run: RunParts, reuse?: World, use: ForkUse = 'run'): RunCopy {
  const { world, bytes } = copyWorld(run.world, reuse, use);
  return {
    run: { world, targets: new DeepCopier(() => false).copy(run.targets), skipped: run.skipped.map((s) => ({ ...s })), fired: run.fired },
    bytes,
  };
}

/**
 * `reuse`: a world that will never change again (a snapshot, or the live world being replaced by a restore). Its
 * parts equal to this world's are taken as they are instead of copied: at 100,000 shards most rows, and most of
 * each node's placement and disk maps, are untouched between two moments, so a snapshot shares them with the one
 * before, and a restore keeps them.
 */
export function copyWorld(w: World, reuse?: World, use: ForkUse = 'run'): { world: World; bytes: ForkBytes } {
  const copier = new DeepCopier(isMachineSnapshot);
  const copy = {} as World;
  let takenOver = 0;
  copier.preset(w, copy);
  copier.preset(w.scenario, w.scenario);
  copier.preset(w.trace, w.trace.copy());
  for (const stepper of [w.shardStepper, w.migrator.copyJobStepper, w.quorum.shardPrimaryStepper, w.quorum.roleStepper]) copier.preset(stepper, stepper);
  // Records replaced whole and never changed (each machine's last transition, each shard's target choice): the maps
  // are copied, their entries shared.
  copier.preset(w.machines, w.machines.copy());
  copier.preset(w.migrator.explanations, new Map(w.migrator.explanations));
  copier.bytes += mapBytes(w.machines.size) + mapBytes(w.migrator.explanations.size);
  // After the presets: a changed row is copied here and now (reuseEqualParts), and its parts may reach them.
  if (reuse && reuse.shards.length === w.shards.length && reuse.nodes.length === w.nodes.length) {
    takenOver += reuseEqualParts(copier, w.shards, reuse.shards, sameShardRow);
    takenOver += reuseEqualParts(copier, w.nodes, reuse.nodes, sameFlatRow);
    // The list of 100,000 rows, each already replaced: built here rather than looked up row by row in the copier.
    copier.presetRowList(w.shards);
  }
  const fields = copy as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(w)) {
    if (key === 'hooks' || key === 'timers') continue;
    fields[key] = copier.copy(value);
  }
  copy.timers = w.timers.copyOnto(timerClockOf(copy), (handle) => copier.copy(handle));
  installHooks(copy);
  copier.bytes += carryShardCodes(w, copy, use);
  const trace = traceBytes(copy, reuse);
  return { world: copy, bytes: { copied: copier.bytes + trace.copied, full: copier.bytes + takenOver + trace.full } };
}

/**
 * Roughly the bytes two runs hold in common (the same objects: rows and lists one took over from the other, trace
 * entries recorded before they parted), by DeepCopier's sizes. A copy's own bytes are its whole size minus this.
 */
export function sharedBytes(a: World, b: World): number {
  const from = a.trace.firstSharedSeqWith(b.trace);
  let bytes = a.trace.entryBytes(from, from + a.trace.sharedEntriesWith(b.trace));
  for (const [rows, others] of [
    [a.shards, b.shards],
    [a.nodes, b.nodes],
  ] as const) {
    if (rows.length !== others.length) continue;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown as Record<string, unknown>;
      const other = others[i] as unknown as Record<string, unknown>;
      if (row === other) bytes += 24 + 8 * Object.keys(row).length;
      for (const key in row) {
        const part = row[key];
        if (typeof part === 'object' && part !== null && part === other[key]) bytes += collectionBytes(part);
      }
    }
  }
  return bytes;
}

/**
 * The trace's part: three ring lists (a word per entry each) and the entries not shared with `reuse`'s trace, which
 * this copy keeps alive (Trace.entryBytes).
 */
function traceBytes(copy: World, reuse: World | undefined): ForkBytes {
  const trace = copy.trace;
  const rings = trace.ringBytes();
  const all = trace.entryBytes(trace.firstKeptSeq, trace.count);
  let shared = 0;
  if (reuse) {
    const from = trace.firstSharedSeqWith(reuse.trace);
    shared = trace.entryBytes(from, from + trace.sharedEntriesWith(reuse.trace));
  }
  return { copied: rings + all - shared, full: rings + all };
}


/**
 * Row by row: a row whose every field is the same number, string, null or machine snapshot and whose lists, maps
 * and sets hold the same plain values (`sameRow`) stands for its counterpart whole. Any other row is copied here,
 * as the deep copy would, except that each list, map or set of plain values equal to its counterpart's (same entries
 * in the same order: the engine iterates them) is taken as it is. Either way the row's replacement is found by its
 * index (DeepCopier.substituteRows), not entered in the copier's map: at 100,000 shards an entry per row, or per
 * shared list, cost most of a fork. A row's plain lists are referenced by their row alone (world-copy-sharing.test.ts),
 * so every reference to a part that stands in still points at one object.
 */
function reuseEqualParts<R extends object>(copier: DeepCopier, rows: readonly R[], others: readonly R[], sameRow: (a: R, b: R) => boolean): number {
  let bytes = 0;
  const standIns: (object | undefined)[] = new Array<object | undefined>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const other = others[i];
    if (row === other) continue;
    if (sameRow(row, other)) {
      standIns[i] = other;
      bytes += rowBytes(other);
      continue;
    }
    const theirs = other as Record<string, unknown>;
    const out = { ...row } as Record<string, unknown>;
    copier.bytes += 24;
    for (const key in out) {
      copier.bytes += 8;
      const part = out[key];
      if (typeof part === 'function') out[key] = copier.copy(part); // throws, naming it: a closure must not be shared
      if (typeof part !== 'object' || part === null) continue;
      if (part !== theirs[key] && samePlainCollection(part, theirs[key])) {
        out[key] = theirs[key];
        bytes += collectionBytes(part);
      } else out[key] = copier.copy(part);
    }
    standIns[i] = out;
  }
  copier.substituteRows(rows, standIns);
  return bytes;
}

/** What a row standing in whole takes: its object and its plain lists, by DeepCopier's sizes. */
function rowBytes(row: object): number {
  let bytes = 24;
  const fields = row as Record<string, unknown>;
  for (const key in fields) {
    bytes += 8;
    const part = fields[key];
    if (typeof part === 'object' && part !== null) bytes += collectionBytes(part);
  }
  return bytes;
}

/** DeepCopier's sizes for a list, map or set of plain values, or a checkpoint image. */
function collectionBytes(part: object): number {
  if (Array.isArray(part)) return 32 + 8 * part.length;
  if (part instanceof CheckpointImage) return part.bytes();
  if (part instanceof Map) return mapBytes(part.size);
  if (part instanceof Set) return setBytes(part.size);
  return 0;
}

function sameFlatRow(a: object, b: object): boolean {
  let keys = 0;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) {
    keys++;
    if (!sameField(x[key], y[key])) return false;
  }
  return keys === Object.keys(y).length;
}

/**
 * sameFlatRow for a shard row, field by field: at 100,000 rows per fork the generic loop's keyed reads cost tens of
 * ms, these plain reads a few. Every field of ShardRow is listed (world-copy-rows.test.ts changes each field of a
 * built row in turn and expects a difference, so a field added to the row and not here fails it).
 */
export function sameShardRow(a: ShardRow, b: ShardRow): boolean {
  return (
    a.lsn === b.lsn &&
    a.lastWriteId === b.lastWriteId &&
    a.index === b.index &&
    a.id === b.id &&
    a.primary === b.primary &&
    a.configuredPrimary === b.configuredPrimary &&
    a.term === b.term &&
    a.noPrimaryReason === b.noPrimaryReason &&
    a.noPrimarySinceMs === b.noPrimarySinceMs &&
    a.lastWriteOutcome === b.lastWriteOutcome &&
    a.failingSinceMs === b.failingSinceMs &&
    sameField(a.machine, b.machine) &&
    sameField(a.waiting, b.waiting) &&
    sameField(a.primaryMachine, b.primaryMachine) &&
    sameField(a.replicas, b.replicas) &&
    sameField(a.voters, b.voters) &&
    sameField(a.jobs, b.jobs) &&
    sameField(a.nonVoting, b.nonVoting) &&
    sameField(a.promised, b.promised) &&
    sameField(a.staleLeaders, b.staleLeaders) &&
    sameField(a.roles, b.roles) &&
    sameField(a.catchUps, b.catchUps) &&
    sameField(a.divergent, b.divergent)
  );
}

/** One field of two rows: the same plain value or machine snapshot, or lists, maps or sets of the same plain values. */
function sameField(x: unknown, y: unknown): boolean {
  if (x === y) {
    // One object in both: a machine snapshot, immutable and shared by every copy; anything else is never expected.
    return typeof x !== 'object' || x === null || isMachineSnapshot(x);
  }
  return samePlainCollection(x, y);
}

/** Two arrays, maps or sets holding the same plain values (numbers, strings, null) in the same order, or two equal checkpoint images. */
function samePlainCollection(x: unknown, y: unknown): boolean {
  // A checkpoint image is numbers only, its rows in one typed array: the same as a plain map of them (checkpoint-image.ts).
  if (x instanceof CheckpointImage) return y instanceof CheckpointImage && x.sameAs(y);
  // A disk's rows also hold what its log knows of each shard, which the Map's view does not show (disk-map.ts).
  if (x instanceof DiskMap) return y instanceof DiskMap && x.sameAs(y);
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] || isObject(x[i])) return false;
    return true;
  }
  if (x instanceof Map) {
    if (!(y instanceof Map) || x.size !== y.size) return false;
    // Keys in step, values by lookup: no [key, value] pair built per entry (a node's disk holds hundreds).
    const theirs = y.keys();
    for (const key of x.keys()) {
      if (key !== theirs.next().value || isObject(key)) return false;
      const value = x.get(key);
      if (value !== y.get(key) || isObject(value)) return false;
    }
    return true;
  }
  if (x instanceof Set) {
    if (!(y instanceof Set) || x.size !== y.size) return false;
    const theirs = y.values();
    for (const value of x) if (value !== theirs.next().value || isObject(value)) return false;
    return true;
  }
  return false;
}

const isObject = (value: unknown): boolean => (typeof value === 'object' && value !== null) || typeof value === 'function';

/** An xstate machine snapshot (it carries its machine and active state nodes): immutable, shared by a copy. */
function isMachineSnapshot(value: object): boolean {
  return '_nodes' in value && 'machine' in value;
}
