import type { NodeRecoveryView } from '../../engine/index';
import { useConsole } from '../session-context';
import { ModePreview } from './mode-preview';
import { RecoveryPanel } from './recovery-panel';
import { recoveryOf } from './recovery-toggle';
import { WalStrip } from './wal-strip';
import styles from './recovery.css?inline';

// The styles travel inside this chunk and go in on first load (as the statechart panel's do): a separate CSS file
// would need Vite's preload helper in the start-up bundle.
if (!document.getElementById('recovery-styles')) {
  const style = document.createElement('style');
  style.id = 'recovery-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

/** The node's way back (Recovery panel) above its write-ahead log (Log view) and the recovery-mode preview. */
export function RecoverySection({ nodeId }: { nodeId: string }) {
  const node = useConsole((s) => s.cluster.nodes.find((n) => n.id === nodeId));
  const view = useConsole((s) => s.log.view);
  const params = useConsole((s) => s.cluster.params);
  const recovery: NodeRecoveryView | null = node ? recoveryOf(node) : null;
  if (!view || view.node !== nodeId) return <p className="inspector-muted">Reading {nodeId}’s log…</p>;
  return (
    <div className="recovery-section">
      {recovery && <RecoveryPanel nodeId={nodeId} recovery={recovery} store={view.wal?.stateStore ?? 'pages'} params={params} />}
      {view.wal ? (
        <>
          <WalStrip wal={view.wal} previews={view.previews} running={recovery?.replay?.running ?? false} />
          <ModePreview wal={view.wal} previews={view.previews} phase={recovery?.phase ?? null} />
        </>
      ) : (
        <p className="inspector-muted" data-testid="wal-missing">
          This build of the engine does not model {nodeId}’s write-ahead log.
        </p>
      )}
    </div>
  );
}
