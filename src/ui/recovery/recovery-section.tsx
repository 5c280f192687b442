import { useEffect, useRef } from 'react';
import type { NodeRecoveryView } from '../../engine/index';
import { useConsole } from '../session-context';
import { ModePreview } from './mode-preview';
import { RecoveryPanel } from './recovery-panel';
import { recoveryOf } from './recovery-toggle';
import { WalStrip } from './wal-strip';
import { TxnTable } from './txn-table';
import styles from './recovery.css?inline';

// The styles travel inside this chunk and go in on first load (as the statechart panel's do): a separate CSS file
// would need Vite's preload helper in the start-up bundle.
if (!document.getElementById('recovery-styles')) {
  const style = document.createElement('style');
  style.id = 'recovery-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

/**
 * On a phone the page scrolls: bring the section up. On a wide screen only the side column scrolls (scrolling the
 * page would shift the whole console), so scroll that box. (The statechart panel does the same.)
 */
function bringIntoView(el: HTMLElement) {
  if (window.matchMedia('(max-width: 1100px)').matches) return el.scrollIntoView({ block: 'start' });
  for (let box = el.parentElement; box; box = box.parentElement) {
    if (box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY)) {
      box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
      return;
    }
  }
}

/** The node's way back (Recovery panel) above its write-ahead log (Log view) and the recovery-mode preview. */
export function RecoverySection({ nodeId, reveal = false, maxCells }: { nodeId: string; reveal?: boolean; maxCells?: number }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opened by a click: bring it into view once, not as the run moves.
    const slot = root.current?.parentElement;
    if (reveal && slot) bringIntoView(slot);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const node = useConsole((s) => s.cluster.nodes.find((n) => n.id === nodeId));
  const view = useConsole((s) => s.log.view);
  const params = useConsole((s) => s.cluster.params);
  const recovery: NodeRecoveryView | null = node ? recoveryOf(node) : null;
  if (!view || view.node !== nodeId)
    return (
      <p className="inspector-muted" ref={root}>
        Reading {nodeId}’s log…
      </p>
    );
  return (
    <div className="recovery-section" ref={root}>
      {recovery && <RecoveryPanel nodeId={nodeId} recovery={recovery} store={view.wal?.stateStore ?? 'pages'} params={params} />}
      {node?.transactions && <TxnTable nodeId={nodeId} view={node.transactions} />}
      {view.wal ? (
        <>
          <WalStrip wal={view.wal} previews={view.previews} running={recovery?.replay?.running ?? false} maxCells={maxCells} />
          <ModePreview wal={view.wal} previews={view.previews} phase={recovery?.phase ?? null} />
        </>
      ) : (
        <p className="inspector-muted" data-testid="wal-missing">
          There is no node {nodeId} in this scenario, so no log to show.
        </p>
      )}
    </div>
  );
}
