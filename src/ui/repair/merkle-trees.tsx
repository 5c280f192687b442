import type { MerkleTreeView } from '../../engine/index';
import { layoutTrees, nodeKey, rangeLabel, type MerkleLayout, type RowRange } from './merkle-layout';
import { listLeaves } from './repair-words';

/** Geometry (SVG units; the drawing scales down on a narrow screen, never up). */
const COL = 37;
const BOX_W = 33;
const BOX_H = 14;
const ROW = 17;
const HEAD = 30;
/** Levels drawn (root = 0): 63 nodes a tree at most; deeper differing paths are told in words under the trees. */
export const MAX_DRAWN_LEVEL = 5;
/** The middle column fits its longest key-range label ("16384–16895"). */
const midWidth = (labels: readonly string[]) => Math.max(38, 8 + 6 * Math.max(0, ...labels.map((l) => l.length)));

type Side = 'left' | 'right';

/**
 * Two replicas' Merkle trees side by side, mirrored: roots at the outer edges, leaves meeting in the middle column,
 * which names each row's key range. Every node shows the first 4 hex digits of its hash; a node whose hash differs
 * from the other replica's is marked `≠` (and "differs" for screen readers and on hover), not by colour alone. The
 * level the session is comparing is lit in both trees.
 */
export function MerkleTrees({ trees, depth, litLevel }: { trees: readonly [MerkleTreeView, MerkleTreeView]; depth: number; litLevel: number | null }) {
  const [left, right] = trees.map((t) => ({ ...t, levels: t.levels.slice(0, MAX_DRAWN_LEVEL + 1) }));
  const layout = layoutTrees([left, right], depth);
  const labels = layout.rows.map(shortRange);
  const MID = midWidth(labels.map((l, i) => (layout.rows[i].differs ? `≠ ${l}` : l)));
  const columns = layout.maxLevel + 1;
  const width = 2 * columns * COL + MID;
  const height = HEAD + Math.max(1, layout.rows.length) * ROW + 2;
  const midX = columns * COL;
  const colX = (side: Side, level: number) => (side === 'left' ? level * COL : midX + MID + (layout.maxLevel - level) * COL);
  const deepLeaves = depth > MAX_DRAWN_LEVEL ? differingLeavesBelow(trees[0], depth) : [];
  return (
    <div className="merkle-trees">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="merkle-svg"
        role="img"
        aria-label={`Merkle trees of ${left.replica} (left) and ${right.replica} (right), ${columns} levels drawn`}
      >
        <text className="merkle-replica" x={0} y={11}>
          {left.replica} · root {left.root.slice(0, 8)}
        </text>
        <text className="merkle-replica" x={width} y={11} textAnchor="end">
          {right.replica} · root {right.root.slice(0, 8)}
        </text>
        <text className="merkle-colhead" x={midX + MID / 2} y={25} textAnchor="middle">
          leaf
        </text>
        {(['left', 'right'] as const).map((side) => (
          <TreeSide key={side} side={side} tree={side === 'left' ? left : right} layout={layout} colX={colX} height={height} litLevel={litLevel} />
        ))}
        {layout.rows.map((range) => (
          <MiddleLabel key={range.row} range={range} x={midX + MID / 2} />
        ))}
      </svg>
      {depth > MAX_DRAWN_LEVEL && (
        <p className="merkle-deep" data-testid="merkle-deep">
          Levels {MAX_DRAWN_LEVEL + 1}–{depth} are not drawn (a tree of {(2 ** depth).toLocaleString('en-US')} leaves).{' '}
          {deepLeaves.length === 0
            ? 'No leaf differs.'
            : `The differing ${deepLeaves.length === 1 ? 'path ends at leaf' : 'paths end at leaves'} ${listLeaves(deepLeaves.map((l) => l.toLocaleString('en-US')))}.`}
        </p>
      )}
      <p className="visually-hidden">{differingWords(layout)}</p>
    </div>
  );
}

const rowY = (row: number) => HEAD + row * ROW + ROW / 2;

