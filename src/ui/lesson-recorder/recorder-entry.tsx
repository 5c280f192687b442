import { useState } from 'react';

type PanelModule = typeof import('./recorder-panel');

/** The header's element the recorder's row renders into (a full row of the header, under the scenario's guide). */
export const RECORDER_SLOT_ID = 'lesson-recorder-slot';

/**
 * "Record a lesson" in the header. The recorder loads on first use (contract decision 1: nothing lesson-related in
 * the start-up bundle) and renders itself into the header's slot. Hiding it keeps what was recorded; the panel's own
 * Discard starts over.
 */
export function RecorderEntry() {
  const [open, setOpen] = useState(false);
  const [Panel, setPanel] = useState<PanelModule['RecorderPanel'] | null>(null);
  const toggle = () => {
    if (!Panel) void import('./recorder-panel').then((m) => setPanel(() => m.RecorderPanel));
    setOpen(!open);
  };
  return (
    <>
      <button type="button" onClick={toggle} aria-expanded={open} aria-controls="lesson-recorder" data-testid="recorder-open">
        Record a lesson
      </button>
      {Panel && <Panel open={open} onClose={() => setOpen(false)} slotId={RECORDER_SLOT_ID} />}
    </>
  );
}
