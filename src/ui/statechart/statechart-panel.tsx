import { useEffect, useId, useRef } from 'react';
import type { MachineInstanceView, MachineKind, MachineRef } from '../../engine/index';
import { useConsole } from '../session-context';
import { StatechartDiagram } from './statechart-diagram';
import { lastTransitionWords, refKey, stateNotes, transitionSentence } from './statechart-words';
import styles from './statechart.css?inline';

// The styles travel inside this chunk and go in on first load: a separate CSS file would need Vite's preload
// helper in the start-up bundle just for this one panel.
if (!document.getElementById('statechart-styles')) {
  const style = document.createElement('style');
  style.id = 'statechart-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

const KIND_WORDS: Record<MachineKind, string> = {
  node: 'process',
  healthMonitor: 'health monitor',
  shard: 'replication',
  failoverManager: 'failover manager',
  shardPrimary: 'primary election',
  copyJob: 'copy job',
  restore: 'cluster restore',
  cpMember: 'control-plane member',
  transaction: 'transaction',
};

/**
 * The statechart panel (loaded on demand): for each machine open at `place`, the real machine drawn from its
 * own definition, its current state lit, and the last transition with the event that caused it, in words. It
 * reads the view-model, so it follows the run as it steps forward and back.
 */
export function StatechartPanel({ place, reveal = false }: { place: string; reveal?: boolean }) {
  const refs = useConsole((s) => s.machines.open[place]);
  const views = useConsole((s) => s.machines.views);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opened by a click: bring it (with its button, the slot) into view. Only on mount: not as the run moves.
    const slot = root.current?.parentElement;
    if (reveal && slot) bringIntoView(slot);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!refs) return null;
  const shown = refs.map((ref) => ({ ref, view: views[refKey(ref)] ?? null }));
  const missing = shown.filter((m) => m.view === null).map((m) => m.ref);
  return (
    <div className="statechart" data-testid="statechart" data-place={place} ref={root}>
      {shown.map(({ ref, view }) => view && <MachineCard key={refKey(ref)} view={view} />)}
      {missing.length > 0 && <MissingNote refs={missing} />}
    </div>
  );
}

/**
 * On a phone the page scrolls: bring the machines up (clear of the sticky bar, by CSS scroll-margin). On a wide
 * screen only the side column scrolls, and scrolling the page too would shift the whole console.
 */
function bringIntoView(el: HTMLElement) {
  if (window.matchMedia('(max-width: 1100px)').matches) return el.scrollIntoView({ block: 'start' });
  for (let box = el.parentElement; box; box = box.parentElement) {
    if (box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY)) {
      box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
      return;
    }
  }
}

function MissingNote({ refs }: { refs: MachineRef[] }) {
  return (
    <p className="statechart-missing">
      No {refs.map((r) => `${KIND_WORDS[r.kind]} machine for ${r.id}`).join(', ')} in this run yet.
    </p>
  );
}

function MachineCard({ view }: { view: MachineInstanceView }) {
  const titleId = useId();
  const current = view.active.length > 0 ? view.active.join(', ') : 'none';
  return (
    <section className="statechart-machine" aria-labelledby={titleId} data-testid={`statechart-machine-${view.ref.kind}`}>
      <h3 id={titleId} className="statechart-title">
        {view.title}
      </h3>
      <p className="statechart-now">
        Now: <strong data-testid="statechart-current">{current}</strong>
      </p>
      <p className="statechart-last" data-testid="statechart-last">
        {view.last ? <>Last: {lastTransitionWords(view.last)}</> : 'No transition yet: still in its initial state.'}
      </p>
      <div className="statechart-scroll" role="group" tabIndex={0} aria-label={`Diagram of the ${view.graph.machineId} machine; listed as text below`}>
        <StatechartDiagram view={view} />
      </div>
      <details className="statechart-text">
        <summary>States and transitions as text</summary>
        <h4>States</h4>
        <ul>
          {view.graph.states.map((s) => {
            const notes = stateNotes(view.graph, s.id, view.active);
            return (
              <li key={s.id} aria-current={view.active.includes(s.id) ? 'true' : undefined}>
                <span className="mono">{s.id}</span>
                {notes.length > 0 && ` (${notes.join(', ')})`}
              </li>
            );
          })}
        </ul>
        <h4>Transitions, in the order the machine tries them</h4>
        <ul>
          {view.graph.transitions.map((t, i) => (
            <li key={i} className="mono">
              {transitionSentence(t)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
