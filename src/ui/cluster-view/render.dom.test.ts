// @vitest-environment happy-dom
// Goal: the cluster map a learner sees at three moments of the worked example stays exactly what it was
// (SVG snapshots, Plot-style), and a publish that changes nothing the map shows rewrites nothing: the
// renderer touches only the layers whose inputs changed.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtIn } from '../../testing/load-scenario';
import { manualFrames } from '../../store/frame-scheduler';
import { ConsoleSession } from '../../store/session';
import type { ConsoleViewState } from '../../store/view-model';
import { ClusterRenderer } from './render';

const WIDTH = 1000;
const HEIGHT = 620;

beforeAll(() => {
  // Pulses fly on the compositor in a browser; here an animation is a stand-in that never finishes by itself
  // (happy-dom's own rejects a promise nobody awaits when cancelled).
  Element.prototype.animate = function () {
    return { cancel() {}, onfinish: null, finish() {} } as unknown as Animation;
  };
});

function workedExample(): ConsoleSession {
  const scenario = builtIn('rehome-worked-example');
  return new ConsoleSession(scenario, scenario.seed, manualFrames());
}

function publish(session: ConsoleSession): ConsoleViewState {
  session.flush();
  return session.store.getState();
}

/** Halfway through the rebuild (by bytes, on a whole second), so the moment survives tuning of the migrator. */
function midRebuild(session: ConsoleSession): ConsoleViewState {
  let peak = 0;
  for (let i = 0; i < 600; i++) {
    session.advanceBy(1_000);
    const state = publish(session);
    const remaining = state.cluster.metrics.rebuildBytesRemaining;
    peak = Math.max(peak, remaining);
    if (peak > 0 && remaining <= peak / 2 && state.cluster.copies.some((c) => c.phase !== 'queued')) return state;
  }
  throw new Error('the worked example never got halfway through its rebuild');
}

let mounted: { host: HTMLElement; renderer: ClusterRenderer }[] = [];
afterEach(() => {
  for (const m of mounted) {
    m.renderer.destroy();
    m.host.remove();
  }
  mounted = [];
});

function mount(state: ConsoleViewState): { host: HTMLElement; renderer: ClusterRenderer } {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const renderer = new ClusterRenderer(host, { select() {}, dispatch() {} });
  renderer.resize(WIDTH, HEIGHT);
  renderer.update(state);
  const m = { host, renderer };
  mounted.push(m);
  return m;
}

/**
 * The SVG as indented markup, attributes sorted, so a diff names the element and attribute that changed.
 * A hidden element (`display="none"`) is written as just that: what it would say if shown is not on screen.
 */
function serialize(el: Element, depth = 0): string {
  const pad = '  '.repeat(depth);
  if (el.getAttribute('display') === 'none') return `${pad}<${el.tagName.toLowerCase()} display="none"/>`;
  const attrs = [...el.attributes]
    .map((a) => [a.name, a.value] as const)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;')}"`)
    .join('');
  const tag = el.tagName.toLowerCase();
  const children = [...el.childNodes];
  if (children.length === 0) return `${pad}<${tag}${attrs}/>`;
  if (children.every((c) => c.nodeType === 3)) return `${pad}<${tag}${attrs}>${el.textContent!.replace(/\n/g, '&#10;')}</${tag}>`;
  const inner = children
    .map((c) => (c.nodeType === 1 ? serialize(c as Element, depth + 1) : c.textContent?.trim() ? `${pad}  ${c.textContent}` : ''))
    .filter(Boolean)
    .join('\n');
  return `${pad}<${tag}${attrs}>\n${inner}\n${pad}</${tag}>`;
}

function svgOf(host: HTMLElement): SVGSVGElement {
  return host.querySelector('svg.cv-svg')!;
}

/** The map's markup without its per-instance id prefix (`cv12-hatch`), which only keeps two maps on a page apart. */
function markup(host: HTMLElement): string {
  return serialize(svgOf(host)).replace(/\bcv\d+-/g, 'cv#-');
}

