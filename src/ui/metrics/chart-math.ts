/**
 * The little geometry the metric charts need: linear scales, round axis
 * values and SVG path strings. Written out instead of importing d3-scale and
 * d3-shape, which would add their colour, format and interpolation modules to
 * the page for four functions.
 */

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((value: number) => r0 + (value - d0) * k) as LinearScale;
  scale.domain = domain;
  return scale;
}

/** The step between round ticks (1, 2 or 5 × 10^k) that gives about `count` intervals over [0, max]. */
export function tickStep(max: number, count: number): number {
  if (!(max > 0) || count < 1) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** How many steps the value axis is divided into when choosing its top: fine enough that the top sits close above the peak. */
export const VALUE_AXIS_STEPS = 8;

/**
 * `max` rounded up to a whole number of round steps (1, 2 or 5 × 10^k), so the
 * axis ends on a round value near the data: 12.5 → 14, 187 → 200, 381 → 400.
 */
export function niceMax(max: number, count = VALUE_AXIS_STEPS): number {
  if (!(max > 0)) return 1;
  const step = tickStep(max, count);
  return Math.ceil(max / step - 1e-9) * step;
}

/**
 * The same for bytes, on binary units: the peak is expressed in the largest
 * unit (KiB, MiB, GiB…) it fills at least once, rounded there, so 12.5 GiB
 * tops at 14 GiB (not 20 × 10^9 bytes = 18.6 GiB).
 */
export function niceBinaryMax(bytes: number, count = VALUE_AXIS_STEPS): number {
  if (!(bytes > 0)) return 1;
  let unit = 1;
  while (bytes / unit >= 1024) unit *= 1024;
  const top = niceMax(bytes / unit, count);
  // 1010 MiB would round to 1200 MiB: say 1 GiB instead.
  return top > 1024 ? niceMax(bytes / (unit * 1024), count) * unit * 1024 : top * unit;
}

/** Round values from 0 to max (inclusive) about `count` intervals apart. */
export function ticks(max: number, count: number): number[] {
  const step = tickStep(max, count);
  const out: number[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) out.push(i * step);
  return out;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** "M x,y L x,y …" through the points; empty for no points. */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i === 0 ? 'M' : 'L'}${fmt(xs[i])},${fmt(ys[i])}`;
  return d;
}

/** A closed band: along the tops left to right, back along the bottoms. */
export function areaPath(xs: readonly number[], bottoms: readonly number[], tops: readonly number[]): string {
  if (xs.length === 0) return '';
  let d = linePath(xs, tops);
  for (let i = xs.length - 1; i >= 0; i--) d += `L${fmt(xs[i])},${fmt(bottoms[i])}`;
  return `${d}Z`;
}

/** Bands piled up in order: for each series, its bottom and top at every x. */
export function stackSeries(values: readonly (readonly number[])[]): { bottoms: number[]; tops: number[] }[] {
  const n = values[0]?.length ?? 0;
  const running = new Array<number>(n).fill(0);
  return values.map((series) => {
    const bottoms = running.slice();
    for (let i = 0; i < n; i++) running[i] += series[i] ?? 0;
    return { bottoms, tops: running.slice() };
  });
}
