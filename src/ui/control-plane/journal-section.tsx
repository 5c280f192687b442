import { useEffect, useMemo, useRef } from 'react';
import type { MachineRef } from '../../engine/index';
import { StatechartToggle } from '../statechart/statechart-toggle';
import { useConsole } from '../session-context';
import { useOpenJournal } from './journal-area';
import { JournalView } from './journal-view';
import styles from './journal.css?inline';

// The styles travel inside this chunk and go in on first load (as the Repair panel's do).
if (!document.getElementById('journal-styles')) {
  const style = document.createElement('style');
  style.id = 'journal-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

/** The journal view fed from the store: the group every publish, the entries the worker reads while it is open. */
export function JournalSection({ reveal = false }: { reveal?: boolean }) {
  const root = useRef<HTMLDivElement>(null);
  const open = useOpenJournal();
  useEffect(() => {
    // Opened by a click: on a phone the page scrolls, so bring it up once (not as the run moves).
    if (reveal && window.matchMedia('(max-width: 1100px)').matches) root.current?.scrollIntoView({ block: 'start' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const view = useConsole((s) => s.controlPlane.view);
  // Each member's Raft machine (follower → candidate → leader, down), for the statechart panel.
  const memberIds = view?.group.members.map((m) => m.id).join(' ') ?? '';
  const refs = useMemo<MachineRef[]>(() => (memberIds === '' ? [] : memberIds.split(' ').map((id) => ({ kind: 'cpMember', id }))), [memberIds]);
  return (
    <div className="journal-section" ref={root}>
      <div className="journal-head">
        <h2 id="journal-title">Control plane journal</h2>
        <button type="button" className="journal-close" data-testid="journal-close" onClick={() => open(false)}>
          Hide the journal
        </button>
      </div>
      {view === null || view.entries === null ? <p className="inspector-muted">Reading the journal…</p> : <JournalView group={view.group} entries={view.entries} />}
      {refs.length > 0 && <StatechartToggle place="journal" refs={refs} what="the members’ state machines" />}
    </div>
  );
}
