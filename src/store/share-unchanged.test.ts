// Goal: a published state that repeats an unchanged part keeps that part's identity (so views selecting it do no
// work), and a part that changed in any way, however deep, is the new one.
import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './share-unchanged';

describe('shareUnchanged', () => {
  it('keeps equal parts of a fresh copy as the previous objects', () => {
    const previous = { scenario: { id: 'a', prose: { watch: ['x'] } }, nodes: [{ id: 'n1', up: true }], timeMs: 1 };
    const next = structuredClone({ ...previous, timeMs: 2 });
    const shared = shareUnchanged(previous, next);
    expect(shared).not.toBe(previous);
    expect(shared.timeMs).toBe(2);
    expect(shared.scenario).toBe(previous.scenario);
    expect(shared.nodes).toBe(previous.nodes);
  });

  it('gives the new object wherever something changed, keeping the unchanged siblings', () => {
    const previous = { nodes: [{ id: 'n1', up: true }, { id: 'n2', up: true }], extra: { a: 1 } };
    const next = structuredClone(previous);
    next.nodes[1].up = false;
    const shared = shareUnchanged(previous, next);
    expect(shared.nodes).not.toBe(previous.nodes);
    expect(shared.nodes[0]).toBe(previous.nodes[0]);
    expect(shared.nodes[1]).toEqual({ id: 'n2', up: false });
    expect(shared.extra).toBe(previous.extra);
    expect(shared).toEqual({ nodes: [{ id: 'n1', up: true }, { id: 'n2', up: false }], extra: { a: 1 } });
  });

  it('sees added and removed keys and array elements as changes', () => {
    const previous: Record<string, unknown> = { a: 1, b: [1, 2] };
    expect(shareUnchanged(previous, { a: 1 })).toEqual({ a: 1 });
    expect(shareUnchanged(previous, { a: 1, b: [1, 2], c: undefined })).not.toBe(previous);
    const grown = shareUnchanged(previous, { a: 1, b: [1, 2, 3] });
    expect(grown).not.toBe(previous);
    expect(grown.b).toEqual([1, 2, 3]);
    expect(shareUnchanged(previous, { a: 1, b: [1, 2] })).toBe(previous);
  });

  it('compares typed arrays by their bytes', () => {
    const previous = { codes: new Uint8Array([1, 2, 3]) };
    expect(shareUnchanged(previous, { codes: new Uint8Array([1, 2, 3]) }).codes).toBe(previous.codes);
    const changed = new Uint8Array([1, 2, 4]);
    expect(shareUnchanged(previous, { codes: changed }).codes).toBe(changed);
  });

  it('treats a Map or a class instance as changed unless it is the same object', () => {
    const map = new Map([[1, 2]]);
    const previous = { m: map };
    const fresh = new Map([[1, 2]]);
    expect(shareUnchanged(previous, { m: fresh }).m).toBe(fresh);
    expect(shareUnchanged(previous, { m: map })).toBe(previous);
  });
});
