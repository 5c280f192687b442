import { useEffect, useState } from 'react';
import { MetricsPanel } from '../metrics/metrics-panel';
import { useConsole } from '../session-context';
import { phaseWords } from './restore-words';
import './metrics-area.css';

type PanelModule = typeof import('./restore-panel');

/** The restore panel loads on first use, so the console starts without it (the start-up budget). */
let panelModule: Promise<PanelModule> | null = null;
const loadPanel = () => (panelModule ??= import('./restore-panel'));

type Tab = 'metrics' | 'restore';

/**
 * The Metrics area. Once a backup exists it gains a second tab, "Backups & restore", beside Metrics: the place a
 * learner looks after a cluster outage. A restore that starts brings its tab forward once; the tab's label carries
 * the restore's phase in words while it runs. Without backups the area is the Metrics panel alone, as before.
 */
export function MetricsArea() {
  const hasBackups = useConsole((s) => s.restore !== null);
  const startedAt = useConsole((s) => s.restore?.restore?.startedAtMs ?? null);
  const running = useConsole((s) => {
    const r = s.restore?.restore;
    return r && r.phase !== 'finished' ? phaseWords(r.phase).short : null;
  });
  const [tab, setTab] = useState<Tab>('metrics');
  // A restore that starts (a new start time) brings its tab forward once; the learner may switch back.
  const [seenStart, setSeenStart] = useState<number | null>(startedAt);
  if (startedAt !== seenStart) {
    setSeenStart(startedAt);
    if (startedAt !== null) setTab('restore');
  }
  if (!hasBackups) return <MetricsPanel />;
  const shown: Tab = tab;
  const select = (next: Tab) => setTab(next);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = shown === 'metrics' ? 'restore' : 'metrics';
      setTab(next);
      document.getElementById(`metrics-tab-${next}`)?.focus();
    }
  };
  return (
    <div className="metrics-area-tabs">
      <div className="metrics-tablist" role="tablist" aria-label="Metrics or backups and restore" onKeyDown={onKey}>
        <button
          type="button"
          role="tab"
          id="metrics-tab-metrics"
          aria-selected={shown === 'metrics'}
          aria-controls="metrics-tabpanel"
          tabIndex={shown === 'metrics' ? 0 : -1}
          data-testid="metrics-tab"
          onClick={() => select('metrics')}
        >
          Metrics
        </button>
        <button
          type="button"
          role="tab"
          id="metrics-tab-restore"
          aria-selected={shown === 'restore'}
          aria-controls="metrics-tabpanel"
          tabIndex={shown === 'restore' ? 0 : -1}
          data-testid="restore-tab"
          onClick={() => select('restore')}
        >
          Backups &amp; restore{running ? ` · ${running}` : ''}
        </button>
      </div>
      <div className="metrics-tabpanel" id="metrics-tabpanel" role="tabpanel" aria-labelledby={`metrics-tab-${shown}`}>
        {shown === 'metrics' ? <MetricsPanel /> : <LazyRestorePanel />}
      </div>
    </div>
  );
}

function LazyRestorePanel() {
  const [Panel, setPanel] = useState<PanelModule['RestorePanel'] | null>(null);
  useEffect(() => {
    let live = true;
    void loadPanel().then((m) => live && setPanel(() => m.RestorePanel));
    return () => {
      live = false;
    };
  }, []);
  return Panel ? <Panel /> : <p className="inspector-muted">Loading the restore panel…</p>;
}
