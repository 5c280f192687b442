// @vitest-environment happy-dom
// Goal: a chart repainted on every publish rewrites only what moved. The time cursor moves without
// redrawing the lines; size, viewBox and tick labels are written only when they change.
import { afterEach, describe, expect, it } from 'vitest';
import { MiniChart, type ChartSpec } from './mini-chart';

function spec(nowMs: number, values: number[], timesMs = values.map((_, i) => i * 500)): ChartSpec {
  return {
    kind: 'lines',
    timesMs,
    series: [
      { key: 'belief', label: 'cp', values },
      { key: 'truth', label: 'truth', values: values.map((v) => v / 2) },
    ],
    time: { storyEndMs: 20_000, nowMs },
    yMax: 250,
    formatY: (v) => String(Math.round(v)),
    summary: `Under-replicated shards: now ${values[values.length - 1]}.`,
  };
}

let host: HTMLElement;
let chart: MiniChart;
afterEach(() => {
  chart.destroy();
  host.remove();
});

function mount(first: ChartSpec): void {
  host = document.createElement('div');
  document.body.appendChild(host);
  chart = new MiniChart(host);
  chart.resize(320, 90);
  chart.update(first);
}

function mutationsDuring(act: () => void): string[] {
  const observer = new MutationObserver(() => {});
  observer.observe(host, { subtree: true, attributes: true, childList: true, characterData: true });
  act();
  const records = observer.takeRecords();
  observer.disconnect();
  return records.map((r) => {
    const el = (r.target.nodeType === 1 ? r.target : r.target.parentElement) as Element;
    return `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ')[0]} ${r.type} ${r.attributeName ?? ''}`.trim();
  });
}

describe('mini chart', () => {
  it('rewrites nothing when republished with the same picture', () => {
    mount(spec(1000, [0, 200, 190]));
    expect(mutationsDuring(() => chart.update(spec(1000, [0, 200, 190])))).toEqual([]);
  });

  it('moves only the cursor when only the time moved', () => {
    mount(spec(1000, [0, 200, 190]));
    expect(mutationsDuring(() => chart.update(spec(1200, [0, 200, 190])))).toEqual(['line.chart-cursor attributes x1', 'line.chart-cursor attributes x2']);
  });

  it('redraws the lines and their end labels, not the frame or the ticks, when a value moves', () => {
    mount(spec(1000, [0, 200, 190]));
    const touched = new Set(mutationsDuring(() => chart.update(spec(1000, [0, 200, 180]))));
    expect(touched).toEqual(
      new Set([
        'path.chart-line attributes d',
        'text.chart-label attributes y',
        'text.chart-label childList',
        'svg.mini-chart attributes aria-label',
      ]),
    );
  });
});
