// Goal: the trees lie on their side with one row per drawn key range; a tree drawn only along its differing paths
// takes a row per range shown, not one per leaf, and each parent sits level with the middle of its children.
import { describe, expect, it } from 'vitest';
import type { MerkleTreeView } from '../../engine/index';
import { layoutTrees, rangeLabel } from './merkle-layout';
import { fixtureTree } from './repair-fixture';

describe('layoutTrees', () => {
  it('gives a full depth-4 tree 16 rows, one per leaf, with the root in the middle', () => {
    const layout = layoutTrees([fixtureTree('n2', 4, [5, 12]), fixtureTree('n4', 4, [5, 12])], 4);
    expect(layout.maxLevel).toBe(4);
    expect(layout.rows.map(rangeLabel)).toEqual(Array.from({ length: 16 }, (_, i) => `leaf ${i}`));
    expect(layout.rows.filter((r) => r.differs).map((r) => r.firstLeaf)).toEqual([5, 12]);
    expect(layout.rowOf.get('0:0')).toBe(7.5);
    expect(layout.rowOf.get('3:2')).toBe(4.5);
  });

  it('draws a deep tree shown along its differing path as ranges beside that path', () => {
    // Depth 15: the root, then at each level the differing node and its equal sibling (leaf 5 differs).
    const levels: MerkleTreeView['levels'] = [[{ level: 0, index: 0, hash: 'aaaa', differs: true }]];
    for (let level = 1; level <= 15; level++) {
      const onPath = Math.floor(5 / 2 ** (15 - level));
      const sibling = onPath ^ 1;
      levels.push(
        [onPath, sibling].sort((a, b) => a - b).map((index) => ({ level, index, hash: index === onPath ? 'bbbb' : 'cccc', differs: index === onPath })),
      );
    }
    const tree: MerkleTreeView = { replica: 'n2', root: 'aaaaaaaa', levels };
    const layout = layoutTrees([tree, { ...tree, replica: 'n4' }], 15);
    expect(layout.rows).toHaveLength(16);
    const differing = layout.rows.filter((r) => r.differs);
    expect(differing.map(rangeLabel)).toEqual(['leaf 5']);
    expect(rangeLabel(layout.rows[layout.rows.length - 1])).toBe('leaves 16384–32767');
  });
});
