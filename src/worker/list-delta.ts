import type { ListDelta, ListPatch } from './protocol';

/** What the page holds of a list: the list as last sent (the page's copy equals it item for item). */
export interface Sent<T> {
  list: readonly T[] | null;
}

export const nothingSent = <T>(): Sent<T> => ({ list: null });

/**
 * A list sent as a change against what the page holds:
 * - grown (play, a step; the trace window may have dropped its oldest items): the new items only;
 * - cut back or re-simulated (a seek): the page keeps the longest prefix it already holds, counting an item the
 *   run re-simulated as held when it equals the page's by value (replaying the same inputs gives the same items),
 *   and gets the rest. A seek back in a run whose trace window is not yet full, or in the metric history, sends
 *   nothing but where to cut;
 * - anything else (another run, a thinned history, a trace window that moved): the whole list.
 */
export function delta<T>(list: readonly T[], sent: Sent<T>): ListDelta<T> {
  const held = sent.list;
  sent.list = list;
  if (held === null || held.length === 0) return { reset: true, items: list.slice(), length: list.length };
  const last = held[held.length - 1];
  // The window only drops from the front, so the last item held sits at most `held.length - 1` from the start.
  for (let i = Math.min(held.length, list.length) - 1; i >= 0; i--) {
    if (list[i] !== last) continue;
    // Checked, not assumed (a pointer comparison each): the items before it are the page's newest ones.
    const dropped = held.length - 1 - i;
    let j = 0;
    while (j < i && list[j] === held[dropped + j]) j++;
    if (j === i) return { reset: false, items: list.slice(i + 1), length: list.length };
    break;
  }
  let keep = 0;
  while (keep < held.length && keep < list.length && (held[keep] === list[keep] || sameValue(held[keep], list[keep]))) keep++;
  if (keep === 0) return { reset: true, items: list.slice(), length: list.length };
  return { reset: false, keep, items: list.slice(keep), length: list.length };
}

/**
 * A list sent as the positions whose item changed against what the page holds (compared by value: every publish
 * builds the items afresh): the cluster's shard list, of which a publish changes a few of hundreds. The whole list
 * when the page holds none, or when most of it changed (another run, another set of listed shards at scale).
 */
export function patch<T>(list: readonly T[], sent: Sent<T>): ListPatch<T> {
  const held = sent.list;
  sent.list = list;
  const whole = (): ListPatch<T> => ({ reset: true, length: list.length, at: [], items: list.slice() });
  if (held === null) return whole();
  const at: number[] = [];
  const items: T[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i < held.length && (held[i] === list[i] || sameValue(held[i], list[i]))) continue;
    if (2 * (at.length + 1) > list.length) return whole();
    at.push(i);
    items.push(list[i]);
  }
  return { reset: false, length: list.length, at, items };
}

/**
 * Whether two values are equal as plain data: the same primitive (NaN equals NaN, -0 does not equal 0), or arrays
 * or plain objects with the same keys in the same order holding equal values. Anything else must be the same object.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!(i in a) || !(i in b) || !sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i];
    if (key !== keysB[i] || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
