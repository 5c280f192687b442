import { useEffect, useRef } from 'react';
import { useConsole, useSession } from '../session-context';
import { RepairPanel } from './repair-panel';
import styles from './repair.css?inline';

// The styles travel inside this chunk and go in on first load (as the statechart and recovery panels' do): a
// separate CSS file would need Vite's preload helper in the start-up bundle.
if (!document.getElementById('repair-styles')) {
  const style = document.createElement('style');
  style.id = 'repair-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

/**
 * Opened by a click. On a phone the page scrolls: bring the panel up. On a wide screen the row is already in view
 * under the cluster view, but the side column just got shorter: keep the button that closes it in view.
 */
function bringIntoView(el: HTMLElement) {
  if (window.matchMedia('(max-width: 1100px)').matches) return el.scrollIntoView({ block: 'start' });
  document.querySelector('[data-testid="repair-toggle"]')?.scrollIntoView({ block: 'nearest' });
}

/** The Repair panel fed from the store: the selected shard's repair view, read by the worker while open. */
export function RepairSection({ shardId, reveal = false }: { shardId: string; reveal?: boolean }) {
  const session = useSession();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opened by a click: bring it into view once, not as the run moves.
    const slot = root.current?.parentElement;
    if (reveal && slot) bringIntoView(slot);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const panel = useConsole((s) => s.repairPanel.view);
  if (!panel || panel.shard !== shardId)
    return (
      <p className="inspector-muted" ref={root}>
        Reading {shardId}’s replicas…
      </p>
    );
  return (
    <div className="repair-section" ref={root}>
      <RepairPanel
        panel={panel}
        onPickPair={(pair) => void session.showRepair(true, pair)}
        onRun={(mode) => void session.dispatch({ type: 'repair.run', shard: shardId, mode })}
      />
    </div>
  );
}
