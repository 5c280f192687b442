import { failoverManagerMachine } from '../machines/failover-manager.machine';
import { healthMonitorMachine } from '../machines/health-monitor.machine';
import { machineGraph, type MachineInstanceView, type MachineKind, type MachineRef } from '../machines/machine-graph';
import { stateOf } from '../machines/machine-step';
import { nodeMachine } from '../machines/node.machine';
import { shardMachine } from '../machines/shard.machine';
import type { MachineLast } from './machine-records';
import type { CopyJob, ShardRow, World } from './world';
import { copyJobMachine } from '../machines/copy-job.machine';
import { shardPrimaryMachine } from '../machines/shard-primary.machine';
import { restoreMachine } from '../machines/restore.machine';
import { cpMemberMachine } from '../machines/cp-member.machine';
import { transactionMachine } from '../machines/transaction.machine';

/**
 * The statechart panel's door into the run: which machine instances exist
 * and, for one of them, its graph (read from the machine's own definition),
 * its active state and the transition the engine last took. Healthy shards
 * stay plain rows: asked about one, the view answers with the machine's
 * initial state rather than allocating a record for it.
 */

/** fm, then each node's process and health monitor, then the shards whose machine is away from healthy. */
export function listMachines(w: World): MachineRef[] {
  const refs: MachineRef[] = [{ kind: 'failoverManager', id: 'fm' }];
  for (const node of w.nodes) refs.push({ kind: 'node', id: node.id }, { kind: 'healthMonitor', id: node.id });
  const affected = [...w.affected.keys()].sort((a, b) => a - b);
  for (const s of affected) refs.push({ kind: 'shard', id: w.shards[s].id });
  for (const shard of w.shards) if (shard.primaryMachine !== null) refs.push({ kind: 'shardPrimary', id: shard.id });
  for (const job of w.migrator.jobs.values()) refs.push({ kind: 'copyJob', id: copyJobId(w, job) });
  // The cluster restore under way or last (sim/restore/): one at a time, id "restore".
  if (w.backups.restore) refs.push({ kind: 'restore', id: 'restore' });
  // The control plane's members, when it is a group (control-plane/).
  for (const m of w.controlPlane.members) refs.push({ kind: 'cpMember', id: m.id });
  // Transactions still deciding (open, committing, rolling back, prepared): a finished one leaves the list (transactions/).
  for (const row of w.transactions.rows) if (row.machine.value !== 'committed' && row.machine.value !== 'aborted') refs.push({ kind: 'transaction', id: row.id });
  return refs;
}

/** A copy job's id in the panel: `s001→n4`, its shard and its current target (a shard never runs two copies to one node). */
export function copyJobId(w: World, job: CopyJob): string {
  return `${w.shards[job.shard].id}→${w.nodes[job.target].id}`;
}

export function getMachine(w: World, ref: MachineRef): MachineInstanceView | null {
  const found = locate(w, ref);
  if (!found) return null;
  const last = found.last !== undefined ? found.last : w.machines.lastOf(ref.kind, ref.id);
  return { ref: { kind: ref.kind, id: ref.id }, title: found.title, graph: found.graph, active: [found.active], last };
}

interface Located {
  title: string;
  graph: MachineInstanceView['graph'];
  active: string;
  /** Kept on the instance itself (a copy job), rather than in the world's records. */
  last?: MachineLast | null;
}

function locate(w: World, ref: MachineRef): Located | null {
  const kind: MachineKind = ref.kind;
  switch (kind) {
    case 'failoverManager':
      return ref.id === 'fm' ? { title: 'cp · failover manager', graph: machineGraph(failoverManagerMachine), active: stateOf(w.failoverPath.machine) } : null;
    case 'node': {
      const node = nodeByIdOf(w, ref.id);
      return node && { title: `${node.id} · process (truth)`, graph: machineGraph(nodeMachine), active: stateOf(node.life) };
    }
    case 'healthMonitor': {
      const node = nodeByIdOf(w, ref.id);
      return node && { title: `${node.id} · health monitor (cp's belief)`, graph: machineGraph(healthMonitorMachine), active: stateOf(node.monitor) };
    }
    case 'shard': {
      const shard = shardByIdOf(w, ref.id);
      // A healthy shard has no machine: it sits in the machine's initial state.
      return shard && { title: `${shard.id} · replication (router's view)`, graph: machineGraph(shardMachine), active: shard.machine?.value ?? 'healthy' };
    }
    case 'shardPrimary': {
      const shard = shardByIdOf(w, ref.id);
      // A shard led by its configured primary has no machine: it sits in the initial state, leading.
      return (
        shard && {
          title: `${shard.id} · primary (cp's coordinator)`,
          graph: machineGraph(shardPrimaryMachine),
          active: shard.primaryMachine?.value ?? 'leading',
        }
      );
    }
    case 'copyJob': {
      const job = jobByIdOf(w, ref.id);
      return (
        job && {
          title: `copy of ${w.shards[job.shard].id} to ${w.nodes[job.target].id} (migrator)`,
          graph: machineGraph(copyJobMachine),
          active: job.machine.value,
          last: job.machineLast,
        }
      );
    }
    case 'restore': {
      const run = w.backups.restore;
      return run && ref.id === 'restore' ? { title: `cluster restore from ${run.backup}`, graph: machineGraph(restoreMachine), active: stateOf(run.machine) } : null;
    }
    case 'cpMember': {
      const m = w.controlPlane.members.find((x) => x.id === ref.id);
      return m ? { title: `${m.id} · control-plane member (Raft)`, graph: machineGraph(cpMemberMachine), active: stateOf(m.machine) } : null;
    }
    case 'transaction': {
      const row = /^t\d+$/.test(ref.id) ? w.transactions.rows[Number(ref.id.slice(1)) - 1] : undefined;
      return row ? { title: `${row.id} · transaction record`, graph: machineGraph(transactionMachine), active: row.machine.value } : null;
    }
    default:
      return null;
  }
}

function jobByIdOf(w: World, id: string): CopyJob | null {
  const [shardId, nodeId] = id.split('→');
  const shard = shardByIdOf(w, shardId ?? '');
  const target = w.nodeIndexById.get(nodeId ?? '');
  if (!shard || target === undefined) return null;
  for (const jobId of shard.jobs) {
    const job = w.migrator.jobs.get(jobId);
    if (job && job.target === target) return job;
  }
  return null;
}

function nodeByIdOf(w: World, id: string) {
  const index = w.nodeIndexById.get(id);
  return index === undefined ? null : w.nodes[index];
}

/** Shard ids are `s` + a zero-padded 1-based index (build-world.ts shardIdOf). */
export function shardById(w: World, id: string): ShardRow | null {
  return shardByIdOf(w, id);
}

function shardByIdOf(w: World, id: string) {
  const index = Number(id.slice(1)) - 1;
  const shard = Number.isInteger(index) && index >= 0 ? w.shards[index] : undefined;
  return shard && shard.id === id ? shard : null;
}
