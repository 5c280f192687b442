import type { CommandType } from './types';

/**
 * The command vocabulary as data: which fields each command takes and how
 * it is written on the command line. Validators, the CLI usage text and the
 * UI's command forms all read this one table.
 */

/** What a field holds; each kind has one validation rule and one hint text. */
export type CommandFieldKind =
  | 'node' // a node id
  | 'endpoint' // a node id or "cp"
  | 'rack' // a rack id
  | 'flag' // true / false
  | 'groups' // lists of endpoint ids
  | 'path' // a settable config path
  | 'value' // number, boolean, string or list of strings
  | 'rate' // a number ≥ 0 (per second)
  | 'shard' // a shard id
  | 'repairMode'; // unsafe_rollback | unsafe_rollback_or_erase

export interface CommandFieldSpec {
  name: string;
  kind: CommandFieldKind;
  optional: boolean;
  description: string;
}

export interface CommandSpec {
  type: CommandType;
  /** One line for help texts and menus. */
  summary: string;
  fields: readonly CommandFieldSpec[];
  /** How `parseCliCommand` expects it written. */
  cliSyntax: string;
}

const node = (description: string): CommandFieldSpec => ({ name: 'node', kind: 'node', optional: false, description });
const endpoint = (name: 'a' | 'b'): CommandFieldSpec => ({
  name,
  kind: 'endpoint',
  optional: false,
  description: name === 'a' ? 'one end of the link: a node id or "cp"' : 'the other end: a node id or "cp"',
});

/** Keyed by type so adding a Command variant without a spec is a compile error. */
export const COMMAND_SPECS: { readonly [T in CommandType]: CommandSpec & { type: T } } = {
  'node.crash': {
    type: 'node.crash',
    summary: 'Stop a node process; its disk survives, so it can restart and replay its log.',
    fields: [node('the node to crash')],
    cliSyntax: 'node.crash:<node>',
  },
  'node.restart': {
    type: 'node.restart',
    summary: 'Start a crashed node again: it replays its write-ahead log, then rejoins.',
    fields: [node('the node to restart')],
    cliSyntax: 'node.restart:<node>',
  },
  'node.destroy': {
    type: 'node.destroy',
    summary: 'Take a node away for good, disk and all.',
    fields: [node('the node to destroy')],
    cliSyntax: 'node.destroy:<node>',
  },
  'link.cut': {
    type: 'link.cut',
    summary: 'Drop every message between two endpoints (or only from a to b when oneWay).',
    fields: [
      endpoint('a'),
      endpoint('b'),
      { name: 'oneWay', kind: 'flag', optional: true, description: 'cut only the direction a → b' },
    ],
    cliSyntax: 'link.cut:<a>,<b>[,oneWay]',
  },
  'link.heal': {
    type: 'link.heal',
    summary: 'Restore the link between two endpoints, both directions.',
    fields: [endpoint('a'), endpoint('b')],
    cliSyntax: 'link.heal:<a>,<b>',
  },
  'network.partition': {
    type: 'network.partition',
    summary: 'Split the network: endpoints in different groups cannot reach each other (unnamed ones join the first group).',
    fields: [
      {
        name: 'groups',
        kind: 'groups',
        optional: false,
        description: 'the sides of the partition, each a list of node ids and/or "cp"',
      },
    ],
    cliSyntax: 'network.partition:<a>+<b>|<c>+<d>',
  },
  'network.heal': {
    type: 'network.heal',
    summary: 'Heal every cut link and partition.',
    fields: [],
    cliSyntax: 'network.heal',
  },
  'rack.fail': {
    type: 'rack.fail',
    summary: 'Fail a whole rack (failure domain) at once.',
    fields: [{ name: 'rack', kind: 'rack', optional: false, description: 'the rack to fail' }],
    cliSyntax: 'rack.fail:<rack>',
  },
  'config.set': {
    type: 'config.set',
    summary: 'Change a setting while the run goes on.',
    fields: [
      { name: 'path', kind: 'path', optional: false, description: 'which setting, e.g. "params.rehomeGraceMs"' },
      { name: 'value', kind: 'value', optional: false, description: 'the new value' },
    ],
    cliSyntax: 'config.set:<path>=<value>',
  },
  'workload.set': {
    type: 'workload.set',
    summary: 'Set the client traffic: writes (and optionally reads) per second, spread over the shards.',
    fields: [
      { name: 'writesPerSec', kind: 'rate', optional: false, description: 'client writes per second (0 stops them)' },
      { name: 'readsPerSec', kind: 'rate', optional: true, description: 'client reads per second' },
    ],
    cliSyntax: 'workload.set:<writesPerSec>[,<readsPerSec>]',
  },
  'shard.emergencyRepair': {
    type: 'shard.emergencyRepair',
    summary:
      'Operator action for a shard that lost half or more of its voters: reachable replicas become the voters; writes only the others held are lost.',
    fields: [
      { name: 'shard', kind: 'shard', optional: false, description: 'the shard to repair, e.g. "s001"' },
      {
        name: 'mode',
        kind: 'repairMode',
        optional: false,
        description: '"unsafe_rollback" (leave shards with no reachable replica alone) or "unsafe_rollback_or_erase" (recreate those empty)',
      },
    ],
    cliSyntax: 'shard.emergencyRepair:<shard>,<unsafe_rollback|unsafe_rollback_or_erase>',
  },
};

export const REPAIR_MODES = ['unsafe_rollback', 'unsafe_rollback_or_erase'] as const;

export const COMMAND_TYPES = Object.keys(COMMAND_SPECS) as readonly CommandType[];

export function isCommandType(type: string): type is CommandType {
  return Object.prototype.hasOwnProperty.call(COMMAND_SPECS, type);
}
