import { useEffect, useRef } from 'react';
import { useSession } from '../session-context';
import { ClusterLegend } from './legend';
import { ClusterRenderer } from './render';
import './cluster-view.css';

/**
 * The cluster map. React renders the panel once; D3 owns the SVG inside the
 * host div and repaints from the store (every PUBLISH_EVERY_MS while
 * playing, at once when paused), with no React re-render. Heartbeat pulses
 * run their own animation loop, so motion stays smooth between repaints.
 */
export function ClusterView() {
  const session = useSession();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const renderer = new ClusterRenderer(host, {
      select: (selection) => session.select(selection),
      dispatch: (command) => {
        session.dispatch(command);
      },
    });
    renderer.resize(host.clientWidth, host.clientHeight);
    renderer.update(session.store.getState());
    const unsubscribe = session.store.subscribe((state) => renderer.update(state));
    const observer = new ResizeObserver(() => renderer.resize(host.clientWidth, host.clientHeight));
    observer.observe(host);
    return () => {
      observer.disconnect();
      unsubscribe();
      renderer.destroy();
    };
  }, [session]);

  return (
    <section className="panel cv-panel" aria-labelledby="cluster-title">
      <div className="cv-header">
        <h2 id="cluster-title">Cluster</h2>
        <ClusterLegend />
      </div>
      <div className="cv-host" ref={hostRef} data-testid="cluster-map" />
    </section>
  );
}