interface Recorded {
  records: MutationRecord[];
  stop(): void;
}

function record(host: HTMLElement): Recorded {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(host, { subtree: true, attributes: true, childList: true, characterData: true });
  return {
    records,
    stop() {
      records.push(...observer.takeRecords());
      observer.disconnect();
    },
  };
}

/** Which part of the view a mutation landed in: a `cv-layer-*` group, the pulse overlay, or the SVG itself. */
function placeOf(record: MutationRecord): string {
  const node = record.target;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const layer = el?.closest('.cv-layer, .cv-overlay');
  if (!layer) return 'svg';
  if (layer.classList.contains('cv-overlay')) return 'heartbeats';
  return [...layer.classList].find((c) => c.startsWith('cv-layer-'))!;
}

describe('cluster map, worked example', { timeout: 60_000 }, () => {
  it('looks as it did before the crash, mid-rebuild and healthy', async () => {
    const session = workedExample();
    session.advanceBy(4_000);
    const before = mount(publish(session));
    expect(svgOf(before.host).querySelectorAll('.cv-copy')).toHaveLength(0);
    await expect(markup(before.host)).toMatchFileSnapshot('./__snapshots__/worked-example-before-crash.svg.txt');

    const midState = midRebuild(session);
    const mid = mount(midState);
    await expect(markup(mid.host)).toMatchFileSnapshot('./__snapshots__/worked-example-mid-rebuild.svg.txt');

    session.runUntil('healthy');
    const healthy = mount(publish(session));
    expect(svgOf(healthy.host).querySelectorAll('.cv-copy')).toHaveLength(0);
    await expect(markup(healthy.host)).toMatchFileSnapshot('./__snapshots__/worked-example-healthy.svg.txt');
  });

  it('draws the same SVG when updated step by step as when drawn fresh', () => {
    const session = workedExample();
    const { host, renderer } = mount(publish(session));
    const same = () => {
      const state = publish(session);
      renderer.update(state);
      expect(markup(host)).toBe(markup(mount(state).host));
    };
    session.advanceBy(4_000);
    renderer.update(publish(session));
    session.dispatch({ type: 'link.cut', a: 'n1', b: 'n2' });
    renderer.update(publish(session));
    session.advanceBy(2_000);
    session.dispatch({ type: 'link.cut', a: 'n4', b: 'cp', oneWay: true });
    session.select({ kind: 'shard', id: publish(session).cluster.shards[0].id });
    same();
    session.advanceBy(10_000);
    renderer.update(publish(session));
    session.dispatch({ type: 'link.heal', a: 'n1', b: 'n2' });
    session.select({ kind: 'node', id: 'n2' });
    renderer.update(publish(session));
    session.advanceBy(24_000);
    same();
    session.dispatch({ type: 'link.heal', a: 'n4', b: 'cp' });
    session.select(null);
    session.runUntil('healthy');
    same();
  });

  it('rewrites nothing when a publish changes nothing the map shows', () => {
    const session = workedExample();
    const state = midRebuild(session);
    const { host, renderer } = mount(state);
    const seen = record(host);
    // A new publish of the same moment: every object in the view-model is new, every value the same.
    renderer.update(publish(session));
    renderer.update({ ...state });
    seen.stop();
    expect(seen.records.map((r) => `${placeOf(r)} ${r.type} ${r.attributeName ?? ''}`)).toEqual([]);
  });

  it('touches only the heartbeat layer when only heartbeats happened', () => {
    const session = workedExample();
    session.advanceBy(2_000);
    const { host, renderer } = mount(publish(session));
    // Before the crash at 5 s nothing happens but heartbeats (and the clock).
    session.advanceBy(1_500);
    const state = publish(session);
    expect(state.trace.some((e) => e.kind === 'heartbeat.sent' && e.timeMs > 2_000)).toBe(true);
    const seen = record(host);
    renderer.update(state);
    seen.stop();
    const places = new Set(seen.records.map(placeOf));
    expect([...places]).toEqual(['heartbeats']);
  });
});
