import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { useConsole, useSession } from '../session-context';
import { EmbedTab } from './embed-tab';
import { LinkTab } from './link-tab';
import type { SharedMoment } from './shared-moment';
import './share.css';

const TABS = [
  { id: 'link', name: 'Link' },
  { id: 'embed', name: 'Embed' },
] as const;
type TabId = (typeof TABS)[number]['id'];


/**
 * The Share dialog: a modal `<dialog>` (focus stays inside, Escape closes) with a Link tab — the console URL of this
 * moment, as the Share button always gave — and an Embed tab for docs authors (§3.7). Opening it puts the link in
 * the address bar, as before.
 */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const scenarioTitle = useConsole((s) => s.scenario.title);
  const dialog = useRef<HTMLDialogElement>(null);
  const tabs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  const [tab, setTab] = useState<TabId>('link');
  // The Embed tab (and its preview, a second engine) starts only when first chosen, then keeps its choices.
  const [embedSeen, setEmbedSeen] = useState(false);
  const [moment, setMoment] = useState<SharedMoment | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    tabs.current.link?.focus();
    // No close() on cleanup: its close event would call onClose (StrictMode runs this effect twice). Unmounting
    // removes the dialog, and with it the modal state.
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const problem = await session.shareProblem();
      const query = await session.shareQuery();
      if (!live) return;
      if (!problem) history.replaceState(null, '', `?${query}`);
      setMoment({ query, problem, appBase: new URL(import.meta.env.BASE_URL, location.origin).href });
    })();
    return () => {
      live = false;
    };
  }, [session]);

  const choose = (id: TabId, focus = false) => {
    setTab(id);
    if (id === 'embed') setEmbedSeen(true);
    if (focus) tabs.current[id]?.focus();
  };
  // The tablist's keys (WAI-ARIA tabs, automatic activation): arrows wrap, Home and End jump.
  const moveTab = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const next: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (!(event.key in next)) return;
    event.preventDefault();
    choose(TABS[(next[event.key] + TABS.length) % TABS.length].id, true);
  };
  // Keys typed in the dialog are the dialog's: the console's shortcuts (Space plays, arrows step) stay out.
  const keepKeys = (event: KeyboardEvent) => event.stopPropagation();
  // A click on the backdrop lands on the <dialog> itself (its content fills it).
  const backdropClick = (event: MouseEvent) => {
    if (event.target === event.currentTarget) dialog.current?.close();
  };

  // In <body>, not in the header's DOM: the header's layout rules (`.run-inputs label`…) stay out of the dialog.
  return createPortal(
    <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title" onClose={onClose} onKeyDown={keepKeys} onClick={backdropClick} data-testid="share-dialog">
      <div className="share-content">
        <div className="share-head">
          <h2 id="share-title">Share this moment</h2>
          <button type="button" className="share-close" onClick={() => dialog.current?.close()} aria-label="Close">
            ✕
          </button>
        </div>
        <div role="tablist" aria-label="Share as" className="share-tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`share-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`share-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => choose(t.id)}
              onKeyDown={moveTab}
              data-testid={`share-tab-${t.id}`}
            >
              {t.name}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="share-panel-link" aria-labelledby="share-tab-link" hidden={tab !== 'link'}>
          <LinkTab moment={moment} />
        </div>
        <div role="tabpanel" id="share-panel-embed" aria-labelledby="share-tab-embed" hidden={tab !== 'embed'}>
          {embedSeen && <EmbedTab moment={moment} scenarioTitle={scenarioTitle} />}
        </div>
      </div>
    </dialog>,
    document.body,
  );
}
