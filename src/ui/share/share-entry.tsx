import { useRef, useState } from 'react';

type DialogModule = typeof import('./share-dialog');

/**
 * "Share this moment" in the header. The dialog (Link and Embed tabs, snippet generators, preview) loads on first
 * use: the console's start-up bundle carries only this button.
 */
export function ShareEntry() {
  const [open, setOpen] = useState(false);
  const [Dialog, setDialog] = useState<DialogModule['ShareDialog'] | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const show = () => {
    if (!Dialog) void import('./share-dialog').then((m) => setDialog(() => m.ShareDialog));
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
      {open && Dialog && <Dialog onClose={closed} />}
    </>
  );
}
