import { DiskMap } from './disk-map';
import type { ForkUse } from '../simulation-api';
import type { ShardRow, World } from './world';

/**
 * Shard codes kept from one call to the next (issue 12: recomputing 100,000 codes cost 60–100 ms a frame, most of it
 * reading three voters' LSNs from 1,000 scattered disk maps). A shard's code is re-derived only when something it
 * depends on may have changed since the last call on the same world:
 * - its copies on disk (each node's DiskMap names the shards it set or deleted);
 * - its row: LSN, term, primary, machine state, roles, replica and voter lists (compared each call: the rows are
 *   read in order, and what the engine replaces rather than changes in place is compared by identity);
 * - a divergent copy or a promise to a later term on its row (maps changed in place: their entries are compared);
 * - the sparse records that name shards (inconsistent, amnesiac, catching-up or rejoining copies), this call or the
 *   last;
 * - a node going up or down or changing its recovery mark: the shards on its disk, and every row that names it.
 * What no shard list can say triggers a full pass: more than a quarter of the nodes moving at once, any cut link, any
 * known corruption, leaderless replication (its own write rules), a disk that is not a DiskMap, a new world with no
 * codes carried to it. shard-codes-incremental.test.ts checks the kept codes equal a full pass
 * after every frame of every classroom lesson, with learners' commands and across forks.
 */
interface Kept {
  /** How a code is derived (shard-codes-view.ts), kept so a fork can bring these codes up to date and take them. */
  update: (w: World, fullPassAllowed: boolean) => Uint8Array | null;
  codes: Uint8Array;
  /** The last call needed a full pass for a reason that may have ended since: the next one does too. */
  fullPass: boolean;
  nodeMarks: Uint8Array;
  lsn: Float64Array;
  term: Float64Array;
  primary: Int32Array;
  /** The row's machine state, roles and lists as they were: each is replaced, never changed in place, when it changes. */
  machine: unknown[];
  roles: unknown[];
  replicas: unknown[];
  voters: unknown[];
  /** Replica lists also grow in place (a copy lands): their length as it was. */
  replicaCount: Uint8Array;
  /** Divergent copies and later-term promises, maps changed in place: their entries as they were (null: none). */
  divergent: (number[] | null)[];
  promised: (number[] | null)[];
  /** Shards the sparse records named last call. */
  named: number[];
  recomputed: number;
}

/** What a pass reads of each node: up, and its recovery mark ('none', 'recovering', 'catchingUp'). */
export interface NodeFacts {
  up: Uint8Array;
  marks: readonly string[];
}

const kept = new WeakMap<World, Kept>();

export function recomputedLastCall(w: World): number {
  return kept.get(w)?.recomputed ?? 0;
}

/** The world's shard codes, brought up to date; the array is the cache's own (copy it before handing it out). */
export function keptShardCodes<C extends NodeFacts>(w: World, contextOf: (w: World) => C, codeOf: (w: World, s: ShardRow, c: C) => number): Uint8Array {
  return updated(w, contextOf, codeOf, true)!;
}

