// @vitest-environment happy-dom
// Goal: what a learner reads in the Repair panel, from a fixture of the design's worked example (§7.4): the two
// replicas' Merkle trees with the differing nodes marked by a glyph and a word (not colour alone), the level being
// compared lit, the counters, the phase, the sentence saying what will be streamed, and the stale-key table.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RepairPanelView } from '../../store/repair-panel';
import { fixtureRepairView, fixtureSession, fixtureTree } from './repair-fixture';
import { RepairPanel } from './repair-panel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let root: Root;
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function render(panel: RepairPanelView, handlers: { onPickPair?: (pair: [string, string]) => void; onRun?: (mode: 'full' | 'incremental') => void } = {}) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root.render(<RepairPanel panel={panel} onPickPair={handlers.onPickPair ?? (() => {})} onRun={handlers.onRun ?? (() => {})} />));
}

const byId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const leaderless = (over = {}): RepairPanelView => ({ shard: 's001', replication: 'leaderless', view: fixtureRepairView(over) });

describe('Repair panel', () => {
  it('draws both replicas’ trees and marks every differing node with ≠ and the word “differs”', () => {
    render(leaderless());
    expect(byId('merkle-view')).not.toBeNull();
    for (const replica of ['n2', 'n4']) {
      const marked = host.querySelectorAll(`[data-testid^="merkle-node-${replica}-"][data-differs="true"]`);
      // Worked example, leaves 5 and 12: 1 root + 2 + 2 + 2 + 2 leaves.
      expect(marked).toHaveLength(9);
      const leaf5 = byId(`merkle-node-${replica}-4-5`)!;
      expect(leaf5.textContent).toContain('≠');
      expect(leaf5.textContent).toContain('differs');
      const leaf4 = byId(`merkle-node-${replica}-4-4`)!;
      expect(leaf4.getAttribute('data-differs')).toBe('false');
      expect(leaf4.textContent).not.toContain('≠');
      expect(leaf4.textContent).toMatch(/^[0-9a-f]{4}$/);
    }
    // Each node shows its 4-hex hash: the same on both sides where the subtree agrees.
    expect(byId('merkle-node-n2-4-4')!.textContent).toBe(byId('merkle-node-n4-4-4')!.textContent);
  });

  it('lights the level the session is comparing, in both trees, and says so', () => {
    render(leaderless());
    expect(byId('merkle-level-n2-2')!.getAttribute('data-lit')).toBe('true');
    expect(byId('merkle-level-n4-2')!.getAttribute('data-lit')).toBe('true');
    expect(byId('merkle-level-n2-1')!.getAttribute('data-lit')).toBe('false');
    expect(byId('merkle-view')!.textContent).toContain('Comparing level 2');
  });

  it('counts hashes against the whole tree and keys streamed against the stale keys', () => {
    render(leaderless({ session: fixtureSession({ phase: 'streaming', level: null, hashesExchanged: 30, keysStreamed: 64 }) }));
    expect(byId('merkle-hashes')!.textContent).toBe('30 hashes exchanged / 62 whole tree');
    expect(byId('merkle-keys')!.textContent).toBe('64 keys streamed / 3 stale keys');
    expect(byId('merkle-view')!.textContent).toContain('Leaves 5 and 12 differ: only their 128 keys will be streamed.');
  });

  it('does not say how many keys are stale, nor which leaves differ, before the comparison has found them', () => {
    render(leaderless({ session: fixtureSession({ staleKeys: 0 }) }));
    expect(byId('merkle-keys')!.textContent).toBe('0 keys streamed / stale keys counted once the comparison ends');
    expect(byId('merkle-view')!.textContent).not.toContain('will be streamed');
  });

  it('shows the session phase as a stepper with the current phase named', () => {
    render(leaderless());
    const stepper = byId('repair-phase')!;
    expect(stepper.getAttribute('data-phase')).toBe('comparing');
    expect(stepper.querySelector('[aria-current="step"]')!.textContent).toContain('comparing');
    expect([...stepper.querySelectorAll('li')].map((li) => li.getAttribute('data-step'))).toEqual(['requested', 'validating', 'comparing', 'streaming', 'finished']);
  });

  it('says why a session failed, in the stepper’s last step', () => {
    render(leaderless({ session: fixtureSession({ phase: 'failed', level: null, failedReason: 'n4 went down mid-stream' }) }));
    const stepper = byId('repair-phase')!;
    expect(stepper.getAttribute('data-phase')).toBe('failed');
    expect(stepper.querySelector('[aria-current="step"]')!.textContent).toContain('failed');
    expect(byId('merkle-view')!.textContent).toContain('n4 went down mid-stream');
  });

  it('lists the stale keys with each replica’s version, the latest, and how many are shown', () => {
    render(leaderless({ staleKeysTotal: 40 }));
    const table = byId('stale-keys')!;
    expect(table.textContent).toContain('showing 3 of 40');
    const row = byId('stale-key-350')!;
    const cells = [...row.querySelectorAll('td,th')].map((c) => c.textContent);
    // key, leaf, hot, n2, n3, n4, latest: n2's older write is marked as stale.
    expect(cells[0]).toBe('350');
    expect(cells[1]).toBe('5');
    expect(cells[2]).toContain('hot');
    expect(cells[3]).toContain('#88');
    expect(cells[3]).toContain('stale');
    expect(cells[4]).toBe('#120');
    expect(cells[6]).toBe('#120');
    expect(byId('stale-key-331')!.textContent).toContain('corrupt');
    expect(byId('stale-key-790')!.textContent).toContain('older');
  });

  it('offers a replica-pair picker when the shard has more than two replicas', () => {
    const onPickPair = vi.fn();
    render(leaderless(), { onPickPair });
    const picker = byId('merkle-pair') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['n2 and n3', 'n2 and n4', 'n3 and n4']);
    expect(picker.value).toBe('n2 n4');
    act(() => {
      picker.value = 'n3 n4';
      picker.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onPickPair).toHaveBeenCalledWith(['n3', 'n4']);
  });

  it('has no picker with two replicas', () => {
    render(leaderless({ replicas: ['n2', 'n4'] }));
    expect(byId('merkle-pair')).toBeNull();
  });

  it('explains, with primary replication, why there is nothing to compare', () => {
    render({ shard: 's001', replication: 'primary', view: null });
    const text = byId('merkle-view')!.textContent!;
    expect(text).toContain('leaderless');
    expect(byId('stale-keys')).toBeNull();
  });

  it('offers to run a repair when no session is running', () => {
    const onRun = vi.fn();
    render(leaderless({ session: null }), { onRun });
    act(() => byId('repair-run-full')!.click());
    expect(onRun).toHaveBeenCalledWith('full');
    expect(byId('repair-phase')!.getAttribute('data-phase')).toBe('none');
  });

  it('draws a deep tree to level 5 and says where the differing paths end below', () => {
    const trees = [fixtureTree('n2', 15, [1234]), fixtureTree('n4', 15, [1234])] as const;
    // The engine's view keeps only the differing path below level 5.
    const sparse = trees.map((t) => ({ ...t, levels: t.levels.map((level, l) => (l <= 5 ? level : level.filter((n) => n.differs))) })) as [typeof trees[0], typeof trees[1]];
    render(leaderless({ depth: 15, leaves: 32768, keysPerLeaf: 1, trees: sparse }));
    expect(byId('merkle-node-n2-5-0')).not.toBeNull();
    expect(byId('merkle-node-n2-6-2')).toBeNull();
    expect(byId('merkle-deep')!.textContent).toContain('Levels 6–15 are not drawn');
    expect(byId('merkle-deep')!.textContent).toContain('The differing path ends at leaf 1,234.');
  });
});
