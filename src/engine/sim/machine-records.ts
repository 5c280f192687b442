/**
 * The latest transition of every machine instance, as the engine stepped it:
 * what the statechart panel shows as "last transition". Only machines that
 * ever moved have an entry, so a hundred thousand untouched shards cost
 * nothing; a re-simulation rebuilds the records with the world.
 */
export interface MachineLast {
  from: string[];
  to: string[];
  event: string;
  atMs: number;
}

export class MachineRecords {
  private last = new Map<string, MachineLast>();

  /** Notes a transition the engine just took (the event that caused it, in the learner's words). */
  note(kind: string, id: string, from: string, to: string, event: string, atMs: number): void {
    this.last.set(`${kind}:${id}`, { from: [from], to: [to], event: eventLabel(event), atMs });
  }

  lastOf(kind: string, id: string): MachineLast | null {
    return this.last.get(`${kind}:${id}`) ?? null;
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
    this.last.delete(`${kind}:${id}`);
  }
}

/** xstate names a delayed transition's event `xstate.after.<delay>.<machine>.<state>`; the panel says `after <delay>`. */
export function eventLabel(type: string): string {
  if (!type.startsWith('xstate.after.')) return type;
  return `after ${type.slice('xstate.after.'.length).split('.')[0]}`;
}
