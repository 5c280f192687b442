import { memo, useRef, type KeyboardEvent } from 'react';
import type { ShardState, ShardView } from '../../engine/index';
import { useConsole, useSession } from '../session-context';
import { STATE_GLYPH, STATE_WORD } from './placement-summary';

/** Above this many shards the grid would be a wall of dots; the view lists only shards needing attention. */
export const MAX_GRID_CELLS = 2000;

/**
 * Every shard as a small square: colour and glyph give its state; the selected
 * shard is outlined and, with a node selected, the shards it holds are marked.
 * One cell is in the tab order; arrow keys move between cells (roving focus).
 */
export function ShardGrid() {
  const session = useSession();
  // The shard list is rebuilt every frame; re-render only when a state or a placement really changed.
  useConsole((s) => gridSignature(s.cluster.shards));
  const shards = session.store.getState().cluster.shards;
  const selection = useConsole((s) => s.selection);
  const gridRef = useRef<HTMLDivElement>(null);
  const selectedShard = selection?.kind === 'shard' ? selection.id : null;
  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  const focusId = selectedShard ?? shards[0]?.id;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grid = gridRef.current;
    const cells = grid ? Array.from(grid.querySelectorAll<HTMLButtonElement>('button.shard-cell')) : [];
    const index = cells.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const columns = cells.filter((c) => c.offsetTop === cells[0].offsetTop).length || 1;
    const next = nextIndex(e.key, index, columns, cells.length);
    if (next === null) return;
    e.preventDefault();
    // Stop the console's global arrow-key shortcuts (step/seek) while moving in the grid.
    e.stopPropagation();
    cells[next].focus();
  };

  return (
    <div className="shard-grid" role="group" aria-label="Shards (arrow keys move, Enter selects)" ref={gridRef} onKeyDown={onKeyDown}>
      {shards.map((shard) => (
        <ShardCell
          key={shard.id}
          id={shard.id}
          state={shard.state}
          replicas={shard.replicas.join(' ')}
          selected={shard.id === selectedShard}
          onSelectedNode={selectedNode !== null && shard.replicas.includes(selectedNode)}
          tabbable={shard.id === focusId}
          onSelect={(id) => session.select({ kind: 'shard', id })}
        />
      ))}
    </div>
  );
}

/** One string that changes exactly when some shard's state or replica list does. */
export function gridSignature(shards: readonly ShardView[]): string {
  let signature = '';
  for (const shard of shards) signature += `${shard.state[0]}${shard.replicas.join(',')};`;
  return signature;
}

function nextIndex(key: string, index: number, columns: number, count: number): number | null {
  const move: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (!(key in move)) return null;
  const next = index + move[key];
  return next >= 0 && next < count ? next : index;
}

interface CellProps {
  id: string;
  state: ShardState;
  replicas: string;
  selected: boolean;
  onSelectedNode: boolean;
  tabbable: boolean;
  onSelect: (id: string) => void;
}

/** Memoized on plain values, so a frame re-renders only the cells whose shard changed. */
const ShardCell = memo(function ShardCell({ id, state, replicas, selected, onSelectedNode, tabbable, onSelect }: CellProps) {
  const classes = ['shard-cell', `shard-${state}`, selected ? 'is-selected' : '', onSelectedNode ? 'on-node' : ''].filter(Boolean);
  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-testid={`shard-${id}`}
      data-state={state}
      tabIndex={tabbable ? 0 : -1}
      aria-pressed={selected}
      aria-label={`${id}: ${STATE_WORD[state]}, on ${replicas || 'no node'}`}
      title={`${id} · ${STATE_WORD[state]} · ${replicas || 'no replicas'}`}
      onClick={() => onSelect(id)}
    >
      <span aria-hidden="true">{STATE_GLYPH[state]}</span>
    </button>
  );
}, sameCell);

function sameCell(a: CellProps, b: CellProps): boolean {
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.replicas === b.replicas &&
    a.selected === b.selected &&
    a.onSelectedNode === b.onSelectedNode &&
    a.tabbable === b.tabbable
  );
}
