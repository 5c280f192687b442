import type { MerkleNodeView, MerkleTreeView } from '../../engine/index';

/**
 * Where each drawn Merkle node goes. The trees lie on their side: levels are columns (root at the outside, leaves
 * toward the middle), and every node whose children are not drawn takes one row, so the two replicas' trees mirror
 * each other with the same key range on the same row. A parent sits level with the middle of its children. Only
 * drawn nodes take room: a deep tree shown along its differing paths stays as short as those paths.
 */

export interface RowRange {
  row: number;
  /** The node that ends this row, and the leaves (key ranges) it covers. */
  level: number;
  index: number;
  firstLeaf: number;
  lastLeaf: number;
  differs: boolean;
}

export interface MerkleLayout {
  /** The deepest level drawn (the number of columns is this + 1). */
  maxLevel: number;
  rows: RowRange[];
  /** `level:index` → its row (fractional for a parent between its children). */
  rowOf: Map<string, number>;
}

export const nodeKey = (level: number, index: number) => `${level}:${index}`;

/** Binary trees (Cassandra's, and Dynamo's in this model): node i's children are 2i and 2i + 1. */
const childrenOf = (level: number, index: number) => [nodeKey(level + 1, 2 * index), nodeKey(level + 1, 2 * index + 1)];

/** The nodes of both trees by key; where they disagree on a node (not expected) either one marks it as differing. */
function unionOf(trees: readonly MerkleTreeView[]): Map<string, MerkleNodeView> {
  const nodes = new Map<string, MerkleNodeView>();
  for (const tree of trees)
    for (const level of tree.levels)
      for (const node of level) {
        const key = nodeKey(node.level, node.index);
        const seen = nodes.get(key);
        nodes.set(key, seen ? { ...seen, differs: seen.differs || node.differs } : node);
      }
  return nodes;
}

export function layoutTrees(trees: readonly MerkleTreeView[], depth: number): MerkleLayout {
  const nodes = unionOf(trees);
  const rowOf = new Map<string, number>();
  const rows: RowRange[] = [];
  let maxLevel = 0;
  const place = (level: number, index: number): number => {
    const key = nodeKey(level, index);
    const node = nodes.get(key)!;
    maxLevel = Math.max(maxLevel, level);
    const children = childrenOf(level, index).filter((k) => nodes.has(k));
    let row: number;
    if (children.length === 0) {
      const span = 2 ** Math.max(0, depth - level);
      row = rows.length;
      rows.push({ row, level, index, firstLeaf: index * span, lastLeaf: (index + 1) * span - 1, differs: node.differs });
    } else {
      const placed = children.map((k) => {
        const [l, i] = k.split(':').map(Number);
        return place(l, i);
      });
      row = (placed[0] + placed[placed.length - 1]) / 2;
    }
    rowOf.set(key, row);
    return row;
  };
  if (nodes.has(nodeKey(0, 0))) place(0, 0);
  return { maxLevel, rows, rowOf };
}

/** The row's key range in words: "leaf 5", or "leaves 8–11" for a subtree drawn only down to its root. */
export function rangeLabel(range: Pick<RowRange, 'firstLeaf' | 'lastLeaf'>): string {
  return range.firstLeaf === range.lastLeaf ? `leaf ${range.firstLeaf}` : `leaves ${range.firstLeaf}–${range.lastLeaf}`;
}
