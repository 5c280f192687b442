/** Set by a click on a member chip or the journal button: the journal area brings itself into view once (on a phone). */
let revealOnMount = false;

export function revealJournalNextOpen(): void {
  revealOnMount = true;
}

/** Read once by the journal area as it mounts. */
export function takeJournalReveal(): boolean {
  const r = revealOnMount;
  revealOnMount = false;
  return r;
}
