import * as v from 'valibot';
import { didYouMean } from './did-you-mean';
import { MAX_CORRUPT_KEYS, MAX_NAME_CHARS, MAX_NODES, MAX_WORKLOAD_OPS_PER_SEC } from './input-limits';
import { describeValue } from './problem-text';
import { CRASH_KINDS } from './recovery-types';
import { atMost, boundedList, closedObject, hinted, mustBe, nameString, numberIn, objectsOnly, refuseFirst, type Message } from './shape-schema';

/**
 * The command vocabulary, defined once: each command's fields, what they
 * hold, its summary and its command-line form. The `Command` type, the shape
 * check every command passes (driver, timeline, CLI, share URL), the CLI help
 * and schema/command.schema.json all come from this file.
 */

export const REPAIR_MODES = ['unsafe_rollback', 'unsafe_rollback_or_erase'] as const;
/** `repair.run`'s repairType: compare every key, or only what was written since the last repair (design §7.7). */
export const REPAIR_RUN_MODES = ['full', 'incremental'] as const;

/** A field: its schema, what it expects (for "required (…)") and what it means (for help and JSON Schema). */
function field<S extends v.GenericSchema>(schema: S, expects: string, description: string) {
  return v.pipe(schema, v.description(description), v.metadata({ hints: { expects } }));
}

const NODE = 'a node id string';
const ENDPOINT = 'a node id or "cp"';
const GROUPS = 'a list of groups, each a list of node ids or "cp"';
const VALUE = 'a number, true/false, a string or a list of strings';
const RATE = `a number from 0 to ${MAX_WORKLOAD_OPS_PER_SEC} (per second)`;
const SHARD = 'a shard id string such as "s001"';
const MODE = `"${REPAIR_MODES.join('" or "')}"`;
const FRACTION = 'a number more than 0 and at most 1';
const KEYS = `a whole number from 1 to ${MAX_CORRUPT_KEYS}`;
/** repairScope: one shard, or every shard. */
const REPAIR_SCOPE = 'a shard id string such as "s042", or "all"';
/** repairType. */
const REPAIR_TYPE = `"${REPAIR_RUN_MODES.join('" or "')}"`;
const shard = (description: string) => field(nameString(SHARD), SHARD, description);

const node = (description: string) => field(nameString(NODE), NODE, description);
export const WAL_POSITIONS = ['tail', 'middle'] as const;
/** How `txn.run` ends its transaction (design §9): commit, abort, stay in progress (a crash finds it open), or prepare (two-phase, waits for a decision). */
export const TXN_ENDS = ['commit', 'abort', 'none', 'prepare'] as const;
export const TXN_DECISIONS = ['commit', 'abort'] as const;
const MEMBER = 'a control-plane member id such as "cp1"';
const TXN_END = `"${TXN_ENDS.join('", "').replace(/, "([^"]+)"$/, ' or "$1"')}`;
const DECISION = '"commit" or "abort"';
const TXN_ID = 'a transaction id such as "t17"';
const BACKUP_ID = 'a backup id such as "b1"';
const WRITES = 'a whole number from 1 to 100';
const member = (description: string) => field(nameString(MEMBER), MEMBER, description);
const WAL_POSITION = '"tail" or "middle"';
const CRASH_KIND = `"${CRASH_KINDS.join('" or "')}"`;
const crashKind = (description: string) => v.optional(field(v.picklist(CRASH_KINDS, mustBe(CRASH_KIND)), CRASH_KIND, description));
const endpoint = (description: string) => field(nameString(ENDPOINT), ENDPOINT, description);
/** Client writes or reads per second: `workload.set` and a scenario's `workload` block. */
export const WorkloadRateSchema = numberIn({ min: 0, max: MAX_WORKLOAD_OPS_PER_SEC, unit: '', integer: false }, mustBe(RATE));
const rate = (description: string) => field(WorkloadRateSchema, RATE, description);
/** Every node and the control plane: each endpoint sits on one side of a partition, so no list needs more. */
const MAX_ENDPOINTS = MAX_NODES + 1;
const endpointsIn = (groups: unknown): number =>
  Array.isArray(groups) ? groups.reduce<number>((n, g) => n + (Array.isArray(g) ? g.length : 0), 0) : 0;
