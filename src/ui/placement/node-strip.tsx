import { memo } from 'react';
import type { MonitorBelief, NodeLifecycle } from '../../engine/index';
import { useConsole, useSession } from '../session-context';

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
  selected: boolean;
  onSelect: (id: string) => void;
}

const NodeChip = memo(function NodeChip({ id, count, lifecycle, health, role, selected, onSelect }: ChipProps) {
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
      </button>
    </li>
  );
});