/** The kept codes brought up to date, or null when that takes a full pass and `fullPassAllowed` is false. */
function updated<C extends NodeFacts>(
  w: World,
  contextOf: (w: World) => C,
  codeOf: (w: World, s: ShardRow, c: C) => number,
  fullPassAllowed: boolean,
): Uint8Array | null {
  const context = contextOf(w);
  const marks = nodeMarks(context);
  const last = kept.get(w);
  const fullNow = needsFullPass(w);
  const moved = last && last.nodeMarks.length === marks.length ? nodesMoved(last.nodeMarks, marks) : null;
  if (!last || last.fullPass || fullNow || last.codes.length !== w.shards.length || moved === null) {
    if (!fullPassAllowed) return null;
    const next = fullPassOf(w, context, codeOf, marks, fullNow);
    next.update = (world, allowed) => updated(world, contextOf, codeOf, allowed);
    kept.set(w, next);
    return next.codes;
  }
  const dirty = new Uint8Array(w.shards.length);
  const list: number[] = [];
  const add = (i: number) => {
    if (dirty[i] === 0 && i >= 0 && i < dirty.length) {
      dirty[i] = 1;
      list.push(i);
    }
  };
  for (const node of w.nodes) (node.disk as DiskMap).takeTouched(add);
  if (moved.length > 0) {
    // A node went up or down or changed its recovery mark: only the shards that name it may read differently.
    const isMoved = new Uint8Array(w.nodes.length);
    for (const n of moved) {
      isMoved[n] = 1;
      // Copies on its disk that no row names (an old copy past a re-homing); the rows that place it are read below.
      for (const i of w.nodes[n].disk.keys()) add(i);
    }
    for (let i = 0; i < w.shards.length; i++) if (namesAny(w.shards[i], isMoved)) add(i);
    last.nodeMarks = marks;
  }
  for (const i of last.named) add(i);
  const named = namedShards(w);
  for (const i of named) add(i);
  for (let i = 0; i < w.shards.length; i++) if (rowChanged(last, i, w.shards[i])) add(i);
  for (const i of list) last.codes[i] = codeOf(w, w.shards[i], context);
  last.named = named;
  last.recomputed = list.length;
  return last.codes;
}

function fullPassOf<C extends NodeFacts>(w: World, context: C, codeOf: (w: World, s: ShardRow, c: C) => number, marks: Uint8Array, fullPass: boolean): Kept {
  const n = w.shards.length;
  const next = emptyKept(n, fullPass, marks, namedShards(w));
  for (const node of w.nodes) if (node.disk instanceof DiskMap) node.disk.takeTouched(() => {});
  for (let i = 0; i < n; i++) {
    rowChanged(next, i, w.shards[i]);
    next.codes[i] = codeOf(w, w.shards[i], context);
  }
  return next;
}

/** A record that has kept nothing of any row yet (rowChanged fills it in). */
function emptyKept(n: number, fullPass: boolean, nodeMarks: Uint8Array, named: number[]): Kept {
  const next: Kept = {
    update: () => next.codes,
    codes: new Uint8Array(n),
    fullPass,
    nodeMarks,
    lsn: new Float64Array(n),
    term: new Float64Array(n),
    primary: new Int32Array(n),
    machine: new Array<unknown>(n).fill(null),
    roles: new Array<unknown>(n).fill(null),
    replicas: new Array<unknown>(n).fill(null),
    voters: new Array<unknown>(n).fill(null),
    replicaCount: new Uint8Array(n),
    divergent: new Array<number[] | null>(n).fill(null),
    promised: new Array<number[] | null>(n).fill(null),
    named,
    recomputed: n,
  };
  return next;
}

/**
 * A snapshot's kept codes: only the codes and what the next update compares whole (node marks, named shards). What
 * was kept of each row is left out (about 70 bytes a shard, most of a quiet snapshot at 100,000 shards): a snapshot
 * never runs, so its rows are still what the codes were derived from, and a run forked from it reads them there.
 */
interface CompactKept {
  update: Kept['update'];
  codes: Uint8Array;
  nodeMarks: Uint8Array;
  named: number[];
  /** The moment the codes describe: a snapshot run anyway has moved on, and its compact codes no longer hold. */
  at: Moment;
}

/** Where a world stands: every event and every command records a trace entry, so the entries count every change. */
interface Moment {
  eventCount: number;
  nowMs: number;
  traceCount: number;
}

const momentOf = (w: World): Moment => ({ eventCount: w.eventCount, nowMs: w.nowMs, traceCount: w.trace.count });
const sameMoment = (a: Moment, b: Moment): boolean => a.eventCount === b.eventCount && a.nowMs === b.nowMs && a.traceCount === b.traceCount;

const compactKept = new WeakMap<World, CompactKept>();

