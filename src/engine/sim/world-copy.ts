import type { SkippedTimelineCommand } from '../types';
import { timerClockOf } from './build-world';
import { DeepCopier } from './deep-copy';
import { carryShardCodes } from './shard-codes-cache';
import type { RunTargets } from './run-targets';
import { installHooks } from './wiring';
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
 * - trace entries, shared (Trace.copy: an entry never changes once recorded);
 * - the hooks and the machine timers' clock, closures over the world: rebuilt around the copy.
 * Any other function found in the world makes the copy throw (deep-copy.ts), naming where.
 */
export function copyRun(run: RunParts, reuse?: World): RunCopy {
  const { world, bytes } = copyWorld(run.world, reuse);
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
export function copyWorld(w: World, reuse?: World): { world: World; bytes: ForkBytes } {
  const copier = new DeepCopier(isMachineSnapshot);
  const copy = {} as World;
  let takenOver = 0;
  if (reuse && reuse.shards.length === w.shards.length && reuse.nodes.length === w.nodes.length) {
    takenOver += reuseEqualParts(copier, w.shards, reuse.shards);
    takenOver += reuseEqualParts(copier, w.nodes, reuse.nodes);
  }
  copier.preset(w, copy);
  copier.preset(w.scenario, w.scenario);
  copier.preset(w.trace, w.trace.copy());
  for (const stepper of [w.shardStepper, w.migrator.copyJobStepper, w.quorum.shardPrimaryStepper, w.quorum.roleStepper]) copier.preset(stepper, stepper);
  const fields = copy as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(w)) {
    if (key === 'hooks' || key === 'timers') continue;
    fields[key] = copier.copy(value);
  }
  copy.timers = w.timers.copyOnto(timerClockOf(copy), (handle) => copier.copy(handle));
  installHooks(copy);
  carryShardCodes(w, copy);
  const trace = traceBytes(copy, reuse);
  return { world: copy, bytes: { copied: copier.bytes + trace.copied, full: copier.bytes + takenOver + trace.full } };
}

/**
 * Roughly the bytes two runs hold in common (the same objects: rows and lists one took over from the other, trace
 * entries recorded before they parted), by DeepCopier's sizes. A copy's own bytes are its whole size minus this.
 */
export function sharedBytes(a: World, b: World): number {
  let bytes = TRACE_ENTRY_BYTES * a.trace.sharedEntriesWith(b.trace);
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

/** Roughly what one trace entry takes: the entry, its sentence and its data (measured on the built-ins: ~250–350 B). */
const TRACE_ENTRY_BYTES = 300;

/** The ring is a copied list (a word per entry); entries not shared with `reuse`'s trace are this copy's to keep alive. */
function traceBytes(copy: World, reuse: World | undefined): ForkBytes {
  const kept = copy.trace.count - copy.trace.firstKeptSeq;
  const shared = reuse ? copy.trace.sharedEntriesWith(reuse.trace) : 0;
  return { copied: 8 * kept + TRACE_ENTRY_BYTES * (kept - shared), full: (8 + TRACE_ENTRY_BYTES) * kept };
}

/**
 * Row by row: a row whose every field is the same number, string, null or machine snapshot and whose lists, maps
 * and sets hold the same plain values stands for its counterpart whole; in any other row, each list, map or set of plain values equal to its
 * counterpart's (same entries in the same order: the engine iterates them) stands for it. Every reference to a
 * part that stands in still points at one object.
 */
function reuseEqualParts(copier: DeepCopier, rows: readonly object[], others: readonly object[]): number {
  let bytes = 0;
  const standIns: (object | undefined)[] = new Array<object | undefined>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    const other = others[i] as Record<string, unknown>;
    if (row === other) continue;
    const whole = sameFlatRow(row, other);
    if (whole) {
      // The row stands in whole; its lists go with it (a row's plain lists are referenced by their row alone:
      // world-copy-sharing.test.ts), so they need no entry of their own.
      standIns[i] = other;
      bytes += 24 + 8 * Object.keys(row).length;
    }
    for (const key in row) {
      const part = row[key];
      if (typeof part !== 'object' || part === null || part === other[key]) continue;
      if (whole) bytes += collectionBytes(part);
      else if (samePlainCollection(part, other[key])) {
        copier.preset(part, other[key] as object);
        bytes += collectionBytes(part);
      }
    }
  }
  copier.substituteRows(rows, standIns);
  return bytes;
}

/** DeepCopier's sizes for a list, map or set of plain values. */
function collectionBytes(part: object): number {
  if (Array.isArray(part)) return 32 + 8 * part.length;
  if (part instanceof Map) return 64 + 24 * part.size;
  if (part instanceof Set) return 64 + 16 * part.size;
  return 0;
}

function sameFlatRow(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in a) {
    keys++;
    const x = a[key];
    const y = b[key];
    if (x === y) {
      // One object in both: a machine snapshot, immutable and shared by every copy; anything else is never expected.
      if (typeof x === 'object' && x !== null && !isMachineSnapshot(x)) return false;
      continue;
    }
    if (!samePlainCollection(x, y)) return false;
  }
  return keys === Object.keys(b).length;
}

/** Two arrays, maps or sets holding the same plain values (numbers, strings, null) in the same order. */
function samePlainCollection(x: unknown, y: unknown): boolean {
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] || isObject(x[i])) return false;
    return true;
  }
  if (x instanceof Map) {
    if (!(y instanceof Map) || x.size !== y.size) return false;
    const theirs = y.entries();
    for (const [key, value] of x) {
      const [otherKey, otherValue] = theirs.next().value as [unknown, unknown];
      if (key !== otherKey || value !== otherValue || isObject(key) || isObject(value)) return false;
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
