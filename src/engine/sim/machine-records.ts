/**
 * The latest transition of every machine instance, as the engine stepped it:
 * what the statechart panel shows as "last transition". Only machines that
 * ever moved have an entry, so a hundred thousand untouched shards cost
 * nothing; a re-simulation rebuilds the records with the world.
 */
export interface MachineLast {
  /** Shared between records (stateList): never changed. */
  from: readonly string[];
  to: readonly string[];
  event: string;
  atMs: number;
}

export class MachineRecords {
  /**
   * Per machine kind, per instance id, its record. By kind, then id: both strings met again and again, their hashes
   * kept by V8, where one `${kind}:${id}` key was a string to look up or build per transition (a repair.run:all steps
   * 10,000 sessions through four each, bench case b).
   */
  private byKind = new Map<string, Map<string, MachineLast>>();

  /** Notes a transition the engine just took (the event that caused it, in the learner's words). */
  note(kind: string, id: string, from: string, to: string, event: string, atMs: number): void {
    let ofKind = this.byKind.get(kind);
    if (ofKind === undefined) this.byKind.set(kind, (ofKind = new Map()));
    ofKind.set(id, machineLast(from, to, event, atMs));
  }

  lastOf(kind: string, id: string): MachineLast | null {
    return this.byKind.get(kind)?.get(id) ?? null;
  }

  /**
   * An independent copy (a fork of the run). The records are shared, not copied: each is replaced whole by the next
   * transition and never changed, and at 100,000 shards a fork copying them one by one spent more than a MiB on them.
   */
  copy(): MachineRecords {
    const copy = new MachineRecords();
    for (const [kind, ofKind] of this.byKind) copy.byKind.set(kind, new Map(ofKind));
    return copy;
  }

  /** How many instances have a record (a fork's byte estimate). */
  get size(): number {
    let size = 0;
    for (const ofKind of this.byKind.values()) size += ofKind.size;
    return size;
  }

  /** Forgets an instance that no longer exists (a finished copy job). */
  forget(kind: string, id: string): void {
    this.byKind.get(kind)?.delete(id);
  }
}

/**
 * A transition's record, for an instance that keeps its own (a copy job, a repair session) rather than one in the
 * world's records: no lookup by id per transition.
 */
export function machineLast(from: string, to: string, event: string, atMs: number): MachineLast {
  return { from: stateList(from), to: stateList(to), event: eventLabel(event), atMs };
}

/** [state], one frozen list per state name: every record of a transition from or to it shares it. */
function stateList(state: string): readonly string[] {
  let list = STATE_LISTS.get(state);
  if (list === undefined) {
    list = Object.freeze([state]);
    if (STATE_LISTS.size < STATE_LISTS_KEPT) STATE_LISTS.set(state, list);
  }
  return list;
}
const STATE_LISTS = new Map<string, readonly string[]>();
/** The bound only keeps a process that somehow saw endless state names from holding them all. */
const STATE_LISTS_KEPT = 400_000;

/** xstate names a delayed transition's event `xstate.after.<delay>.<machine>.<state>`; the panel says `after <delay>`. */
export function eventLabel(type: string): string {
  if (!type.startsWith('xstate.after.')) return type;
  return `after ${type.slice('xstate.after.'.length).split('.')[0]}`;
}
