/**
 * `length` items made by `make`, in a list V8 keeps "packed" (no holes) every time.
 *
 * Why not `Array.prototype.map`: V8's map builtin allocates its result at full length and fills it, which marks the
 * list holey, while the same call inlined into optimised code builds a packed one. Which one a run gets thus depends
 * on how warm the caller was. The engine's hottest code reads `w.shards` and `w.nodes` millions of times a run, and a
 * list of the other kind than the code was optimised for throws that code away ("wrong map" deopts): in the bench,
 * runs 4 to 6 of one process each re-optimised ~20–50 functions as the lists flipped between the two kinds.
 */
export function packedList<T>(length: number, make: (index: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < length; i++) out.push(make(i));
  return out;
}