/**
 * A fork (world-copy.ts) takes the kept codes of the world it copies, brought up to date first, so the first frame
 * after a seek's restore re-derives what changed since, not every shard. The copy's rows equal the original's, so
 * what was kept of each row is kept of the copy's own lists and machine states (compared by identity later). A
 * snapshot (`use`) keeps the codes alone; a run forked from one rebuilds the rest from its own rows, which equal the
 * snapshot's. Answers the bytes the copy keeps (a fork's estimate).
 */
export function carryShardCodes(from: World, to: World, use: ForkUse = 'run'): number {
  const snapshot = compactKept.get(from);
  if (snapshot && !sameMoment(snapshot.at, momentOf(from))) compactKept.delete(from); // run anyway: the codes are stale
  else if (snapshot) {
    if (to.shards.length !== snapshot.codes.length) return 0;
    if (use === 'snapshot') {
      compactKept.set(to, { ...snapshot, codes: snapshot.codes.slice(), nodeMarks: snapshot.nodeMarks.slice(), named: snapshot.named.slice(), at: momentOf(to) });
      return compactBytes(snapshot);
    }
    const n = snapshot.codes.length;
    const expanded: Kept = {
      ...emptyKept(n, false, snapshot.nodeMarks.slice(), snapshot.named.slice()),
      update: snapshot.update,
      codes: snapshot.codes.slice(),
    };
    for (let i = 0; i < n; i++) rowChanged(expanded, i, to.shards[i]);
    kept.set(to, expanded);
    return keptBytes(n);
  }
  const had = kept.get(from);
  if (!had || had.fullPass || to.shards.length !== had.codes.length) return 0;
  // Not at any price: a snapshot taken just after a node went down would pay a full pass it may never need.
  if (had.update(from, false) === null) return 0;
  const k = kept.get(from);
  if (!k || k.fullPass) return 0;
  if (use === 'snapshot') {
    const compact: CompactKept = { update: k.update, codes: k.codes.slice(), nodeMarks: k.nodeMarks.slice(), named: k.named.slice(), at: momentOf(to) };
    compactKept.set(to, compact);
    return compactBytes(compact);
  }
  const n = k.codes.length;
  const carried: Kept = {
    ...k,
    codes: k.codes.slice(),
    nodeMarks: k.nodeMarks.slice(),
    lsn: k.lsn.slice(),
    term: k.term.slice(),
    primary: k.primary.slice(),
    machine: new Array<unknown>(n),
    roles: new Array<unknown>(n),
    replicas: new Array<unknown>(n),
    voters: new Array<unknown>(n),
    replicaCount: k.replicaCount.slice(),
    divergent: k.divergent.slice(),
    promised: k.promised.slice(),
    named: k.named.slice(),
  };
  for (let i = 0; i < n; i++) {
    const s = to.shards[i];
    carried.machine[i] = s.machine;
    carried.roles[i] = s.roles;
    carried.replicas[i] = s.replicas;
    carried.voters[i] = s.voters;
  }
  kept.set(to, carried);
  return keptBytes(n);
}

/** A compact record's bytes: its codes, node marks and named shards. */
function compactBytes(c: CompactKept): number {
  return 3 * 64 + c.codes.length + c.nodeMarks.length + 8 * c.named.length;
}

/** A full record's bytes at `n` shards: codes, LSN, term, primary, replica count, and six lists of a word each. */
function keptBytes(n: number): number {
  return n * (1 + 8 + 8 + 4 + 1 + 6 * 8);
}

/**
 * Whether a shard's row differs from what was kept of it; keeps the new facts. Only the row itself is read (and a
 * replica list's length, and the few divergent or promise maps): following every list would cost a cache miss each.
 */