const groups = refuseFirst(
  boundedList(
    v.array(v.array(nameString(ENDPOINT), mustBe('a list of node ids or "cp"')), mustBe(GROUPS)),
    MAX_ENDPOINTS,
    atMost(MAX_ENDPOINTS, 'groups'),
  ),
  // Judged before any name: a partition of 1,001 groups of 1,001 names would otherwise be a million checks.
  (value) => endpointsIn(value) > MAX_ENDPOINTS,
  (issue) => `must name at most ${MAX_ENDPOINTS} endpoints in all (each endpoint is on one side only), got ${endpointsIn(issue.input)}`,
);
/** config.set's value; which values a path takes is checked by settable-paths.ts. */
const value = v.union(
  [
    v.pipe(v.number(), v.finite()),
    v.boolean(),
    v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS, mustBe(VALUE, `at most ${MAX_NAME_CHARS} characters`))),
    boundedList(v.array(nameString(VALUE)), MAX_NODES, atMost(MAX_NODES, 'items')),
  ],
  mustBe(VALUE),
);

const commandIsObject = 'a command must be an object such as {"type": "node.crash", "node": "n3"}';

/** One command: its type, summary, command-line form and fields. */
function command<T extends string, E extends v.ObjectEntries>(type: T, summary: string, cliSyntax: string, fields: E) {
  const names = Object.keys(fields);
  const otherwise = ` (${type} takes ${names.length === 0 ? 'no fields' : names.join(', ')})`;
  const object = closedObject({ type: v.literal(type), ...fields }, (issue) => commandMessage(issue));
  return { schema: hinted(v.pipe(object, v.description(summary)), { otherwise }), summary, cliSyntax };
}

