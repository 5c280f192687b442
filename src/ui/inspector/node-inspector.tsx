import { useState } from 'react';
import { CONTROL_PLANE, type LinkCut, type NodeView } from '../../engine/index';
import { formatSimTime } from '../format';
import { useConsole, useSession } from '../session-context';
import { nodeMachineRefs } from '../statechart/machine-refs';
import { StatechartToggle } from '../statechart/statechart-toggle';
import { RecoveryToggle } from '../recovery/recovery-toggle';
import { previewProps } from '../what-if';
import { NodeReach } from './node-reach';
import { ACTION_HINT, ACTION_VERB, nodeActions, type NodeAction } from './shard-history';

/** Peer links are listed one by one only in small clusters; big ones use the map. */
const MAX_PEER_LINKS = 12;

export function NodeInspector({ id }: { id: string }) {
  const node = useConsole((s) => s.cluster.nodes.find((n) => n.id === id));
  const nowMs = useConsole((s) => s.playback.timeMs);
  if (!node) return <p className="inspector-hint">There is no node {id} in this scenario.</p>;
  return (
    <div className="inspector-body">
      <NodeFacts node={node} nowMs={nowMs} />
      <NodeActionButtons node={node} />
      <RecoveryToggle node={node} />
      <StatechartToggle place="inspector" refs={nodeMachineRefs(node.id)} what="its state machines" />
      <NodeReach id={node.id} />
      <NodeLinks node={node} />
    </div>
  );
}

function NodeFacts({ node, nowMs }: { node: NodeView; nowMs: number }) {
  const silentMs = node.lastHeartbeatAtMs === null ? null : nowMs - node.lastHeartbeatAtMs;
  return (
    <dl className="inspector-facts">
      <dt>Truth</dt>
      <dd data-testid="inspector-node-truth">
        {node.lifecycle === 'destroyed' ? 'destroyed (disk gone)' : `process ${node.lifecycle}`} · rack {node.rack}
      </dd>
      <dt>cp believes</dt>
      <dd>
        <span className={`belief-badge belief-${node.health.toLowerCase()}`}>{node.health}</span>
        {node.health === 'SUSPECT' && node.deadAtMs !== null && (
          <span className="inspector-muted"> DEAD in {((node.deadAtMs - nowMs) / 1000).toFixed(1)} s unless it is heard</span>
        )}
      </dd>
      <dt>Last heard</dt>
      <dd>
        {silentMs === null ? 'never' : `${formatSimTime(node.lastHeartbeatAtMs!)} (${(silentMs / 1000).toFixed(1)} s ago)`}
      </dd>
      <dt>Replicas</dt>
      <dd>
        {node.replicaCount} in the router’s placement · copies {node.copiesIn} in, {node.copiesOut} out
      </dd>
      {!node.registered && (
        <>
          <dt>Migrator</dt>
          <dd>not registered: failover cannot copy to or from it</dd>
        </>
      )}
    </dl>
  );
}

function NodeActionButtons({ node }: { node: NodeView }) {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const actions = nodeActions(node.lifecycle);
  const run = (action: NodeAction) => session.dispatch({ type: `node.${action}`, node: node.id });

  if (actions.length === 0) {
    return <p className="inspector-hint">{node.id} was destroyed: nothing brings it back. Its shards can only be rebuilt elsewhere.</p>;
  }
  if (confirming) {
    return (
      <div className="inspector-confirm" role="group" aria-label={`Confirm destroying ${node.id}`}>
        <p>
          Destroy {node.id} for good? Its disk goes with it: shards whose only copy is there are lost. You can step back to
          undo.
        </p>
        <div className="inspector-row">
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(false);
              run('destroy');
            }}
          >
            Yes, destroy {node.id}
          </button>
          <button type="button" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="inspector-actions">
      <div className="inspector-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'restart' ? 'primary' : 'danger'}
            onClick={() => (action === 'destroy' ? setConfirming(true) : run(action))}
            {...(action === 'restart' ? {} : previewProps(session, `${ACTION_VERB[action]} ${node.id}`, { type: `node.${action}`, node: node.id }))}
            title={`${ACTION_VERB[action]} ${node.id}: ${ACTION_HINT[action]}`}
          >
            {ACTION_VERB[action]} {node.id}
          </button>
        ))}
        <button
          type="button"
          className="danger"
          onClick={() => session.dispatch({ type: 'rack.fail', rack: node.rack })}
          {...previewProps(session, `Fail rack ${node.rack}`, { type: 'rack.fail', rack: node.rack })}
        >
          Fail rack {node.rack}
        </button>
      </div>
      <p className="inspector-muted">
        {ACTION_VERB[actions[0]!]}: {ACTION_HINT[actions[0]!]}.
      </p>
    </div>
  );
}

function isCut(cuts: readonly LinkCut[], a: string, b: string): 'both' | 'from' | 'to' | null {
  const out = cuts.some((c) => c.from === a && c.to === b);
  const back = cuts.some((c) => c.from === b && c.to === a);
  return out && back ? 'both' : out ? 'from' : back ? 'to' : null;
}

function NodeLinks({ node }: { node: NodeView }) {
  const session = useSession();
  const cuts = useConsole((s) => s.cluster.cuts);
  const peerIds = useConsole((s) => (s.cluster.nodes.length <= MAX_PEER_LINKS ? s.cluster.nodes.map((n) => n.id).join(' ') : ''));
  const peers = [CONTROL_PLANE, ...peerIds.split(' ').filter((p) => p && p !== node.id)];
  return (
    <div className="inspector-links">
      <h3>Links</h3>
      <ul>
        {peers.map((peer) => {
          const cut = isCut(cuts, node.id, peer);
          const label = cut === null ? 'up' : cut === 'both' ? 'cut' : cut === 'from' ? `cut ${node.id}→${peer}` : `cut ${peer}→${node.id}`;
          return (
            <li key={peer}>
              <span className="mono">
                {node.id}–{peer}
              </span>
              <span className={cut ? 'link-state link-state-cut' : 'link-state'}>{label}</span>
              <button
                type="button"
                onClick={() =>
                  session.dispatch(cut ? { type: 'link.heal', a: node.id, b: peer } : { type: 'link.cut', a: node.id, b: peer })
                }
                {...(cut ? {} : previewProps(session, `Cut ${node.id}–${peer}`, { type: 'link.cut', a: node.id, b: peer }))}
              >
                {cut ? 'Heal' : 'Cut'} {node.id}–{peer}
              </button>
            </li>
          );
        })}
      </ul>
      {peerIds === '' && <p className="inspector-muted">Large cluster: cut peer links by clicking them in the map.</p>}
    </div>
  );
}