function rowChanged(k: Kept, i: number, s: ShardRow): boolean {
  const primary = s.primary ?? -1;
  const maps = sameEntries(k.divergent, i, s.divergent) && sameEntries(k.promised, i, s.promised);
  const changed =
    !maps ||
    k.lsn[i] !== s.lsn ||
    k.term[i] !== s.term ||
    k.primary[i] !== primary ||
    k.machine[i] !== s.machine ||
    k.roles[i] !== s.roles ||
    k.replicas[i] !== s.replicas ||
    k.voters[i] !== s.voters ||
    k.replicaCount[i] !== s.replicas.length;
  if (changed) {
    k.lsn[i] = s.lsn;
    k.term[i] = s.term;
    k.primary[i] = primary;
    k.machine[i] = s.machine;
    k.roles[i] = s.roles;
    k.replicas[i] = s.replicas;
    k.voters[i] = s.voters;
    k.replicaCount[i] = s.replicas.length;
  }
  return changed;
}

/** Whether a map of node → number still holds what was kept of it; if not, keeps its entries now. */
function sameEntries(kept: (number[] | null)[], i: number, map: ReadonlyMap<number, number> | null): boolean {
  const was = kept[i];
  if (map === null || map.size === 0) {
    kept[i] = null;
    return was === null;
  }
  if (was !== null && was.length === 2 * map.size) {
    let j = 0;
    let same = true;
    for (const [key, value] of map) {
      if (was[j] !== key || was[j + 1] !== value) {
        same = false;
        break;
      }
      j += 2;
    }
    if (same) return true;
  }
  const now: number[] = [];
  for (const [key, value] of map) now.push(key, value);
  kept[i] = now;
  return false;
}

/** Conditions under which any shard's code may change without its row or its copies changing. */
function needsFullPass(w: World): boolean {
  if (w.network.cutCount > 0 || w.corruption.known.size > 0) return true;
  if (w.params.replication !== 'primary') return true;
  for (const node of w.nodes) if (!(node.disk instanceof DiskMap)) return true;
  return false;
}

/** Shards the sparse records name: inconsistent, copies amnesiac or catching up, copies rejoining (holders()). */
function namedShards(w: World): number[] {
  const out: number[] = [...w.corruption.inconsistent.keys(), ...w.rejoining.byShard.keys()];
  for (const shards of w.catchUp.amnesiac.values()) for (const s of shards.keys()) out.push(s);
  for (const shards of w.catchUp.pending.values()) for (const s of shards) out.push(s);
  return out;
}

const MARK_INDEX: Record<string, number> = { none: 0, recovering: 1, catchingUp: 2 };

function nodeMarks(facts: NodeFacts): Uint8Array {
  return Uint8Array.from(facts.up, (up, i) => up + 2 * (MARK_INDEX[facts.marks[i]] ?? 3));
}

/**
 * The nodes whose up-or-down and recovery mark changed, or null when so many did that a full pass is as cheap (a
 * quarter of the cluster: each moved node's shards are gathered, then every row is read once).
 */
function nodesMoved(was: Uint8Array, now: Uint8Array): number[] | null {
  const moved: number[] = [];
  for (let i = 0; i < now.length; i++) if (was[i] !== now[i]) moved.push(i);
  return moved.length > now.length / 4 ? null : moved;
}

/** Whether a shard's row names any moved node: in its placement, voters, primary, or any per-node record it keeps. */
function namesAny(s: ShardRow, isMoved: Uint8Array): boolean {
  if ((s.primary !== null && isMoved[s.primary] === 1) || (s.configuredPrimary >= 0 && isMoved[s.configuredPrimary] === 1)) return true;
  for (const r of s.replicas) if (isMoved[r] === 1) return true;
  for (const v of s.voters) if (isMoved[v] === 1) return true;
  for (const nodes of [s.nonVoting, s.promised, s.staleLeaders, s.roles, s.catchUps, s.divergent]) {
    if (nodes === null) continue;
    for (const n of nodes.keys()) if (isMoved[n] === 1) return true;
  }
  return false;
}