function TreeSide(props: {
  side: Side;
  tree: MerkleTreeView;
  layout: MerkleLayout;
  colX: (side: Side, level: number) => number;
  height: number;
  litLevel: number | null;
}) {
  const { side, tree, layout, colX, height, litLevel } = props;
  const boxLeft = (level: number) => colX(side, level) + (COL - BOX_W) / 2;
  // The edge leaves a parent on the side facing the leaves and enters the child on the side facing the root.
  const inner = (level: number) => (side === 'left' ? boxLeft(level) + BOX_W : boxLeft(level));
  const outer = (level: number) => (side === 'left' ? boxLeft(level) : boxLeft(level) + BOX_W);
  const levels = Array.from({ length: layout.maxLevel + 1 }, (_, level) => level);
  return (
    <g className={`merkle-side merkle-${side}`} data-replica={tree.replica}>
      {levels.map((level) => {
        const lit = level === litLevel;
        return (
          <g key={level} data-testid={`merkle-level-${tree.replica}-${level}`} data-lit={lit} className={lit ? 'merkle-level is-lit' : 'merkle-level'}>
            <rect x={colX(side, level) + 0.5} y={15} width={COL - 1} height={height - 15} rx={3} className="merkle-band" />
            <text className="merkle-colhead" x={colX(side, level) + COL / 2} y={25} textAnchor="middle">
              {lit ? '▸' : ''}
              {level === 0 ? 'root' : `L${level}`}
            </text>
          </g>
        );
      })}
      {tree.levels.flat().map((node) => {
        if (node.level === 0) return null;
        const parentRow = layout.rowOf.get(nodeKey(node.level - 1, Math.floor(node.index / 2)));
        const row = layout.rowOf.get(nodeKey(node.level, node.index));
        if (parentRow === undefined || row === undefined) return null;
        return (
          <line
            key={`e${node.level}:${node.index}`}
            className={node.differs ? 'merkle-edge is-diff' : 'merkle-edge'}
            x1={inner(node.level - 1)}
            y1={rowY(parentRow)}
            x2={outer(node.level)}
            y2={rowY(row)}
          />
        );
      })}
      {tree.levels.flat().map((node) => {
        const row = layout.rowOf.get(nodeKey(node.level, node.index));
        if (row === undefined) return null;
        const x = boxLeft(node.level);
        const y = rowY(row);
        return (
          <g
            key={`n${node.level}:${node.index}`}
            className={node.differs ? 'merkle-node is-diff' : 'merkle-node'}
            data-testid={`merkle-node-${tree.replica}-${node.level}-${node.index}`}
            data-differs={node.differs}
          >
            {node.differs && <title>differs</title>}
            <rect x={x} y={y - BOX_H / 2} width={BOX_W} height={BOX_H} rx={3} />
            {node.differs && (
              <text className="merkle-ne" x={x + 2} y={y} dy="0.35em" aria-hidden="true">
                ≠
              </text>
            )}
            <text className="merkle-hash" x={x + BOX_W - 2} y={y} dy="0.35em" textAnchor="end">
              {node.hash.slice(0, 4)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** A row's key range as the middle column shows it: "5", or "8–11". */
const shortRange = (range: RowRange) => (range.firstLeaf === range.lastLeaf ? String(range.firstLeaf) : `${range.firstLeaf}–${range.lastLeaf}`);

/** The differing leaves a tree's view lists (its deepest level holds only nodes on differing paths). */
function differingLeavesBelow(tree: MerkleTreeView, depth: number): number[] {
  return (tree.levels[depth] ?? []).filter((n) => n.differs).map((n) => n.index);
}

function MiddleLabel({ range, x }: { range: RowRange; x: number }) {
  const text = shortRange(range);
  return (
    <text className={range.differs ? 'merkle-leaf is-diff' : 'merkle-leaf'} x={x} y={rowY(range.row)} dy="0.35em" textAnchor="middle">
      {range.differs ? `≠ ${text}` : text}
    </text>
  );
}

/** The same picture in words, for a screen reader: which rows (key ranges) differ. */
function differingWords(layout: MerkleLayout): string {
  const differing = layout.rows.filter((r) => r.differs);
  if (differing.length === 0) return 'Every drawn node has the same hash in both trees.';
  const leaves = differing.filter((r) => r.firstLeaf === r.lastLeaf).map((r) => r.firstLeaf);
  const ranges = differing.filter((r) => r.firstLeaf !== r.lastLeaf).map(rangeLabel);
  const named = [...(leaves.length > 0 ? [`${leaves.length === 1 ? 'leaf' : 'leaves'} ${listLeaves(leaves)}`] : []), ...ranges].join(', ');
  return `The hashes differ from the root down to ${named}; every other drawn node matches.`;
}
