import { useEffect, useRef } from 'react';
import { useConsole, useSession } from '../session-context';
import { setJournalOpen } from '../control-plane/journal-area';
import { ClusterSearch } from './cluster-search';
import { clusterViewKind, type ClusterViewKind } from './layout';
import { ClusterLegend } from './legend';
import { ClusterRenderer, type ClusterActions, type ClusterMapRenderer } from './render';
import './cluster-view.css';

const loadScaleRenderer = () => import('./scale/scale-renderer');

/**
 * The cluster map. React renders the panel once; D3 owns the SVG inside the
 * host div and repaints from the store (every PUBLISH_EVERY_MS while
 * playing, at once when paused), with no React re-render. Heartbeat pulses
 * run their own animation loop, so motion stays smooth between repaints.
 *
 * Semantic zoom: a classroom cluster gets the detailed map (every node, link
 * and copy); past DETAIL_VIEW_MAX_NODES the aggregate map (one tile per rack,
 * flows between racks, a rack's nodes on demand). Find node works in both.
 */
export function ClusterView() {
  const session = useSession();
  const hostRef = useRef<HTMLDivElement>(null);
  // Re-renders only when the kind changes (a scenario of another size is loaded), not per frame.
  const kind: ClusterViewKind = useConsole((state) => clusterViewKind(state.cluster.nodes.length));

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const actions: ClusterActions = {
      select: (selection) => session.select(selection),
      dispatch: (command) => {
        session.dispatch(command);
      },
      openJournal: () => setJournalOpen(session, true),
    };
    let renderer: ClusterMapRenderer | null = null;
    let unsubscribe = (): void => undefined;
    let observer: ResizeObserver | null = null;
    let live = true;
    const start = (made: ClusterMapRenderer) => {
      renderer = made;
      made.resize(host.clientWidth, host.clientHeight);
      made.update(session.store.getState());
      unsubscribe = session.store.subscribe((state) => made.update(state));
      observer = new ResizeObserver(() => made.resize(host.clientWidth, host.clientHeight));
      observer.observe(host);
    };
    // The aggregate map is only for clusters past DETAIL_VIEW_MAX_NODES: loaded when one is shown, not at start-up.
    // Until it arrives the panel says so; if it cannot load (offline, a stale chunk after a deploy) it says that and
    // offers a retry, instead of an empty panel and an unhandled rejection.
    let notice: HTMLElement | null = null;
    const loadAggregate = () => {
      notice?.remove();
      notice = loadingNotice(host);
      loadScaleRenderer().then(
        ({ ScaleRenderer }) => {
          notice?.remove();
          if (live) start(new ScaleRenderer(host, actions));
        },
        (error: unknown) => {
          notice?.remove();
          if (live) notice = failedNotice(host, error, loadAggregate);
        },
      );
    };
    if (kind === 'aggregate') loadAggregate();
    else start(new ClusterRenderer(host, actions));
    return () => {
      live = false;
      notice?.remove();
      observer?.disconnect();
      unsubscribe();
      renderer?.destroy();
    };
  }, [session, kind]);

  return (
    <section className="panel cv-panel" aria-labelledby="cluster-title">
      <div className="cv-header">
        <h2 id="cluster-title">Cluster</h2>
        <ClusterSearch />
        <ClusterLegend />
      </div>
      <div className={`cv-host cv-host--${kind}`} ref={hostRef} data-testid="cluster-map" data-view={kind} />
    </section>
  );
}

/** What the map panel shows while the aggregate map's code loads. */
function loadingNotice(host: HTMLElement): HTMLElement {
  const p = document.createElement('p');
  p.className = 'cv-notice';
  p.setAttribute('role', 'status');
  p.textContent = 'Loading the rack map…';
  host.append(p);
  return p;
}

/** The aggregate map's code did not load: say so, name the error, and offer to try again. */
function failedNotice(host: HTMLElement, error: unknown, retry: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cv-notice';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'cluster-map-load-failed';
  const text = document.createElement('p');
  text.textContent = `The rack map could not load (${error instanceof Error ? error.message : String(error)}). The run goes on; only the drawing is missing.`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Try again';
  button.addEventListener('click', retry);
  box.append(text, button);
  host.append(box);
  return box;
}
