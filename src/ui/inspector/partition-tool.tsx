import { useId, useState } from 'react';
import { CONTROL_PLANE, type Command } from '../../engine/index';
import { useConsole, useSession } from '../session-context';
import { previewProps } from '../what-if';
import { NodeReach } from './node-reach';

const SIDES = ['A', 'B', 'C'] as const;
type Side = (typeof SIDES)[number];

/** Above this many nodes the tool groups whole racks instead of single nodes. */
const MAX_NODE_ROWS = 24;

/**
 * The partition tool: put each endpoint (cp and the nodes, or whole racks in a
 * big cluster) on side A, B or C, and every link between sides is cut. Its
 * preview outlines the shards that would stop taking writes; below it, each
 * endpoint says what it can still reach.
 */
export function PartitionTool() {
  const session = useSession();
  const nodeRacks = useConsole((s) => s.cluster.nodes.map((n) => `${n.id}:${n.rack}`).join(' '));
  const cuts = useConsole((s) => s.cluster.cuts.length);
  const [sides, setSides] = useState<Record<string, Side>>({});
  const id = useId();
  const nodes = nodeRacks.split(' ').map((pair) => {
    const [node, rack] = pair.split(':');
    return { node, rack };
  });
  const byRack = nodes.length > MAX_NODE_ROWS;
  const units = byRack ? [CONTROL_PLANE, ...new Set(nodes.map((n) => n.rack))] : [CONTROL_PLANE, ...nodes.map((n) => n.node)];
  const sideOf = (unit: string): Side => sides[unit] ?? 'A';
  const endpointSide = (endpoint: string): Side => {
    if (!byRack || endpoint === CONTROL_PLANE) return sideOf(endpoint);
    return sideOf(nodes.find((n) => n.node === endpoint)!.rack);
  };
  const groups = SIDES.map((side) => [CONTROL_PLANE, ...nodes.map((n) => n.node)].filter((e) => endpointSide(e) === side)).filter(
    (g) => g.length > 0,
  );
  const command: Command = { type: 'network.partition', groups };
  const label = groups.map((g, i) => `${SIDES[i]}: ${g.length > 4 ? `${g.slice(0, 3).join(', ')} +${g.length - 3}` : g.join(', ')}`);

  return (
    <div className="inspector-section partition-tool" data-testid="partition-tool">
      <h3 id={`${id}-title`}>Partition the network</h3>
      <p className="inspector-muted">
        Put {byRack ? 'each rack' : 'each node'} and cp on a side; every link between sides is cut. For a non-transitive cut,
        select a node and cut a single link.
      </p>
      <div className="partition-grid" role="group" aria-labelledby={`${id}-title`}>
        {units.map((unit) => (
          <label key={unit} className="partition-unit">
            <span className="mono">{unit}</span>
            <select
              aria-label={`Side of ${unit}`}
              data-testid={`side-${unit}`}
              value={sideOf(unit)}
              onChange={(e) => setSides({ ...sides, [unit]: e.target.value as Side })}
            >
              {SIDES.map((side) => (
                <option key={side} value={side}>
                  {side}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="inspector-row">
        <button
          type="button"
          className="danger"
          disabled={groups.length < 2}
          onClick={() => session.dispatch(command)}
          {...previewProps(session, 'This partition', command)}
        >
          Cut between sides
        </button>
        <button type="button" onClick={() => session.dispatch({ type: 'network.heal' })} disabled={cuts === 0}>
          Heal every link
        </button>
      </div>
      <p className="inspector-muted" aria-live="polite">
        {groups.length < 2 ? 'Every endpoint is on side A so far: put some on side B to cut between the sides.' : label.join(' | ')}
        {cuts > 0 && ` · ${cuts} one-way cut${cuts === 1 ? '' : 's'} now`}
      </p>
      {cuts > 0 && !byRack && (
        <div className="reach-list" data-testid="reach-list">
          {[CONTROL_PLANE, ...nodes.map((n) => n.node)].map((e) => (
            <NodeReach key={e} id={e} />
          ))}
        </div>
      )}
    </div>
  );
}
