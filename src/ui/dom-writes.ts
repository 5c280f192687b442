import type { BaseType, Selection } from 'd3';

/**
 * DOM writes that happen only when they change something. Setting an
 * attribute to the value it already has still costs a mutation record, a
 * style invalidation and often a repaint; views republished ten times a
 * second (the cluster map, the charts) compare first.
 */

/** Sets an attribute if it differs; null removes it. Numbers are written as `String(n)`, as D3 writes them. */
export function setAttr(el: Element, name: string, value: string | number | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** classList.toggle only when the class is not already as wanted. */
export function toggle(el: Element, cls: string, on: boolean): void {
  if (el.classList.contains(cls) !== on) el.classList.toggle(cls, on);
}

/** `selection.attr(name, fn)` that writes only the elements whose value changes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function attrEach<E extends Element, D>(sel: Selection<E, D, BaseType, any>, name: string, value: (d: D) => string | number | null): void {
  sel.each(function (d) {
    setAttr(this, name, value(d));
  });
}

/** `selection.text(fn)` that writes only the elements whose text changes (null writes nothing visible: ''). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function textEach<E extends Element, D>(sel: Selection<E, D, BaseType, any>, text: (d: D) => string | null): void {
  sel.each(function (d) {
    setText(this, text(d) ?? '');
  });
}
