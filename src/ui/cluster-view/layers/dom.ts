import type { Selection as D3Selection } from 'd3';
import type { Point } from '../layout';
import type { LinkState } from '../describe';

/**
 * DOM writes that happen only when they change something. A setAttribute
 * with the value already there still costs a mutation record, a style
 * invalidation and often a repaint; the map is republished ten times a
 * second, so every write below first compares.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The way the map writes numbers: one decimal. */
export function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Sets an attribute if it differs; null removes it. */
export function setAttr(el: Element, name: string, value: string | number | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** Several attributes at once; numbers rounded to one decimal. */
export function setAttrs(el: Element, attrs: Record<string, number | string>): void {
  for (const [k, v] of Object.entries(attrs)) setAttr(el, k, typeof v === 'number' ? num(v) : v);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** classList.toggle only when the class is not already as wanted. */
export function toggle(el: Element, cls: string, on: boolean): void {
  if (el.classList.contains(cls) !== on) el.classList.toggle(cls, on);
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

/** `selection.attr(name, fn)` that writes only the elements whose value changes. */
export function attrEach<E extends Element, D>(
  sel: D3Selection<E, D, SVGGElement, unknown>,
  name: string,
  value: (d: D) => string | number | null,
): void {
  sel.each(function (d) {
    setAttr(this, name, value(d));
  });
}

/** `selection.text(fn)` that writes only the elements whose text changes. */
export function textEach<E extends Element, D>(sel: D3Selection<E, D, Element, unknown>, text: (d: D) => string | null): void {
  sel.each(function (d) {
    setText(this, text(d) ?? '');
  });
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
