import { select, type Selection as D3Selection } from 'd3';
import { attrEach, setAttr, textEach } from '../dom-writes';
import { areaPath, linearScale, linePath, stackSeries, type LinearScale } from './chart-math';
import type { Series } from './chart-series';
import { timeScale, type TimeAxis, type TimeScale } from './time-axis';

export interface ChartSpec {
  /** `lines` draws each series on its own; `stacked` piles them up as bands (parts of a total). */
  kind: 'lines' | 'stacked';
  /** Sample times; the last is now, so each series ends on the value the figures show. */
  timesMs: readonly number[];
  series: readonly Series[];
  /** The time axis fitted to the story (see time-axis.ts); the cursor is at its `nowMs`. */
  time: TimeAxis;
  /** Top of the value axis: a round value close above the peak. */
  yMax: number;
  formatY: (value: number) => string;
  /** What the chart shows now, in words, for screen readers (the SVG is one image). */
  summary: string;
}

const MARGIN = { top: 14, right: 66, bottom: 16, left: 8 };
/** A band's label is drawn only when the band is at least this tall (px) where it ends. */
const MIN_LABEL_BAND_PX = 8;
const BAND_COLOURS = 7;

/**
 * A small chart over simulated time, drawn with D3 into an SVG that D3 owns.
 * Series keep their colour by index (bands) or by key (lines, styled in CSS);
 * every band and line is also labelled in text at its right end.
 *
 * Repainted on every publish, it writes only what moved: the frame (size,
 * viewBox), the grid and the tick labels only when the scales change; the
 * lines and their labels only when the data or the scales change; the time
 * cursor on its own. Every write compares first (dom-writes.ts).
 */
export class MiniChart {
  private svg: D3Selection<SVGSVGElement, unknown, null, undefined>;
  private width = 300;
  private height = 80;
  /** The chart's text size (px; larger on phones), which sets how far apart end labels must stay. */
  private fontPx = 10;
  private spec: ChartSpec | null = null;
  /** What the grid and the marks were last drawn from; unchanged inputs are not redrawn. */
  private gridSig = '';
  private marks: { scaleSig: string; kind: ChartSpec['kind']; timesMs: readonly number[]; series: readonly Series[] } | null = null;

  constructor(host: HTMLElement) {
    this.svg = select(host).append('svg').attr('class', 'mini-chart').attr('role', 'img');
    this.svg.append('rect').attr('class', 'chart-tail');
    this.svg.append('g').attr('class', 'chart-grid');
    this.svg.append('g').attr('class', 'chart-marks');
    this.svg.append('g').attr('class', 'chart-labels');
    this.svg.append('line').attr('class', 'chart-cursor');
  }

  resize(width: number, height: number): void {
    this.fontPx = parseFloat(getComputedStyle(this.svg.node()!).fontSize) || 10;
    this.width = Math.max(120, width);
    this.height = Math.max(48, height);
    this.gridSig = '';
    this.marks = null;
    if (this.spec) this.update(this.spec);
  }

