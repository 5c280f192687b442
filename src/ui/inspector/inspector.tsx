import { useEffect, useRef } from 'react';
import { useConsole, useSession } from '../session-context';
import { ClusterActions } from './cluster-actions';
import { NodeInspector } from './node-inspector';
import { ShardInspector } from './shard-inspector';
import './inspector.css';

/**
 * Details of what the learner selected — a node (its truth, the monitor's
 * belief, the actions that break it) or a shard (its replicas, state, history
 * and why its targets were chosen). With nothing selected: cluster-wide faults.
 */
export function Inspector() {
  const session = useSession();
  const selection = useConsole((s) => s.selection);
  const panel = useRef<HTMLElement>(null);
  const selected = selection ? `${selection.kind}:${selection.id}` : null;
  useEffect(() => {
    // In one column (phones) the inspector sits below the cluster view: without this, a tap on a
    // node or shard changes a panel the learner cannot see. Wide layouts keep it beside the map.
    if (selected && window.matchMedia('(max-width: 1100px)').matches) {
      panel.current?.scrollIntoView({ block: 'start', behavior: 'auto' });
    }
  }, [selected]);
  return (
    <section ref={panel} className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <div className="inspector-head">
        <h2 id="inspector-title">
          Inspector
          {selection && <span className="inspector-subject mono"> · {selection.id}</span>}
        </h2>
        {selection && (
          <button type="button" className="inspector-clear" onClick={() => session.select(null)} aria-label="Clear selection">
            Clear
          </button>
        )}
      </div>
      {selection?.kind === 'node' ? (
        <NodeInspector id={selection.id} />
      ) : selection?.kind === 'shard' ? (
        <ShardInspector id={selection.id} />
      ) : (
        <ClusterActions />
      )}
    </section>
  );
}