export const COMMAND_DEFINITIONS = {
  'node.crash': command(
    'node.crash',
    'Stop a node: its process (its disk and whole log survive) or its power (only the flushed log survives). It can restart and replay its log.',
    'node.crash:<node>[,process|power]',
    {
      node: node('the node to crash'),
      kind: crashKind('"process" (default: the OS page cache survives) or "power" (only what was flushed survives)'),
    },
  ),
  'node.restart': command('node.restart', 'Start a crashed node again: it replays its write-ahead log, then rejoins.', 'node.restart:<node>', {
    node: node('the node to restart'),
  }),
  'node.destroy': command('node.destroy', 'Take a node away for good, disk and all.', 'node.destroy:<node>', {
    node: node('the node to destroy'),
  }),
  'node.rebuild': command(
    'node.rebuild',
    'Wipe a crashed node (or one that refused to start) and bring it back empty; cp re-homes what it held.',
    'node.rebuild:<node>',
    { node: node('the node to rebuild') },
  ),
  'node.checkpoint': command(
    'node.checkpoint',
    'Checkpoint a running node now: flush its data pages (a memory store writes a snapshot) so a restart replays only the log after it.',
    'node.checkpoint:<node>',
    { node: node('the node to checkpoint') },
  ),
  'link.cut': command(
    'link.cut',
    'Drop every message between two endpoints (or only from a to b when oneWay).',
    'link.cut:<a>,<b>[,oneWay]',
    {
      a: endpoint('one end of the link: a node id or "cp"'),
      b: endpoint('the other end: a node id or "cp"'),
      oneWay: v.optional(field(v.boolean(mustBe('true or false')), 'true or false', 'cut only the direction a → b')),
    },
  ),
  'link.heal': command('link.heal', 'Restore the link between two endpoints, both directions.', 'link.heal:<a>,<b>', {
    a: endpoint('one end of the link: a node id or "cp"'),
    b: endpoint('the other end: a node id or "cp"'),
  }),
  'network.partition': command(
    'network.partition',
    'Split the network: endpoints in different groups cannot reach each other (unnamed ones join the first group).',
    'network.partition:<a>+<b>|<c>+<d>',
    { groups: field(groups, GROUPS, 'the sides of the partition, each a list of node ids and/or "cp"') },
  ),
  'network.heal': command('network.heal', 'Heal every cut link and partition.', 'network.heal', {}),
  'rack.fail': command('rack.fail', 'Fail a whole rack (failure domain) at once.', 'rack.fail:<rack>[,process|power]', {
    rack: field(nameString('a rack id string'), 'a rack id string', 'the rack to fail'),
    kind: crashKind('"process" (default) or "power" (a rack losing power: each node keeps only the log it had flushed)'),
  }),
  'wal.corrupt': command(
    'wal.corrupt',
    "Flip a bit in one record of a node's write-ahead log (the newest, or one in the middle since its checkpoint): its checksum no longer matches, and a replay finds it.",
    'wal.corrupt:<node>,<tail|middle>',
    {
      node: node('the node whose log is hit'),
      at: field(v.picklist(WAL_POSITIONS, mustBe(WAL_POSITION)), WAL_POSITION, '"tail" (its newest record) or "middle" (halfway since the checkpoint)'),
    },
  ),
  'cluster.powerLoss': command(
    'cluster.powerLoss',
    'Cut the power to every running node at the same instant: each keeps only the log it had flushed.',
    'cluster.powerLoss',
    {},
  ),
  'config.set': command('config.set', 'Change a setting while the run goes on.', 'config.set:<path>=<value>', {
    path: field(
      nameString('a settings path string such as "params.rehomeGraceMs"'),
      'a settings path string such as "params.rehomeGraceMs"',
      'which setting, e.g. "params.rehomeGraceMs"',
    ),
    value: field(value, VALUE, 'the new value'),
  }),
  'workload.set': command(
    'workload.set',
    'Set the client traffic: writes (and optionally reads) per second, spread over the shards.',
    'workload.set:<writesPerSec>[,<readsPerSec>]',
    {
      writesPerSec: rate('client writes per second (0 stops them)'),
      readsPerSec: v.optional(rate('client reads per second')),
    },
  ),
  'shard.emergencyRepair': command(
    'shard.emergencyRepair',
    'Operator action for a shard that lost half or more of its voters: reachable replicas become the voters; writes only the others held are lost.',
    'shard.emergencyRepair:<shard>,<unsafe_rollback|unsafe_rollback_or_erase>',
    {
      shard: field(nameString(SHARD), SHARD, 'the shard to repair, e.g. "s001"'),
      mode: field(
        v.picklist(REPAIR_MODES, mustBe(MODE)),
        MODE,
        '"unsafe_rollback" (leave shards with no reachable replica alone) or "unsafe_rollback_or_erase" (recreate those empty)',
      ),
    },
  ),
  // ---- corruption (design recovery-repair.md §6, §11.1)
  'replica.corrupt': command(
    'replica.corrupt',
    "Plant bit rot in one replica: some of its keys no longer match their checksums. Nobody knows until a read, a scrub or a restart's check finds it.",
    'replica.corrupt:<node>,<shard>[,<keys>]',
    {
      node: node('the node whose replica rots'),
      shard: shard('the shard, e.g. "s042"'),
      keys: v.optional(field(v.pipe(v.number(mustBe(KEYS)), v.integer(mustBe(KEYS)), v.minValue(1, mustBe(KEYS)), v.maxValue(MAX_CORRUPT_KEYS, mustBe(KEYS))), KEYS, 'how many of its keys rot (default 1)')),
    },
  ),
  'disk.corrupt': command(
    'disk.corrupt',
    "A failing disk: that fraction of the node's replicas (at least one) each get a corrupt key.",
    'disk.corrupt:<node>,<fraction>',
    {
      node: node('the node whose disk fails'),
      fraction: field(
        v.pipe(v.number(mustBe(FRACTION)), v.check((f) => f > 0 && f <= 1, mustBe(FRACTION))),
        FRACTION,
        "the fraction of the node's replicas hit, more than 0 and at most 1",
      ),
    },
  ),
  'scrub.run': command(
    'scrub.run',
    'Scrub one shard now on every replica (ceph pg scrub / deep-scrub): light compares sizes and object counts; deep reads every byte and checks data checksums.',
    'scrub.run:<shard>[,deep]',
    {
      shard: shard('the shard to scrub, e.g. "s042"'),
      deep: v.optional(field(v.boolean(mustBe('true or false')), 'true or false', 'read every byte (deep scrub) rather than compare metadata')),
    },
  ),
  // ---- anti-entropy (design recovery-repair.md §7.4, §7.7, §11.1)
  'repair.run': command(
    'repair.run',
    'Anti-entropy (nodetool repair): the replicas of a shard, or of every shard, build Merkle trees, compare them and stream the key ranges that differ. Leaderless replication only.',
    'repair.run:<shard|all>,<full|incremental>[,<node>]',
    {
      shard: field(nameString(REPAIR_SCOPE), REPAIR_SCOPE, 'the shard to repair, e.g. "s042", or "all" for every shard'),
      mode: field(
        v.picklist(REPAIR_RUN_MODES, mustBe(REPAIR_TYPE)),
        REPAIR_TYPE,
        '"full" (compare every key) or "incremental" (only writes since the last repair; data marked repaired is not compared again)',
      ),
      node: v.optional(node('the node that coordinates; with "all", only the shards it holds are repaired')),
    },
  ),
  'shard.repair': command(
    'shard.repair',
    "Repair an inconsistent shard (ceph pg repair): its corrupt replicas are rewritten from a good copy.",
    'shard.repair:<shard>',
    { shard: shard('the inconsistent shard, e.g. "s042"') },
  ),
  // ---- control plane group (design recovery-repair.md §8, §11.1)
  'cp.crash': command(
    'cp.crash',
    'Crash one control-plane member (3-member control plane): if it led, the others elect a new leader after their election timeout.',
    'cp.crash:<member>',
    { member: member('the member to crash, e.g. "cp1"') },
  ),
  'cp.restart': command(
    'cp.restart',
    'Start a crashed control-plane member again: it rejoins as a follower and catches up on the journal.',
    'cp.restart:<member>',
    { member: member('the member to restart, e.g. "cp1"') },
  ),
  // ---- transactions (design recovery-repair.md §9, §11.1)
  'txn.run': command(
    'txn.run',
    "Run one transaction on a shard: its writes are provisional until it commits; it may abort, stay open (a crash finds it in progress) or prepare for a two-phase commit.",
    'txn.run:<shard>[,<writes>],<commit|abort|none|prepare>',
    {
      shard: shard('the shard the transaction writes, e.g. "s042"'),
      writes: v.optional(
        field(v.pipe(v.number(mustBe(WRITES)), v.integer(mustBe(WRITES)), v.minValue(1, mustBe(WRITES)), v.maxValue(100, mustBe(WRITES))), WRITES, 'how many writes it makes (default 3)'),
      ),
      end: field(v.picklist(TXN_ENDS, mustBe(TXN_END)), TXN_END, '"commit", "abort", "none" (left in progress) or "prepare" (two-phase: prepared, waiting for the decision)'),
    },
  ),
  'txn.resolve': command(
    'txn.resolve',
    "Decide an in-doubt two-phase transaction by hand (PostgreSQL's COMMIT PREPARED / ROLLBACK PREPARED).",
    'txn.resolve:<txn>,<commit|abort>',
    {
      txn: field(nameString(TXN_ID), TXN_ID, 'the in-doubt transaction, e.g. "t17"'),
      decision: field(v.picklist(TXN_DECISIONS, mustBe(DECISION)), DECISION, '"commit" or "abort"'),
    },
  ),
  // ---- backup and restore (design recovery-repair.md §10, §11.1)
  'backup.take': command(
    'backup.take',
    "Take a backup now: every shard's data as of this instant, and the control plane's journal, under a name.",
    'backup.take:<id>',
    { id: field(nameString(BACKUP_ID), BACKUP_ID, 'the name of the backup, e.g. "b1"') },
  ),
  'cluster.restore': command(
    'cluster.restore',
    'Reload every shard from a backup on its current placement; with walArchive, replay archived log up to a target time (point-in-time recovery).',
    'cluster.restore:<backup>[,<targetMs>]',
    {
      backup: field(nameString(BACKUP_ID), BACKUP_ID, 'the backup to restore, e.g. "b1"'),
      targetMs: v.optional(
        field(v.pipe(v.number(mustBe('a time in ms')), v.integer(mustBe('a whole number of ms')), v.minValue(0, mustBe('a time in ms, 0 or more'))), 'a time in ms', 'replay archived log up to this simulated time (ms); needs walArchive'),
      ),
    },
  ),
};

