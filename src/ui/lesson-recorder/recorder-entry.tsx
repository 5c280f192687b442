import { useState } from 'react';
import { createPortal } from 'react-dom';

type PanelModule = typeof import('./recorder-panel');

/** The recorder loads on first use (contract decision 1: nothing lesson-related in the start-up bundle). */
let panelModule: Promise<PanelModule> | null = null;
const loadPanel = () => (panelModule ??= import('./recorder-panel'));

/** The header's element the recorder's row renders into (a full row of the header, under the scenario's guide). */
export const RECORDER_SLOT_ID = 'lesson-recorder-slot';

/**
 * "Record a lesson" in the header: opens the recorder below the header's inputs. Closing hides it and keeps what
 * was recorded; the panel's own "Discard" starts over.
 */
export function RecorderEntry() {
  const [open, setOpen] = useState(false);
  const [Panel, setPanel] = useState<PanelModule['RecorderPanel'] | null>(null);
  const toggle = () => {
    if (!open && !Panel) void loadPanel().then((m) => setPanel(() => m.RecorderPanel));
    setOpen(!open);
  };
  const slot = typeof document === 'undefined' ? null : document.getElementById(RECORDER_SLOT_ID);
  return (
    <>
      <button type="button" onClick={toggle} aria-expanded={open} aria-controls="lesson-recorder" data-testid="recorder-open">
        Record a lesson
      </button>
      {Panel && slot && createPortal(<Panel open={open} onClose={() => setOpen(false)} />, slot)}
    </>
  );
}
