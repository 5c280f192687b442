import type { ReactNode } from 'react';
import { useConsole } from '../session-context';
import type { ClusterState } from '../../engine/index';
import { figuresFor, type Figure, type FigureGroups } from './figure-model';

/**
 * The run's headline figures: copies first, then timing, then client writes.
 * Each figure carries a stable test id; the value is the element's whole
 * text so tests and screen readers read the same number. Without client
 * writes the write figures fold away behind a note (still in the page, one
 * click or Enter away); an acknowledged-write loss always shows. A leaderless
 * run leads with its divergence figures, and folds the timing figures while
 * nothing has been re-homed.
 */
export function MetricFigures() {
  const groups = useConsole((s) => figureGroupsOf(s.cluster));
  return (
    <div className="metric-figures">
      {/* A leaderless run's story is its divergence: those figures lead. */}
      {groups.divergence.length > 0 && <FigureList figures={groups.divergence} className="metric-group-divergence" />}
      <Folded figures={groups.copies} className="metric-group-copies" note={groups.copiesNote} />
      <Folded figures={groups.timing} className="metric-group-timing" note={groups.timingNote} />
      <Folded figures={groups.writes} className="metric-group-writes" note={groups.writesNote}>
        <p className="metric-writes-how">Set a client write rate in the FailoverManager panel to send some.</p>
      </Folded>
    </div>
  );
}

/** A group shown in full, or folded behind a note (still in the page, one click or Enter away). */
function Folded({ figures, className, note, children }: { figures: readonly Figure[]; className: string; note: string | null; children?: ReactNode }) {
  if (note === null) return <FigureList figures={figures} className={className} />;
  return (
    <details className="metric-writes-folded">
      <summary>{note}</summary>
      <FigureList figures={figures} className={className} />
      {children}
    </details>
  );
}

function FigureList({ figures, className }: { figures: readonly Figure[]; className: string }) {
  return (
    <dl className={`metric-group ${className}`}>
      {figures.map((f) => (
        <div key={f.id} className={`metric-figure${f.tone ? ` tone-${f.tone}` : ''}`} title={f.hint}>
          <dt>{f.label}</dt>
          <dd className="mono" data-testid={`metric-${f.id}`}>
            {f.value}
          </dd>
          {f.caption && <dd className="metric-caption">{f.caption}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** The figures of one published cluster, computed once however often the store asks (see figureGroupsOf). */
const groupsByCluster = new WeakMap<ClusterState, FigureGroups>();
let lastGroups: { signature: string; groups: FigureGroups } | null = null;

/**
 * The cluster object is new on every publish while a rebuild runs (its shard and copy lists are), but the figures
 * often read the same: the groups last returned are given back while every figure's words are unchanged, so the
 * panel re-renders only when something it shows changed.
 */
function figureGroupsOf(cluster: ClusterState): FigureGroups {
  const known = groupsByCluster.get(cluster);
  if (known) return known;
  const groups = figuresFor({ cluster });
  const signature = JSON.stringify(groups);
  const shown = lastGroups !== null && lastGroups.signature === signature ? lastGroups.groups : groups;
  lastGroups = { signature, groups: shown };
  groupsByCluster.set(cluster, shown);
  return shown;
}