type Definitions = typeof COMMAND_DEFINITIONS;
export type CommandType = keyof Definitions;
export const COMMAND_TYPES = Object.keys(COMMAND_DEFINITIONS) as readonly CommandType[];

export function isCommandType(type: string): type is CommandType {
  return Object.prototype.hasOwnProperty.call(COMMAND_DEFINITIONS, type);
}

export function unknownTypeMessage(type: string): string {
  const hint = didYouMean(type, COMMAND_TYPES);
  const known = `known: ${COMMAND_TYPES.join(', ')}`;
  return `unknown command type "${type}" (${hint ? `${hint.slice(2, -1)}; ` : ''}${known})`;
}

/** The whole command is wrong: not an object, or no (known) type. */
const commandMessage: Message = (issue) => {
  if (issue.type !== 'variant' || issue.expected === 'Object') return `${commandIsObject}, got ${describeValue(issue.input)}`;
  const type = issue.input;
  if (type === undefined) return `command is missing field "type" (known: ${COMMAND_TYPES.join(', ')})`;
  if (typeof type !== 'string') return `command field "type" must be a string, got ${describeValue(type)}`;
  // Checked before any near-miss search, whose cost grows with the length: a 10 MB type is refused at once.
  if (type.length > MAX_NAME_CHARS) return `command field "type" must be at most ${MAX_NAME_CHARS} characters, got ${describeValue(type)}`;
  return unknownTypeMessage(type);
};

const variants = Object.values(COMMAND_DEFINITIONS).map((d) => d.schema) as {
  [T in CommandType]: Definitions[T]['schema'];
}[CommandType][];

/** Any command, told apart by `type`. */
export const CommandSchema = objectsOnly(v.variant('type', variants, commandMessage), commandMessage);

export type Command = v.InferOutput<typeof CommandSchema>;
export type RepairMode = (typeof REPAIR_MODES)[number];
export type RepairRunMode = (typeof REPAIR_RUN_MODES)[number];
