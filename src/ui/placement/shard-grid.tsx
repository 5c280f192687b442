import { memo, useRef, type KeyboardEvent } from 'react';
import type { QuorumState, ShardState, ShardView } from '../../engine/index';
import { useConsole, useSession } from '../session-context';
import { gridStateOf, STATE_GLYPH, STATE_WORD } from './placement-summary';
import { QUORUM_GLYPH } from './quorum-summary';
import { useQuorumLegend } from './use-quorum-words';
import { RECOVERY_GLYPH, RECOVERY_WORD, recoveryByNode, recoverySignature, shardRecoveryState, type RecoveryGridState } from './recovery-summary';
import { outlinedShards } from '../what-if';
import { DIVERGENT_GLYPH, divergenceOf, divergenceSignature, divergenceWords } from './divergence-summary';

/** What the cells' colour and glyph show: replica health, or whether the shard takes writes. */
export type GridOverlay = 'replicas' | 'writes' | 'recovery';

/** Above this many shards the grid would be a wall of dots; the view lists only shards needing attention. */
export const MAX_GRID_CELLS = 2000;

/**
 * Every shard as a small square: colour and glyph give its state; the selected
 * shard is outlined and, with a node selected, the shards it holds are marked.
 * One cell is in the tab order; arrow keys move between cells (roving focus).
 */