  update(spec: ChartSpec): void {
    this.spec = spec;
    const { width, height } = this;
    const svg = this.svg.node()!;
    setAttr(svg, 'width', width);
    setAttr(svg, 'height', height);
    setAttr(svg, 'viewBox', `0 0 ${width} ${height}`);
    setAttr(svg, 'aria-label', spec.summary);

    const tickCount = Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / 70));
    const x = timeScale(spec.time, [MARGIN.left, width - MARGIN.right], tickCount);
    const y = linearScale([0, Math.max(1e-9, spec.yMax)], [height - MARGIN.bottom, MARGIN.top]);
    // Everything the x and y scales depend on: while it holds, every point lands where it did.
    const scaleSig = [width, height, this.fontPx, spec.yMax, spec.time.storyEndMs, x.breakAt === null ? Math.max(spec.time.storyEndMs, spec.time.nowMs) : spec.time.nowMs].join('|');

    const hasData = spec.series.some((s) => s.values.some((v) => v > 0));
    const gridSig = `${scaleSig}|${hasData}|${x.breakAt === null ? '' : Math.round(spec.time.nowMs / 1000)}|${hasData ? spec.formatY(y.domain[1]) : ''}`;
    if (gridSig !== this.gridSig) {
      this.gridSig = gridSig;
      this.drawGrid(x, y, spec, hasData);
    }
    const marks = this.marks;
    if (!marks || marks.scaleSig !== scaleSig || marks.kind !== spec.kind || !sameNumbers(marks.timesMs, spec.timesMs) || !sameSeries(marks.series, spec.series)) {
      this.marks = { scaleSig, kind: spec.kind, timesMs: spec.timesMs, series: spec.series };
      if (spec.kind === 'stacked') this.drawBands(x, y, spec, stackSeries(spec.series.map((s) => s.values)));
      else this.drawLines(x, y, spec);
    }

    const cursor = this.svg.select<SVGLineElement>('.chart-cursor').node()!;
    const cx = x(spec.time.nowMs);
    setAttr(cursor, 'x1', cx);
    setAttr(cursor, 'x2', cx);
    setAttr(cursor, 'y1', MARGIN.top - 4);
    setAttr(cursor, 'y2', height - MARGIN.bottom);
  }

  destroy(): void {
    this.svg.remove();
  }

  private drawGrid(x: ScaleX, y: ScaleY, spec: ChartSpec, hasData: boolean): void {
    const grid = this.svg.select<SVGGElement>('.chart-grid');
    const yTicks = y.domain[1] > 0 ? [0, y.domain[1]] : [0];
    const lines = grid.selectAll<SVGLineElement, number>('line.y').data(yTicks).join('line');
    attrEach(lines, 'class', (d) => (d === 0 ? 'y baseline' : 'y'));
    attrEach(lines, 'x1', () => MARGIN.left);
    attrEach(lines, 'x2', () => this.width - MARGIN.right);
    attrEach(lines, 'y1', (d) => y(d));
    attrEach(lines, 'y2', (d) => y(d));
    // The scale's top value sits just above its gridline, inside the plot: no wide left margin needed.
    // No data yet: a top value such as "1 B" would only mislead.
    const top = hasData ? y.domain[1] : 0;
    const topLabel = grid
      .selectAll<SVGTextElement, number>('text.y')
      .data(top > 0 ? [top] : [])
      .join('text');
    attrEach(topLabel, 'class', () => 'y');
    attrEach(topLabel, 'x', () => MARGIN.left + 2);
    attrEach(topLabel, 'y', (d) => y(d) - 3);
    textEach(topLabel, (d) => spec.formatY(d));
    // Time ticks on round seconds; with the idle tail compressed, "now" is written at its right end instead.
    const labels: { key: string; at: number; text: string; anchor: string }[] = x.ticks.map((d) => ({
      key: String(d),
      at: x(d),
      text: `${d / 1000} s`,
      // A tick at the plot's right end is right-aligned, clear of the end labels beside it.
      anchor: d === 0 ? 'start' : x(d) > this.width - MARGIN.right - 12 ? 'end' : 'middle',
    }));
    if (x.breakAt !== null) {
      const end = this.width - MARGIN.right;
      // Drop a story tick that would run into the break or the "now" label.
      while (labels.length > 1 && labels[labels.length - 1].at > x.breakAt - 16) labels.pop();
      labels.push({ key: 'now', at: end, text: `${Math.round(spec.time.nowMs / 1000)} s`, anchor: 'end' });
    }
    const ticks = grid
      .selectAll<SVGTextElement, (typeof labels)[number]>('text.x')
      .data(labels, (d) => d.key)
      .join('text');
    attrEach(ticks, 'class', () => 'x');
    attrEach(ticks, 'x', (d) => d.at);
    attrEach(ticks, 'y', () => this.height - 3);
    attrEach(ticks, 'text-anchor', (d) => d.anchor);
    textEach(ticks, (d) => d.text);
    this.drawBreak(x);
  }

  /** The compressed idle tail: a faint band behind it and a break mark on the baseline where it starts. */
  private drawBreak(x: TimeScale): void {
    const baseline = this.height - MARGIN.bottom;
    const end = this.width - MARGIN.right;
    const at = x.breakAt;
    const tail = this.svg.select<SVGRectElement>('.chart-tail').node()!;
    setAttr(tail, 'display', at === null ? 'none' : null);
    setAttr(tail, 'x', at ?? 0);
    setAttr(tail, 'y', MARGIN.top);
    setAttr(tail, 'width', at === null ? 0 : Math.max(0, end - at));
    setAttr(tail, 'height', Math.max(0, baseline - MARGIN.top));
    const mark = this.svg
      .select('.chart-grid')
      .selectAll<SVGPathElement, number>('path.break')
      .data(at === null ? [] : [at])
      .join('path');
    attrEach(mark, 'class', () => 'break');
    attrEach(mark, 'd', (d) => `M${d - 5},${baseline + 4}L${d - 1},${baseline - 4}M${d + 1},${baseline + 4}L${d + 5},${baseline - 4}`);
  }

  private drawLines(x: ScaleX, y: ScaleY, spec: ChartSpec): void {
    const xs = spec.timesMs.map(x);
    const paths = this.svg
      .select('.chart-marks')
      .selectAll<SVGPathElement, Series>('path')
      .data(spec.series, (s) => s.key)
      .join('path');
    attrEach(paths, 'class', (s) => `chart-line line-${s.key}`);
    attrEach(paths, 'd', (s) => linePath(xs, s.values.map(y)));
    // Label each line where it ends, nudged apart so equal values do not overprint.
    const ends = spec.series
      .filter((s) => s.values.length > 0)
      .map((s) => ({ s, value: s.values[s.values.length - 1], y: y(s.values[s.values.length - 1]) }));
    spreadLabels(ends, Math.ceil(this.fontPx * 1.15), this.height - 4);
    const labels = this.svg
      .select('.chart-labels')
      .selectAll<SVGTextElement, (typeof ends)[number]>('text')
      .data(ends, (d) => d.s.key)
      .join('text');
    attrEach(labels, 'class', (d) => `chart-label label-${d.s.key}`);
    attrEach(labels, 'x', () => this.width - MARGIN.right + 4);
    attrEach(labels, 'y', (d) => d.y);
    attrEach(labels, 'dy', () => '0.32em');
    textEach(labels, (d) => `${spec.formatY(d.value)}${d.s.label ? ` ${d.s.label}` : ''}`);
  }

  private drawBands(x: ScaleX, y: ScaleY, spec: ChartSpec, bands: ReturnType<typeof stackSeries>): void {
    const xs = spec.timesMs.map(x);
    const layers = bands.map((band, index) => ({ key: spec.series[index].key, index, ...band }));
    const paths = this.svg
      .select('.chart-marks')
      .selectAll<SVGPathElement, (typeof layers)[number]>('path')
      .data(layers, (l) => l.key)
      .join('path');
    attrEach(paths, 'class', (l) => `chart-band band-${l.index % BAND_COLOURS}`);
    attrEach(paths, 'd', (l) => areaPath(xs, l.bottoms.map(y), l.tops.map(y)));
    const labels = layers
      .map((l) => {
        const at = l.tops.length - 1;
        if (at < 0) return { key: l.key, label: spec.series[l.index].label, index: l.index, y: 0, px: 0 };
        const bottom = y(l.bottoms[at]);
        const top = y(l.tops[at]);
        return { key: l.key, label: spec.series[l.index].label, index: l.index, y: (bottom + top) / 2, px: bottom - top };
      })
      .filter((d) => d.px >= MIN_LABEL_BAND_PX);
    const texts = this.svg
      .select('.chart-labels')
      .selectAll<SVGTextElement, (typeof labels)[number]>('text')
      .data(labels, (d) => d.key)
      .join('text');
    attrEach(texts, 'class', (d) => `chart-label band-label-${d.index % BAND_COLOURS}`);
    attrEach(texts, 'x', () => this.width - MARGIN.right + 4);
    attrEach(texts, 'y', (d) => d.y);
    attrEach(texts, 'dy', () => '0.32em');
    textEach(texts, (d) => d.label);
  }
}

type ScaleX = TimeScale;
type ScaleY = LinearScale;

/** Pushes labels apart until no two are closer than `gapPx` (they stay in value order), keeping them above `maxY`. */
function spreadLabels(items: { y: number }[], gapPx: number, maxY: number): void {
  items.sort((a, b) => a.y - b.y);
  for (let i = 1; i < items.length; i++) {
    if (items[i].y - items[i - 1].y < gapPx) items[i].y = items[i - 1].y + gapPx;
  }
  const overflow = items.length > 0 ? items[items.length - 1].y - maxY : 0;
  if (overflow > 0) for (const item of items) item.y -= overflow;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Same keys, labels and values in the same order (the series are rebuilt every publish, so compared by value). */
function sameSeries(a: readonly Series[], b: readonly Series[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((s, i) => s.key === b[i].key && s.label === b[i].label && sameNumbers(s.values, b[i].values));
}
