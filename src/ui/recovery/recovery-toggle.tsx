import type { NodeRecoveryView, NodeView } from '../../engine/index';
import { useConsole, useSession } from '../session-context';
import { revealNextOpen } from './recovery-area';

/** A node's recovery view (null-safe for views built without one, such as test fixtures). */
export function recoveryOf(node: NodeView): NodeRecoveryView | null {
  return node.recovery ?? null;
}

/** One line a learner reads without opening anything: where the node is on its way back. */
const PHASE_LINE: Record<NodeRecoveryView['phase'], string> = {
  serving: 'serving',
  crashed: 'crashed: its log waits for a restart',
  loadingSnapshot: 'loading its snapshot',
  replaying: 'replaying its log',
  verifying: 'verifying its replicas',
  refused: 'refused to start',
  catchingUp: 'catching up from peers',
  destroyed: 'disk gone',
};

/**
 * In the node inspector: the node's recovery phase in words, and a button that opens its write-ahead log and the
 * Recovery panel (RecoveryArea, a row of its own in the console, loaded on demand). Open or closed is the
 * session's, so it stays open from node to node.
 */
export function RecoveryToggle({ node }: { node: NodeView }) {
  const session = useSession();
  const open = useConsole((s) => s.log.open);
  const recovery = recoveryOf(node);
  return (
    <div className="recovery-slot">
      {recovery && recovery.phase !== 'serving' && (
        <p className="recovery-phase-line" data-testid="recovery-phase-line">
          Recovery: <strong>{PHASE_LINE[recovery.phase]}</strong>
        </p>
      )}
      <button
        type="button"
        className="recovery-toggle"
        aria-expanded={open}
        aria-controls={open ? 'recovery-area' : undefined}
        data-testid="recovery-toggle"
        onClick={() => {
          if (!open) revealNextOpen();
          session.showLog(!open);
        }}
      >
        {open ? 'Hide' : 'Show'} its log and recovery
      </button>
    </div>
  );
}
