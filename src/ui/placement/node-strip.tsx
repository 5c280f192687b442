import { memo } from 'react';
import type { MonitorBelief, NodeLifecycle } from '../../engine/index';
import { useConsole, useSession } from '../session-context';
import { DIVERGENT_GLYPH, divergenceOf } from './divergence-summary';

/**
 * One chip per node with its replica count. With a shard selected, the chips
 * of the nodes that hold it light up (and say "primary" or "replica"); with a
 * node selected, its chip is pressed and the grid marks its shards.
 */
export function NodeStrip() {
  const session = useSession();
  const nodes = useConsole((s) => s.cluster.nodes);
  const selection = useConsole((s) => s.selection);
  const shardReplicas = useConsole((s) => {
    if (s.selection?.kind !== 'shard') return '';
    const id = s.selection.id;
    const shard = s.cluster.shards.find((sh) => sh.id === id);
    // The primary first (or "-" when it has none), then the replicas.
    return shard ? `${shard.primary ?? '-'} ${shard.replicas.join(' ')}` : '';
  });
  const [primary, ...holders] = shardReplicas ? shardReplicas.split(' ') : [];
  // Leaderless: the selected shard's replicas that hold stale keys (truth) get a ≠ tag.
  const stale = useConsole((s) => {
    if (s.selection?.kind !== 'shard') return '';
    const id = s.selection.id;
    const shard = s.cluster.shards.find((sh) => sh.id === id);
    return shard ? (divergenceOf(shard)?.divergentReplicas.join(' ') ?? '') : '';
  });
  const staleOn = stale ? stale.split(' ') : [];

  return (
    <ul className="node-strip" aria-label="Replicas per node">
      {nodes.map((node) => {
        const role = primary === node.id ? 'primary' : holders.includes(node.id) ? 'replica' : null;
        return (
          <NodeChip
            key={node.id}
            id={node.id}
            count={node.replicaCount}
            lifecycle={node.lifecycle}
            health={node.health}
            role={role}
            stale={staleOn.includes(node.id)}
            selected={selection?.kind === 'node' && selection.id === node.id}
            onSelect={(id) => session.select({ kind: 'node', id })}
          />
        );
      })}
    </ul>
  );
}

interface ChipProps {
  id: string;
  count: number;
  lifecycle: NodeLifecycle;
  health: MonitorBelief;
  role: 'primary' | 'replica' | null;
  /** Holds stale keys of the selected shard (leaderless, truth). */
  stale: boolean;
  selected: boolean;
  onSelect: (id: string) => void;
}

const NodeChip = memo(function NodeChip({ id, count, lifecycle, health, role, stale, selected, onSelect }: ChipProps) {
  const down = lifecycle !== 'up';
  return (
    <li>
      <button
        type="button"
        className={`node-chip chip-${health.toLowerCase()}${role ? ` holds-${role}` : ''}${down ? ' is-down' : ''}`}
        aria-pressed={selected}
        data-testid={`placement-node-${id}`}
        onClick={() => onSelect(id)}
      >
        <span className="mono node-chip-id">{id}</span>
        <span className="node-chip-count mono">{count}</span>
        {down && <span className="node-chip-tag">{lifecycle}</span>}
        {role && <span className="node-chip-tag role-tag">{role}</span>}
        {stale && (
          <span className="node-chip-tag stale-tag" data-testid={`placement-stale-${id}`}>
            <span aria-hidden="true">{DIVERGENT_GLYPH} </span>stale keys
          </span>
        )}
      </button>
    </li>
  );
});
