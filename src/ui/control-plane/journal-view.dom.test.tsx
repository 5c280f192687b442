// @vitest-environment happy-dom
// Goal: what a learner reads in the journal view mid-failover (a hand-made moment: cp1 died with its last entry
// held by itself alone, cp2 won term 2): the newest entries first with index, term, kind, words, which members
// hold each, committed or not as a glyph and a word (never colour alone); and the leader failover as §8.3's
// steps with the time each was reached.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { midFailoverView } from '../../testing/control-plane-fixture';
import { JournalView } from './journal-view';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let root: Root;
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function render(view = midFailoverView()) {
  const { entries, ...group } = view;
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root.render(<JournalView group={group} entries={entries} />));
}

const byId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();

describe('journal view', () => {
  it('lists the newest entries first, committed or not in words and glyphs, with who holds each', () => {
    render();
    const view = byId('journal-view')!;
    const rows = [...view.querySelectorAll('[data-testid^="journal-entry-"]')];
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['journal-entry-9', 'journal-entry-8', 'journal-entry-7', 'journal-entry-6']);
    const uncommitted = byId('journal-entry-9')!;
    expect(uncommitted.getAttribute('data-committed')).toBe('false');
    expect(text(uncommitted)).toMatch(/9.*1.*copy\.planned.*copy of s047 to n2 planned.*… not committed.*cp1/);
    expect(text(byId('journal-entry-8'))).toMatch(/✓ committed.*cp1, cp2, cp3/);
    expect(text(view)).toMatch(/Committed up to index 8/);
  });

  it('steps through the leader failover with the time of each step reached', () => {
    render();
    const stepper = byId('cp-failover-steps')!;
    expect(text(stepper)).toMatch(/cp1 → cp2.*term 2/);
    const steps = [...stepper.querySelectorAll('li')];
    expect(steps).toHaveLength(7);
    expect(text(steps[0])).toMatch(/✓.*Leader lost.*31\.0 s.*heard nothing from cp1/);
    expect(text(steps[2])).toMatch(/✓.*Leader elected.*32\.1 s/);
    expect(steps[3].getAttribute('aria-current')).toBe('step');
    expect(text(steps[3])).toMatch(/▶.*Empty entry committed/);
    expect(text(steps[6])).toMatch(/○.*Monitor restarted.*not yet/);
  });

  it('says so when no failover has happened and when the journal is off', () => {
    const quiet = midFailoverView();
    quiet.failover = null;
    quiet.journal = false;
    render(quiet);
    expect(byId('cp-failover-steps')).toBeNull();
    expect(text(byId('journal-view'))).toMatch(/No leader failover yet/);
    expect(text(byId('journal-view'))).toMatch(/journal is off/);
  });
});
