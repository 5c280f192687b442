import { ClusterView } from './cluster-view/cluster-view';
import { EventLog } from './event-log/event-log';
import { FailoverPanel } from './failover/failover-panel';
import { Header } from './header';
import { Inspector } from './inspector/inspector';
import { AlertList } from './alert-list';
import { MetricsArea } from './restore/metrics-area';
import { PlacementView } from './placement/placement-view';
import { PlaybackBar } from './playback-bar';
import { RecoveryArea, useOpenLogNode } from './recovery/recovery-area';
import { RepairArea, useOpenRepairShard } from './repair/repair-area';
import { JournalArea, useJournalShown } from './control-plane/journal-area';
import { useKeyboardShortcuts } from './keyboard';
import { useConsole } from './session-context';
import './app.css';

/**
 * The console's layout. Each region is its own component reading the
 * session's store; this file only arranges them.
 */
export function App() {
  useKeyboardShortcuts();
  // With something selected, the inspector is what the learner is reading: the side column gives it the room.
  const hasSelection = useConsole((s) => s.selection !== null);
  // A node's log opened: it gets a row of its own under the cluster view (placement and metrics move down one).
  const logNode = useOpenLogNode();
  // A shard's Repair panel opened: the same row (a node's log and a shard's repair never show together).
  const repairShard = useOpenRepairShard();
  // The control plane's journal opened: the same row, unless a log or repair panel (opened after it) holds it.
  const journal = useJournalShown();
  return (
    <div className="app">
      <Header />
      <AlertList />
      <PlaybackBar />
      <main className={logNode || repairShard || journal ? 'app-grid has-log' : 'app-grid'}>
        <div className="area-cluster">
          <ClusterView />
        </div>
        <div className={hasSelection ? 'area-side has-selection' : 'area-side'}>
          <Inspector />
          <FailoverPanel />
        </div>
        {logNode && (
          <div className="area-recovery">
            <RecoveryArea nodeId={logNode} />
          </div>
        )}
        {repairShard && (
          <div className="area-recovery">
            <RepairArea shardId={repairShard} />
          </div>
        )}
        {journal && !logNode && !repairShard && (
          <div className="area-recovery">
            <JournalArea />
          </div>
        )}
        <div className="area-placement">
          <PlacementView />
        </div>
        <div className="area-metrics">
          <MetricsArea />
        </div>
        <div className="area-log">
          <EventLog />
        </div>
      </main>
    </div>
  );
}
