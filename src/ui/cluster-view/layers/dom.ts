import { setAttr } from '../../dom-writes';
import type { Point } from '../layout';
import type { LinkState } from '../describe';

/** The map's own DOM helpers; every write goes through a compare first (../../dom-writes). */

export { attrEach, setAttr, setText, textEach, toggle } from '../../dom-writes';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The way the map writes numbers: one decimal. */
export function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Several attributes at once; numbers rounded to one decimal. */
export function setAttrs(el: Element, attrs: Record<string, number | string>): void {
  for (const [k, v] of Object.entries(attrs)) setAttr(el, k, typeof v === 'number' ? num(v) : v);
}

export function sizeRect(el: SVGRectElement, x: number, y: number, w: number, h: number): void {
  setAttrs(el, { x, y, width: w, height: h });
}

export function add<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, cls?: string): SVGElementTagNameMap[K] {
  const el = parent.ownerDocument.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  if (cls) el.setAttribute('class', cls);
  parent.appendChild(el);
  return el;
}

/** Unit vector along a one-way cut link, pointing the way messages are dropped; null for two-way cuts and up links. */
export function oneWayDir(state: LinkState, from: Point, to: Point): Point | null {
  if (state !== 'cut-ab' && state !== 'cut-ba') return null;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const sign = state === 'cut-ab' ? 1 : -1;
  return { x: (sign * dx) / len, y: (sign * dy) / len };
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
