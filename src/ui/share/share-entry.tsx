import { useRef, useState } from 'react';

type DialogModule = typeof import('./share-dialog');

const loadDialog = (): Promise<DialogModule> => import('./share-dialog');

/**
 * "Share this moment" in the header. The dialog (Link and Embed tabs, snippet generators, preview) loads on first
 * use: the console's start-up bundle carries only this button. A failed load (offline, a deploy replaced the chunk)
 * is said beside the button, and the next press tries again.
 */
export function ShareEntry({ load = loadDialog }: { load?: () => Promise<DialogModule> }) {
  const [open, setOpen] = useState(false);
  const [Dialog, setDialog] = useState<DialogModule['ShareDialog'] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const show = () => {
    setFailure(null);
    if (!Dialog) {
      load().then(
        (m) => setDialog(() => m.ShareDialog),
        (error: unknown) => {
          setOpen(false);
          setFailure(error instanceof Error ? error.message : String(error));
        },
      );
    }
    setOpen(true);
  };
  const closed = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} type="button" className="primary" onClick={show} aria-haspopup="dialog" data-testid="control-share">
        Share this moment
      </button>
      {failure !== null && (
        // Styled inline: share.css arrives with the dialog's chunk, which is what failed to load.
        <span role="alert" data-testid="share-load-failed" style={{ fontSize: '0.85rem', maxWidth: '28em', lineHeight: 1.3 }}>
          The Share dialog could not load ({failure}). Check the connection and press Share this moment again.
        </span>
      )}
      {open && Dialog && <Dialog onClose={closed} />}
    </>
  );
}
