import type { MachineGraph, MachineInstanceView } from '../../engine/index';
import { INITIAL_STEM, layoutGraph, type LaidOutBox, type LaidOutEdge, type Layout } from './statechart-layout';
import { ANY_STATE } from './statechart-words';

/** Text smaller than this share of its size gets hard to read: scroll instead. */
const MIN_SCALE = 0.72;

/** A graph never changes for a machine (the engine memoises it), so neither does its layout. */
const layouts = new WeakMap<MachineGraph, Layout>();
function layoutFor(graph: MachineGraph): Layout {
  let layout = layouts.get(graph);
  if (!layout) layouts.set(graph, (layout = layoutGraph(graph)));
  return layout;
}

/** The active states and every state that contains one (a nested state's parent is active too). */
function activeSet(active: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const id of active) {
    const parts = id.split('.');
    for (let i = 1; i <= parts.length; i++) set.add(parts.slice(0, i).join('.'));
  }
  return set;
}

function isLastEdge(edge: LaidOutEdge, last: MachineInstanceView['last']): boolean {
  if (!last || !last.to.includes(edge.to)) return false;
  return edge.from === ANY_STATE || last.from.some((f) => f === edge.from || f.startsWith(`${edge.from}.`));
}

/**
 * The machine drawn: states as boxes (the current one with a heavy outline and the word "current", never colour
 * alone), transitions as arrows labelled `event [guard]` (delayed ones dashed), the last one taken drawn heavier.
 * Hidden from screen readers: the panel lists the same states and transitions as text.
 */
export function StatechartDiagram({ view }: { view: MachineInstanceView }) {
  const layout = layoutFor(view.graph);
  const active = activeSet(view.active);
  const markerId = `statechart-arrow-${view.ref.kind}-${view.ref.id}`.replace(/[^\w-]/g, '_');
  const boxes = [...layout.boxes].sort((a, b) => Number(b.container) - Number(a.container));
  const notes = layout.edges.filter((e) => e.note !== null).sort((a, b) => a.note! - b.note!);
  return (
    <>
      <svg
        className="statechart-svg"
        width={layout.width}
        height={layout.height}
        // Fits a narrow column by shrinking to at most MIN_SCALE; below that the panel scrolls sideways instead.
        style={{ width: '100%', maxWidth: layout.width, minWidth: Math.round(layout.width * MIN_SCALE), height: 'auto' }}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        aria-hidden="true"
        focusable="false"
      >
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M0 0L10 5L0 10z" className="statechart-arrowhead" />
          </marker>
          <marker id={`${markerId}-last`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0 0L10 5L0 10z" className="statechart-arrowhead-last" />
          </marker>
        </defs>
        {boxes.filter((b) => b.initial).map((b) => (
          <g key={`init-${b.id}`} className="statechart-initial">
            <circle cx={b.x + b.w / 2} cy={b.y - INITIAL_STEM + 5} r={4.5} />
            <path d={`M${b.x + b.w / 2} ${b.y - INITIAL_STEM + 9}V${b.y}`} markerEnd={`url(#${markerId})`} />
          </g>
        ))}
        {boxes.filter((b) => b.container).map((b) => (
          <StateBox key={b.id} box={b} active={active.has(b.id)} />
        ))}
        {layout.edges.map((e) => {
          const last = isLastEdge(e, view.last);
          return (
            <path
              key={`${e.from}>${e.to}`}
              d={e.path}
              className={`statechart-edge${e.delayed ? ' statechart-edge-delayed' : ''}${last ? ' statechart-edge-last' : ''}`}
              markerEnd={`url(#${markerId}${last ? '-last' : ''})`}
            />
          );
        })}
        {boxes.filter((b) => !b.container).map((b) => (
          <StateBox key={b.id} box={b} active={active.has(b.id)} />
        ))}
        {notes.map((e) => (
          <rect
            key={`badge-${e.from}>${e.to}`}
            className="statechart-note-badge"
            x={e.labelBoxes[0].x}
            y={e.labelBoxes[0].y - 1}
            width={e.labelBoxes[0].w}
            height={e.labelBoxes[0].h + 2}
            rx={6}
          />
        ))}
        {layout.edges.map((e) => (
          <text
            key={`label-${e.from}>${e.to}`}
            className={e.note === null ? 'statechart-label' : 'statechart-label statechart-note-number'}
            x={e.label.x}
            y={e.label.y}
            textAnchor={e.label.anchor}
          >
            {e.lines.map((line, i) => (
              <tspan key={line} x={e.label.x} dy={i === 0 ? 0 : 13}>
                {line}
              </tspan>
            ))}
          </text>
        ))}
      </svg>
      {notes.length > 0 && (
        // The words of the arrows that had no room for them (screen readers get every transition in the text list).
        <ol className="statechart-notes" aria-hidden="true">
          {notes.map((e) => (
            <li key={e.note} value={e.note!}>
              <span className="mono">
                {e.from === ANY_STATE ? 'any state' : e.from} → {e.to}
              </span>
              : {e.labels.join('; ')}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function StateBox({ box, active }: { box: LaidOutBox; active: boolean }) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const kind = box.pseudo ? 'pseudo' : box.container ? 'container' : 'atomic';
  return (
    <g
      className={`statechart-state statechart-state-${kind}${active ? ' statechart-state-active' : ''}`}
      {...(box.pseudo ? {} : { 'data-testid': `statechart-state-${box.id}`, 'data-active': active ? 'true' : 'false' })}
    >
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={box.container ? 10 : 8} />
      {box.final && <rect className="statechart-final-ring" x={box.x + 4} y={box.y + 4} width={box.w - 8} height={box.h - 8} rx={5} />}
      {box.container ? (
        <text className="statechart-state-name" x={box.x + 10} y={box.y + 16}>
          {box.label}
          {active ? ' · current' : ''}
        </text>
      ) : active ? (
        <>
          <text className="statechart-state-name" x={cx} y={cy - 3} textAnchor="middle">
            {box.label}
          </text>
          <text className="statechart-current" x={cx} y={cy + 12} textAnchor="middle">
            ▶ current
          </text>
        </>
      ) : (
        <text className="statechart-state-name" x={cx} y={cy + 4} textAnchor="middle">
          {box.label}
        </text>
      )}
    </g>
  );
}
