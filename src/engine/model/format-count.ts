/**
 * "1,241": a whole number grouped by thousands, exactly as `toLocaleString('en-US')` prints it, grouped by hand.
 * toLocaleString goes through ICU, whose first use in a process loads its locale data (~100 ms measured on the
 * bench machine): a CLI run or the first bench sample paid that at the first replay's trace entry.
 */
export function formatCount(n: number): string {
  if (!Number.isInteger(n) || !Number.isFinite(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}
