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
  private last = new Map<string, MachineLast>();

  /** Notes a transition the engine just took (the event that caused it, in the learner's words). */
  note(kind: string, id: string, from: string, to: string, event: string, atMs: number): void {
    this.last.set(recordKey(kind, id), { from: stateList(from), to: stateList(to), event: eventLabel(event), atMs });
  }

  lastOf(kind: string, id: string): MachineLast | null {
    return this.last.get(recordKey(kind, id)) ?? null;
  }

  /**
   * An independent copy (a fork of the run). The records are shared, not copied: each is replaced whole by the next
   * transition and never changed, and at 100,000 shards a fork copying them one by one spent more than a MiB on them.
   */
  copy(): MachineRecords {
    const copy = new MachineRecords();
    copy.last = new Map(this.last);
    return copy;
  }

  /** How many instances have a record (a fork's byte estimate). */
  get size(): number {
    return this.last.size;
  }

  /** Forgets an instance that no longer exists (a finished copy job). */
  forget(kind: string, id: string): void {
    this.last.delete(recordKey(kind, id));
  }
}

/**
 * `${kind}:${id}`, made once per instance and kept (a pure cache, shared by every run in this realm, up to KEYS_KEPT):
 * a key made anew is a string to build and hash on every transition, and a repair.run:all steps 10,000 sessions
 * through four each (bench case b). The kind and the id are strings met again and again, their hashes kept by V8.
 */
function recordKey(kind: string, id: string): string {
  let ofKind = KEYS.get(kind);
  if (ofKind === undefined) KEYS.set(kind, (ofKind = new Map()));
  let key = ofKind.get(id);
  if (key === undefined) {
    key = `${kind}:${id}`;
    if (keysKept < KEYS_KEPT) {
      ofKind.set(id, key);
      keysKept++;
    }
  }
  return key;
}
const KEYS = new Map<string, Map<string, string>>();
const KEYS_KEPT = 400_000;
let keysKept = 0;

/** [state], one frozen list per state name: every record of a transition from or to it shares it. */
function stateList(state: string): readonly string[] {
  let list = STATE_LISTS.get(state);
  if (list === undefined) {
    list = Object.freeze([state]);
    if (STATE_LISTS.size < KEYS_KEPT) STATE_LISTS.set(state, list);
  }
  return list;
}
const STATE_LISTS = new Map<string, readonly string[]>();

/** xstate names a delayed transition's event `xstate.after.<delay>.<machine>.<state>`; the panel says `after <delay>`. */
export function eventLabel(type: string): string {
  if (!type.startsWith('xstate.after.')) return type;
  return `after ${type.slice('xstate.after.'.length).split('.')[0]}`;
}
