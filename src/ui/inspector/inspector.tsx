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
  return (
    <section className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
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
