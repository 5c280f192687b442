import { useEffect, useRef, useSyncExternalStore, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { EmbedPanel } from '../embed/embed-options';
import { ClusterView } from '../ui/cluster-view/cluster-view';
import { EventLog } from '../ui/event-log/event-log';
import { FailoverPanel } from '../ui/failover/failover-panel';
import { Inspector } from '../ui/inspector/inspector';
import { useKeyboardShortcuts } from '../ui/keyboard';
import { PlacementView } from '../ui/placement/placement-view';
import { PlaybackBar } from '../ui/playback-bar';
import { MetricsArea } from '../ui/restore/metrics-area';
import { useConsole } from '../ui/session-context';
import { EmbedPlaybackBar } from './embed-playback-bar';
import type { EmbedViewStore } from './embed-view-store';
import { OpenFullLink } from './open-full-link';
import { EmbedProblems } from './problems-banner';
import { useFitCluster } from './use-fit-cluster';
import './embed.css';

/** Below this width only the cluster and the playback bar show (with the link to the full console). */
const TINY_QUERY = '(max-width: 399px)';
const TINY_PANELS: readonly EmbedPanel[] = ['cluster', 'playback'];

const PANELS: Record<Exclude<EmbedPanel, 'playback'>, () => ReactNode> = {
  cluster: () => <ClusterView />,
  placement: () => <PlacementView />,
  metrics: () => <MetricsArea />,
  log: () => <EventLog />,
  inspector: () => <Inspector />,
  manager: () => <FailoverPanel />,
};

/**
 * The embed page's layout: only the chosen panels, in the given order, no header; the playback bar of `controls=`;
 * problems in one banner; a link to the full console. The view store (URL, then the host over the protocol) decides
 * what shows, so `setPanels`/`setControls` take effect at once. Fits its box without scrolling from 640 px wide;
 * narrower, the panels stack; below 400 px only the cluster and the playback bar remain.
 */
export function EmbedApp({ view, problems, search }: { view: EmbedViewStore; problems: readonly string[]; search: string }) {
  const panels = useStore(view, (s) => s.panels);
  const controls = useStore(view, (s) => s.controls);
  const interactive = useStore(view, (s) => s.interactive);
  const title = useConsole((s) => s.scenario.title);
  const label = useStore(view, (s) => s.label) ?? `Failover Lab: ${title}`;
  const tiny = useMedia(TINY_QUERY);
  useEffect(() => {
    document.title = label;
  }, [label]);

  const shown = tiny ? TINY_PANELS : panels;
  const content = shown.filter((p): p is Exclude<EmbedPanel, 'playback'> => p !== 'playback');
  const hasBar = shown.includes('playback') && controls !== 'none';
  // The bar sits where it is listed: above the panels when named before the first of them, else below.
  const barOnTop = hasBar && content.length > 0 && shown.indexOf('playback') < shown.indexOf(content[0]);
  const faultsOff = controls !== 'full' || !interactive;
  const link = <OpenFullLink search={search} />;
  const bar = !hasBar ? null : controls === 'full' ? (
    <div className="embed-full-bar">
      <PlaybackBar />
      {link}
    </div>
  ) : (
    <EmbedPlaybackBar>{link}</EmbedPlaybackBar>
  );

  return (
    <div
      className={`embed-root${faultsOff ? ' embed-faults-off' : ''}${tiny ? ' embed-tiny' : ''}`}
      role="region"
      aria-label={label}
      data-testid="embed-root"
      data-panels={shown.join(' ')}
      data-controls={controls}
    >
      {controls !== 'none' && <Shortcuts />}
      <EmbedProblems problems={problems} />
      {barOnTop && bar}
      <div className={`embed-panels embed-panels--${Math.min(content.length, 3)}`} style={{ '--embed-side-rows': Math.max(1, content.length - 1) } as CSSProperties}>
        {content.map((panel) => (
          <PanelArea key={panel} panel={panel} faultsOff={faultsOff} interactive={interactive} canInspect={content.includes('inspector')} />
        ))}
      </div>
      {!barOnTop && bar}
      {!hasBar && <footer className="embed-footer">{link}</footer>}
    </div>
  );
}

/** Space, arrows, +/− and Home, as in the console (only while focus is inside the embed's frame). */
function Shortcuts() {
  useKeyboardShortcuts();
  return null;
}

function PanelArea({ panel, faultsOff, interactive, canInspect }: { panel: Exclude<EmbedPanel, 'playback'>; faultsOff: boolean; interactive: boolean; canInspect: boolean }) {
  const area = useRef<HTMLDivElement>(null);
  const isCluster = panel === 'cluster';
  useFitCluster(isCluster ? area : NO_AREA);
  useMapGuard(isCluster ? area : null, { faultsOff, selectNodes: interactive || canInspect });
  return (
    <div ref={area} className={`embed-area embed-area-${panel}`} data-panel={panel}>
      {PANELS[panel]()}
    </div>
  );
}

const NO_AREA: RefObject<HTMLDivElement | null> = { current: null };

/**
 * What a click or Enter on the map may do in this embed. The map's own handlers would cut a link on a click (a fault)
 * and open the control plane's journal (a view the embed does not have): stopped here, in the capture phase, before
 * they run. Nodes still select when there is an inspector to show them in (or the embed is interactive).
 */
function useMapGuard(area: RefObject<HTMLDivElement | null> | null, rules: { faultsOff: boolean; selectNodes: boolean }) {
  const { faultsOff, selectNodes } = rules;
  useEffect(() => {
    const root = area?.current;
    if (!root) return;
    const guard = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      const blocked =
        target.closest('[data-cp-member]') !== null ||
        (faultsOff && target.closest('[data-a][data-b]') !== null) ||
        (!selectNodes && target.closest('[data-node-id]') !== null);
      if (!blocked) return;
      event.stopPropagation();
      event.preventDefault();
    };
    root.addEventListener('click', guard, true);
    root.addEventListener('keydown', guard, true);
    return () => {
      root.removeEventListener('click', guard, true);
      root.removeEventListener('keydown', guard, true);
    };
  }, [area, faultsOff, selectNodes]);
}

function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    () => window.matchMedia(query).matches,
  );
}
