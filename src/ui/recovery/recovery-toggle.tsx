import { useEffect, useState } from 'react';
import type { NodeRecoveryView, NodeView } from '../../engine/index';
import { useConsole, useSession } from '../session-context';

type SectionModule = typeof import('./recovery-section');

/** The Log view and Recovery panel load on first use, so the console starts without them (the start-up budget). */
let sectionModule: Promise<SectionModule> | null = null;
const loadSection = () => (sectionModule ??= import('./recovery-section'));

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
 * Recovery panel (loaded on demand). Open or closed is the session's, so it stays open from node to node.
 */
export function RecoveryToggle({ node }: { node: NodeView }) {
  const session = useSession();
  const open = useConsole((s) => s.log.open);
  const [Section, setSection] = useState<SectionModule['RecoverySection'] | null>(null);
  /** Set by a click on Show: the section then scrolls into view (the side column is short on a desktop). */
  const [reveal, setReveal] = useState(false);
  useEffect(() => {
    if (!open || Section) return;
    let live = true;
    void loadSection().then((m) => live && setSection(() => m.RecoverySection));
    return () => {
      live = false;
    };
  }, [open, Section]);
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
        data-testid="recovery-toggle"
        onClick={() => {
          setReveal(!open);
          session.showLog(!open);
        }}
      >
        {open ? 'Hide' : 'Show'} its log and recovery
      </button>
      {open && (Section ? <Section nodeId={node.id} reveal={reveal} /> : <p className="inspector-muted">Loading the log…</p>)}
    </div>
  );
}
