import { useState } from 'react';
import { useConsole, useSession } from '../session-context';
import { previewProps } from '../what-if';
import { PartitionTool } from './partition-tool';

/**
 * With nothing selected the inspector offers the faults that are not about
 * one node: fail a whole rack, heal every cut link. Node faults live on the
 * node (click it in the map, or pick it here).
 */
export function ClusterActions() {
  const session = useSession();
  const racks = useConsole((s) => s.cluster.racks);
  const nodeIds = useConsole((s) => s.cluster.nodes.map((n) => n.id).join(' '));
  const [rack, setRack] = useState('');
  const chosenRack = racks.includes(rack) ? rack : (racks[0] ?? '');

  return (
    <div className="inspector-body">
      <p className="inspector-hint">
        Select a node or a shard to see it here and act on it; click a link to cut or heal it.
      </p>
      <div className="inspector-row">
        <label htmlFor="inspector-node-pick">Node</label>
        <select
          id="inspector-node-pick"
          value=""
          onChange={(e) => e.target.value && session.select({ kind: 'node', id: e.target.value })}
        >
          <option value="">Choose a node…</option>
          {nodeIds.split(' ').map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      <div className="inspector-row">
        <label htmlFor="inspector-rack-pick">Rack</label>
        <select id="inspector-rack-pick" value={chosenRack} onChange={(e) => setRack(e.target.value)}>
          {racks.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="danger"
          onClick={() => session.dispatch({ type: 'rack.fail', rack: chosenRack })}
          {...previewProps(session, `Fail rack ${chosenRack}`, { type: 'rack.fail', rack: chosenRack })}
        >
          Fail rack {chosenRack}
        </button>
      </div>
      <PartitionTool />
    </div>
  );
}
