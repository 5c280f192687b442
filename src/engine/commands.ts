import type { Command } from './types';

/**
 * The one command vocabulary shared by the UI, the CLI, the driver API and
 * scenario timelines. This module is its door: the field table, shape checks
 * (is this a command at all?), cluster checks (do the names exist here?),
 * plain-words descriptions and the `kind:arg[,arg]` command-line syntax.
 */

export { COMMAND_SPECS, COMMAND_TYPES, isCommandType } from './command-specs';
export type { CommandFieldSpec, CommandSpec } from './command-specs';
export { CommandSchema, unknownTypeMessage } from './command-schema';
export { checkCommandShape, parseCommand } from './command-shape';
export type { CommandResult, CommandShapeResult } from './command-shape';
export { checkCommandAgainstCluster } from './command-check';
export type { ClusterNames } from './command-check';
export { formatCliCommand, parseCliCommand } from './command-cli';
export { SETTABLE_PATHS, SETTABLE_PATH_NAMES } from './settable-paths';
export type { SettablePath } from './settable-paths';

/** The command in plain words, for the trace, the history list and confirmations. */
export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'node.crash':
      return command.kind === 'power' ? `cut the power to ${command.node}` : `crash ${command.node}`;
    case 'node.restart':
      return `restart ${command.node}`;
    case 'node.destroy':
      return `destroy ${command.node} (its disk is lost)`;
    case 'node.checkpoint':
      return `checkpoint ${command.node} now`;
    case 'node.rebuild':
      return `rebuild ${command.node} (wipe its disk; it comes back empty)`;
    case 'link.cut':
      return command.oneWay
        ? `cut the link ${command.a} → ${command.b} (one way)`
        : `cut the link ${command.a} ↔ ${command.b}`;
    case 'link.heal':
      return `heal the link ${command.a} ↔ ${command.b}`;
    case 'network.partition':
      return `partition the network into ${command.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
    case 'network.heal':
      return 'heal every cut link';
    case 'rack.fail':
      return command.kind === 'power' ? `cut the power to every node in rack ${command.rack}` : `fail every node in rack ${command.rack}`;
    case 'cluster.powerLoss':
      return 'cut the power to every node at once';
    case 'wal.corrupt':
      return `flip a bit in ${command.at === 'tail' ? 'the newest record' : 'a record in the middle'} of ${command.node}'s log`;
    case 'config.set': {
      const { value } = command;
      const text = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
      return `set ${command.path} to ${text}`;
    }
    case 'workload.set':
      return (
        `send ${command.writesPerSec} write(s) per second` +
        (command.readsPerSec === undefined ? '' : ` and ${command.readsPerSec} read(s) per second`)
      );
    case 'shard.emergencyRepair':
      return `run an emergency repair (${command.mode}) on ${command.shard}`;
    case 'replica.corrupt':
      return `rot ${command.keys ?? 1} key(s) of ${command.node}'s copy of ${command.shard}`;
    case 'disk.corrupt':
      return `make ${command.node}'s disk fail under ${Math.round(command.fraction * 100)}% of its replicas`;
    case 'scrub.run':
      return `${command.deep ? 'deep-scrub' : 'scrub'} ${command.shard} on every replica`;
    case 'shard.repair':
      return `repair ${command.shard} from a good copy`;
    case 'repair.run':
      return (
        `run ${command.mode === 'full' ? 'a full' : 'an incremental'} anti-entropy repair of ` +
        `${command.shard === 'all' ? 'every shard' : command.shard}${command.node === undefined ? '' : ` coordinated by ${command.node}`}`
      );
    case 'cp.crash':
      return `crash control-plane member ${command.member}`;
    case 'cp.restart':
      return `restart control-plane member ${command.member}`;
    case 'txn.run': {
      const ends = { commit: 'then commit', abort: 'then abort', none: 'and leave it in progress', prepare: 'then prepare it (two-phase)' } as const;
      return `run a transaction of ${command.writes ?? 3} write(s) on ${command.shard} ${ends[command.end]}`;
    }
    case 'txn.resolve':
      return `${command.decision === 'commit' ? 'commit' : 'roll back'} the in-doubt transaction ${command.txn} by hand`;
    case 'backup.take':
      return `take backup ${command.id}`;
    case 'cluster.restore':
      return `restore the cluster from backup ${command.backup}${command.targetMs === undefined ? '' : ` and replay archived log to ${command.targetMs} ms`}`;
  }
}
