import { useEffect, useState } from 'react';
import type { ConsoleClient } from '../../worker/console-client';
import { useConsole, useSession } from '../session-context';
import { revealJournalNextOpen, takeJournalReveal } from './journal-reveal';

type SectionModule = typeof import('./journal-section');

/** The journal view loads on first use, so the console starts without it (the start-up budget). */
let sectionModule: Promise<SectionModule> | null = null;
const loadSection = () => (sectionModule ??= import('./journal-section'));

/**
 * The journal view is open and has the row under the cluster view: a node's Log view or a shard's Repair panel
 * (opened after it) take that row first; opening the journal closes them (`useOpenJournal`).
 */
export function useJournalShown(): boolean {
  return useConsole(
    (s) =>
      s.controlPlane.journalOpen &&
      s.controlPlane.view !== null &&
      !(s.log.open && s.selection?.kind === 'node') &&
      !(s.repairPanel.open && s.selection?.kind === 'shard'),
  );
}

/** Opens (or closes) the journal view in the row under the cluster view, closing a Log view or Repair panel that holds it. */
export function setJournalOpen(session: ConsoleClient, open: boolean): void {
  if (open) {
    revealJournalNextOpen();
    const { log, repairPanel } = session.store.getState();
    if (log.open) void session.showLog(false);
    if (repairPanel.open) void session.showRepair(false, null);
  }
  void session.showJournal(open);
}

export function useOpenJournal(): (open: boolean) => void {
  const session = useSession();
  return (open: boolean) => setJournalOpen(session, open);
}

/**
 * The control plane's journal and its leader failover steps in a row of its own under the cluster view (as a
 * node's Log view is): the steps, the entries and the map's member chips are read together as a failover runs.
 */
export function JournalArea() {
  const [Section, setSection] = useState<SectionModule['JournalSection'] | null>(null);
  const [reveal] = useState(takeJournalReveal);
  useEffect(() => {
    let live = true;
    void loadSection().then((m) => live && setSection(() => m.JournalSection));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="panel journal-area" id="journal-area" aria-labelledby="journal-title" data-testid="journal-area">
      {Section ? <Section reveal={reveal} /> : <p className="inspector-muted">Loading the journal…</p>}
    </section>
  );
}