export function ShardGrid({ overlay }: { overlay: GridOverlay }) {
  const session = useSession();
  // The shard list is rebuilt every frame; re-render only when a state or a placement really changed.
  useConsole((s) => gridSignatureOf(s.cluster.shards));
  // Nodes replaying, catching up or finding corruption change the recovery overlay without changing a shard's state.
  useConsole((s) => recoverySignature(s.cluster.nodes) + shardRecoverySignatureOf(s.cluster.shards));
  const shards = session.store.getState().cluster.shards;
  const byNode = recoveryByNode(session.store.getState().cluster.nodes);
  const rf = useConsole((s) => s.cluster.replicationFactor);
  const selection = useConsole((s) => s.selection);
  const whatIf = useConsole((s) => s.whatIf);
  const clientsWrite = useConsole((s) => s.cluster.workload.writesPerSec > 0);
  const hits = outlinedShards(whatIf, clientsWrite);
  const quorumWords = useQuorumLegend().words;
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
          lastCopy={gridStateOf(shard, rf) === 'lastCopy'}
          liveCopies={shard.liveCopies}
          quorum={shard.quorum}
          quorumWord={quorumWords[shard.quorum]}
          recovery={shardRecoveryState(shard, byNode)}
          divergent={divergenceOf(shard)?.divergentReplicas.join(' ') ?? ''}
          divergentWords={divergenceWords(divergenceOf(shard))}
          overlay={overlay}
          hit={hits.get(shard.id) ?? ''}
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

/**
 * The signatures of one shard list, each computed once: a store change runs every selector at least twice (the
 * subscription's check, then the render), and a walk over every shard is the grid's costliest part of a publish.
 */
const gridSignatures = new WeakMap<readonly ShardView[], string>();
const recoverySignatures = new WeakMap<readonly ShardView[], string>();

function gridSignatureOf(shards: readonly ShardView[]): string {
  let signature = gridSignatures.get(shards);
  if (signature === undefined) gridSignatures.set(shards, (signature = gridSignature(shards)));
  return signature;
}

function shardRecoverySignatureOf(shards: readonly ShardView[]): string {
  let signature = recoverySignatures.get(shards);
  if (signature === undefined) recoverySignatures.set(shards, (signature = rolesSignature(shards) + divergenceSignature(shards)));
  return signature;
}

/** One string that changes exactly when some shard's state, running copies or replica list does. */
export function gridSignature(shards: readonly ShardView[]): string {
  let signature = '';
  for (const shard of shards)
    signature += `${shard.state[0]}${shard.liveCopies}${shard.quorum[0]}${shard.quorum[3] ?? ''}${shard.replicas.join(',')};`;
  return signature;
}

/** Replicas catching up or known corrupt, per shard: the recovery overlay's part of the shards' state. */
function rolesSignature(shards: readonly ShardView[]): string {
  let signature = '';
  for (const shard of shards) {
    if (shard.inconsistent || shard.corruptKnown.length > 0) signature += `${shard.id}${shard.inconsistent ? 'I' : ''}${shard.corruptKnown.join(',')};`;
    for (const r of shard.replicaRoles) if (r.role === 'catchingUp' || r.corrupt === 'known') signature += `${shard.id}${r.node}${r.role[0]};`;
  }
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
  /** At most one of its copies is on a running node: drawn as its own state. */
  lastCopy: boolean;
  liveCopies: number;
  quorum: QuorumState;
  /** Its write state in words (leaderless: by the write consistency level). */
  quorumWord: string;
  /** A replica replaying its log, catching up or known corrupt (the recovery overlay). */
  recovery: RecoveryGridState;
  /** Replicas holding stale keys (leaderless; truth), space-separated, and the same in words; '' when none. */
  divergent: string;
  divergentWords: string;
  overlay: GridOverlay;
  /** What the fault being previewed would do to this shard, in words ('' when nothing): it is outlined. */
  hit: string;
  replicas: string;
  selected: boolean;
  onSelectedNode: boolean;
  tabbable: boolean;
  onSelect: (id: string) => void;
}

/** Memoized on plain values, so a frame re-renders only the cells whose shard changed. */
const ShardCell = memo(function ShardCell(props: CellProps) {
  const { id, state, lastCopy, liveCopies, quorum, quorumWord, recovery, divergent, divergentWords, overlay, hit, replicas, selected, onSelectedNode, tabbable, onSelect } = props;
  // The recovery overlay marks a shard whose replicas disagree (≠) when nothing more urgent is under way on it.
  const showDivergent = overlay === 'recovery' && recovery === 'none' && divergent !== '';
  const look =
    overlay === 'writes' ? `quorum-${quorum}` : showDivergent ? 'recovery-divergent' : overlay === 'recovery' ? `recovery-${recovery}` : lastCopy ? 'shard-lastCopy' : `shard-${state}`;
  const classes = ['shard-cell', look, selected ? 'is-selected' : '', onSelectedNode ? 'on-node' : '', hit ? 'is-hit' : ''].filter(Boolean);
  const copyWords = !lastCopy
    ? STATE_WORD[state]
    : `${STATE_WORD[state]}, ${liveCopies === 0 ? 'no copy on a running node' : 'last copy: only 1 copy on a running node'}`;
  const recoveryWords = recovery === 'none' ? '' : `, ${RECOVERY_WORD[recovery]}`;
  const staleWords = divergentWords ? `, ${divergentWords}` : '';
  const words = `${copyWords}, ${quorumWord}${recoveryWords}${staleWords}${hit ? `, ${hit}` : ''}`;
  // The digit is the number of running copies, so a shard with none left reads 0, not 1.
  const glyph =
    overlay === 'writes'
      ? QUORUM_GLYPH[quorum]
      : showDivergent
        ? DIVERGENT_GLYPH
        : overlay === 'recovery'
          ? RECOVERY_GLYPH[recovery]
          : lastCopy
            ? String(liveCopies)
            : STATE_GLYPH[state];
  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-testid={`shard-${id}`}
      data-state={state}
      data-last-copy={lastCopy || undefined}
      data-quorum={quorum}
      data-recovery={recovery === 'none' ? undefined : recovery}
      data-divergent={divergent || undefined}
      data-hit={hit !== '' || undefined}
      tabIndex={tabbable ? 0 : -1}
      aria-pressed={selected}
      aria-label={`${id}: ${words}, on ${replicas || 'no node'}`}
      title={`${id} · ${words} · ${replicas || 'no replicas'}`}
      onClick={() => onSelect(id)}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}, sameCell);

function sameCell(a: CellProps, b: CellProps): boolean {
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.lastCopy === b.lastCopy &&
    a.liveCopies === b.liveCopies &&
    a.quorum === b.quorum &&
    a.quorumWord === b.quorumWord &&
    a.recovery === b.recovery &&
    a.divergent === b.divergent &&
    a.divergentWords === b.divergentWords &&
    a.overlay === b.overlay &&
    a.hit === b.hit &&
    a.replicas === b.replicas &&
    a.selected === b.selected &&
    a.onSelectedNode === b.onSelectedNode &&
    a.tabbable === b.tabbable
  );
}
