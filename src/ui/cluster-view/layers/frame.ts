import type { ClusterState } from '../../../engine/index';
import type { ConsoleViewState } from '../../../store/view-model';
import type { ClusterLayout, Curve, Point } from '../layout';

/**
 * What one rendering pass hands every layer. Each layer keeps the inputs it
 * last drew and compares them (by reference, or a cheap signature) before
 * doing any work, so a publish that changes nothing a layer shows costs that
 * layer one comparison and the DOM nothing.
 */
export interface Frame {
  state: ConsoleViewState;
  cluster: ClusterState;
  /** The same object until the node set, racks or size change. */
  layout: ClusterLayout;
  /** Directed cuts as `from>to`: the same Set object until the cuts change. */
  cuts: ReadonlySet<string>;
  /** What is selected, with the nodes holding a selected shard: the same object until the selection or its holders change. */
  focus: Focus;
  /** The control plane member the nodes' links run to (a group's leader); null with one cp or while the group has none. */
  cpLeader: string | null;
  /**
   * The endpoint whose cut state a node's cp link shows: `cp`, or in a group the leader (a link is cut to each
   * member apart), while there is none the first member up.
   */
  cpEnd: string;
}

export interface Focus {
  selectedNode: string | null;
  shardId: string | null;
  /** Nodes holding the selected shard, by role; null with no shard selected. */
  holders: ReadonlyMap<string, 'primary' | 'replica'> | null;
  sig: string;
}

/** A cut marker: where a cut link is crossed out, and which way a one-way cut drops messages. */
export interface MarkerDatum {
  key: string;
  at: Point;
  /** Unit vector along the link in the cut direction, for one-way cuts. */
  dir: Point | null;
  word: string | null;
}

/** Routed curves for one layout (routing avoids other nodes, so it is worth keeping); forgotten when the layout changes. */
export class CurveCache {
  private layout: ClusterLayout | null = null;
  private curves = new Map<string, Curve>();

  get(layout: ClusterLayout, key: string, make: () => Curve): Curve {
    if (layout !== this.layout) {
      this.layout = layout;
      this.curves.clear();
    }
    let curve = this.curves.get(key);
    if (!curve) {
      curve = make();
      this.curves.set(key, curve);
    }
    return curve;
  }
}

/** Per-instance element ids (two maps on one page keep their patterns apart). */
export interface DefIds {
  hatch: string;
  arrowCopy: string;
}
