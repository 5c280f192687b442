import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_SPECS,
  COMMAND_TYPES,
  SETTABLE_PATHS,
  checkCommandAgainstCluster,
  describeCommand,
  formatCliCommand,
  parseCliCommand,
  parseCommand,
} from './commands';
import { CommandError, createSimulation } from './index';
import { scenario } from '../testing/load-scenario';
import type { Command } from './types';

const cluster = {
  nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'],
  rackIds: ['r1', 'r2', 'r3'],
};

function errorOf(result: ReturnType<typeof parseCommand>): string {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.command)}`);
  return result.error;
}

function commandOf(result: ReturnType<typeof parseCommand>): Command {
  if (!result.ok) throw new Error(result.error);
  return result.command;
}

describe('COMMAND_TYPES', () => {
  it('lists every command type once, each with a spec and a CLI syntax', () => {
    expect(COMMAND_TYPES).toEqual([
      'node.crash',
      'node.restart',
      'node.destroy',
      'node.rebuild',
      'node.checkpoint',
      'link.cut',
      'link.heal',
      'network.partition',
      'network.heal',
      'rack.fail',
      'wal.corrupt',
      'cluster.powerLoss',
      'config.set',
      'workload.set',
      'shard.emergencyRepair',
      'replica.corrupt',
      'disk.corrupt',
      'scrub.run',
      'repair.run',
      'shard.repair',
      'cp.crash',
      'cp.restart',
      'txn.run',
      'txn.resolve',
      'backup.take',
      'cluster.restore',
    ]);
    for (const type of COMMAND_TYPES) {
      expect(COMMAND_SPECS[type].type).toBe(type);
      expect(COMMAND_SPECS[type].cliSyntax.startsWith(type)).toBe(true);
    }
  });
});

describe('parseCommand', () => {
  it('accepts each command type and returns a fresh copy', () => {
    const raw = { type: 'network.partition', groups: [['n1', 'n2'], ['n3', 'cp']] };
    const command = commandOf(parseCommand(raw));
    expect(command).toEqual(raw);
    expect(command).not.toBe(raw);
    if (command.type === 'network.partition') expect(command.groups[0]).not.toBe(raw.groups[0]);

    expect(commandOf(parseCommand({ type: 'node.crash', node: 'n3' }))).toEqual({ type: 'node.crash', node: 'n3' });
    expect(commandOf(parseCommand({ type: 'link.cut', a: 'n1', b: 'cp', oneWay: true }))).toEqual({
      type: 'link.cut',
      a: 'n1',
      b: 'cp',
      oneWay: true,
    });
    expect(commandOf(parseCommand({ type: 'network.heal' }))).toEqual({ type: 'network.heal' });
    expect(commandOf(parseCommand({ type: 'config.set', path: 'failover.registeredNodes', value: ['n1'] }))).toEqual({
      type: 'config.set',
      path: 'failover.registeredNodes',
      value: ['n1'],
    });
  });

  it('names a field of the wrong type', () => {
    expect(errorOf(parseCommand({ type: 'node.crash', node: 42 }))).toBe(
      'node.crash: field "node" must be a node id string, got 42',
    );
    expect(errorOf(parseCommand({ type: 'node.crash', node: '' }))).toBe(
      'node.crash: field "node" must be a node id string, got ""',
    );
    expect(errorOf(parseCommand({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: 'yes' }))).toBe(
      'link.cut: field "oneWay" must be true or false, got "yes"',
    );
    expect(errorOf(parseCommand({ type: 'config.set', path: 'params.x', value: { a: 1 } }))).toBe(
      'config.set: field "value" must be a number, true/false, a string or a list of strings, got an object',
    );
  });

  it('names the exact partition member that is wrong', () => {
    expect(errorOf(parseCommand({ type: 'network.partition', groups: [['n1'], 'n2'] }))).toBe(
      'network.partition: field "groups[1]" must be a list of node ids or "cp", got "n2"',
    );
    expect(errorOf(parseCommand({ type: 'network.partition', groups: [['n1', 7]] }))).toBe(
      'network.partition: field "groups[0][1]" must be a node id or "cp", got 7',
    );
  });

  it('rejects unknown types, listing the known ones and suggesting a near miss', () => {
    expect(errorOf(parseCommand({ type: 'node.explode', node: 'n1' }))).toBe(
      `unknown command type "node.explode" (known: ${COMMAND_TYPES.join(', ')})`,
    );
    expect(errorOf(parseCommand({ type: 'node.crsh', node: 'n1' }))).toMatch(
      /^unknown command type "node.crsh" \(did you mean "node.crash"\?; known: node.crash, /,
    );
  });

  it('rejects a missing or non-string type and non-objects', () => {
    expect(errorOf(parseCommand({ node: 'n1' }))).toMatch(/^command is missing field "type" \(known: node.crash/);
    expect(errorOf(parseCommand({ type: 3 }))).toBe('command field "type" must be a string, got 3');
    expect(errorOf(parseCommand('node.crash'))).toMatch(/^a command must be an object .* got "node.crash"$/);
    expect(errorOf(parseCommand(null))).toMatch(/got null$/);
    expect(errorOf(parseCommand([]))).toMatch(/got an empty array$/);
  });

  it('rejects unknown extra fields by name, and reports every problem at once', () => {
    expect(errorOf(parseCommand({ type: 'node.crash', node: 'n1', nodes: 'n2' }))).toBe(
      'node.crash: unknown field "nodes" (did you mean "node"?)',
    );
    expect(errorOf(parseCommand({ type: 'network.heal', now: true }))).toBe(
      'network.heal: unknown field "now" (network.heal takes no fields)',
    );
    expect(errorOf(parseCommand({ type: 'link.cut', a: 1, extra: 1 }))).toBe(
      'link.cut: unknown field "extra" (link.cut takes a, b, oneWay); link.cut: field "a" must be a node id or "cp", got 1; ' +
        'link.cut: missing field "b" (a node id or "cp")',
    );
    expect(errorOf(parseCommand({ type: 'node.crash', node: 'n3', extra: 1 }))).toBe(
      'node.crash: unknown field "extra" (node.crash takes node, kind)',
    );
    expect(errorOf(parseCommand({ type: 'node.crash', nod: 'n3' }))).toBe(
      'node.crash: unknown field "nod" (did you mean "node"?); node.crash: missing field "node" (a node id string)',
    );
  });

  it('names each field by its full path when told where the command sits (a scenario timeline)', () => {
    const at = 'timeline[0].command';
    expect(errorOf(parseCommand({ type: 'node.crash', node: 'n3', extra: 1 }, at))).toBe(
      'unknown field "timeline[0].command.extra" (node.crash takes node, kind)',
    );
    expect(errorOf(parseCommand({ type: 'node.crash', nod: 'n3' }, at))).toBe(
      'unknown field "timeline[0].command.nod" (did you mean "node"?); timeline[0].command.node: required (a node id string)',
    );
    expect(errorOf(parseCommand({ type: 'network.partition', groups: [['n1', 7]] }, at))).toBe(
      'timeline[0].command.groups[0][1]: must be a node id or "cp", got 7',
    );
    expect(errorOf(parseCommand({ type: 'node.explode' }, at))).toMatch(/^timeline\[0\]\.command: unknown command type "node.explode"/);
  });
});

describe('the engine refuses a badly shaped command, whoever sends it', () => {
  const sim = () => createSimulation({ scenario: scenario({ nodes: 3, shards: 3 }), seed: 1 });
  // Untyped callers (the driver API from a page, a test in plain JS) can pass anything.
  const untyped = (raw: unknown) => raw as Command;

  it('a field it does not know is refused by name and nothing changes', () => {
    const s = sim();
    expect(() => s.dispatch(untyped({ type: 'node.crash', node: 'n3', extra: 1 }))).toThrow(
      new CommandError('node.crash: unknown field "extra" (node.crash takes node, kind)'),
    );
    expect(() => s.dispatch(untyped({ type: 'node.crash', nod: 'n3' }))).toThrow(/unknown field "nod" \(did you mean "node"\?\)/);
    expect(s.getState().nodes.every((n) => n.up)).toBe(true);
    expect(s.getTrace().some((e) => e.actor === 'user')).toBe(false);
  });

  it('a missing or mistyped field is refused the same way (not a crash)', () => {
    const s = sim();
    expect(() => s.dispatch(untyped({ type: 'node.crash' }))).toThrow(CommandError);
    expect(() => s.dispatch(untyped({ type: 'link.cut', a: 'n1', b: 2 }))).toThrow(/field "b" must be a node id or "cp", got 2/);
  });
});

describe('checkCommandAgainstCluster', () => {
  const check = (command: Command) => checkCommandAgainstCluster(command, cluster);

  it('accepts commands that name things this cluster has', () => {
    expect(check({ type: 'node.crash', node: 'n3' })).toBeNull();
    expect(check({ type: 'link.cut', a: 'cp', b: 'n4' })).toBeNull();
    expect(check({ type: 'network.partition', groups: [['n1', 'n2'], ['n3', 'cp']] })).toBeNull();
    expect(check({ type: 'network.heal' })).toBeNull();
    expect(check({ type: 'rack.fail', rack: 'r2' })).toBeNull();
    expect(check({ type: 'config.set', path: 'params.rehomeGraceMs', value: 0 })).toBeNull();
    expect(check({ type: 'config.set', path: 'failover.registeredNodes', value: 'all' })).toBeNull();
    expect(check({ type: 'config.set', path: 'failover.registeredNodes', value: [] })).toBeNull();
  });

  it('names an unknown node and shows what the cluster has', () => {
    expect(check({ type: 'node.crash', node: 'n42' })).toBe('node.crash: unknown node "n42" (this cluster has n1…n6)');
    expect(check({ type: 'node.restart', node: 'N3' })).toBe(
      'node.restart: unknown node "N3" (did you mean "n3"?) (this cluster has n1…n6)',
    );
    expect(check({ type: 'node.destroy', node: 'cp' })).toBe(
      'node.destroy: "cp" is the control plane, not a node (this cluster has n1…n6)',
    );
  });

  it('checks link endpoints', () => {
    expect(check({ type: 'link.cut', a: 'n1', b: 'n9' })).toBe(
      'link.cut: unknown endpoint "n9" (this cluster has n1…n6, plus "cp" for the control plane)',
    );
    expect(check({ type: 'link.heal', a: 'n2', b: 'n2' })).toBe(
      'link.heal: both ends are "n2"; a link joins two different endpoints',
    );
    expect(check({ type: 'link.cut', a: 'cp', b: 'cp' })).toBe(
      'link.cut: both ends are "cp"; a link joins two different endpoints',
    );
  });

  it('checks partition groups', () => {
    expect(check({ type: 'network.partition', groups: [] })).toBe(
      'network.partition: needs at least one group of endpoints',
    );
    expect(check({ type: 'network.partition', groups: [['n1'], []] })).toBe(
      'network.partition: group 2 is empty; every group needs at least one endpoint',
    );
    expect(check({ type: 'network.partition', groups: [['n1', 'n2'], ['n2', 'cp']] })).toBe(
      'network.partition: "n2" is in both group 1 and group 2; an endpoint can be on one side only',
    );
    expect(check({ type: 'network.partition', groups: [['n1', 'n1']] })).toBe(
      'network.partition: "n1" is listed twice in group 1',
    );
    expect(check({ type: 'network.partition', groups: [['n1'], ['n7']] })).toMatch(
      /^network.partition: unknown endpoint "n7"/,
    );
  });

  it('names an unknown rack', () => {
    expect(check({ type: 'rack.fail', rack: 'r9' })).toBe('rack.fail: unknown rack "r9" (this cluster has r1…r3)');
  });

  it('checks config paths, value types and ranges', () => {
    expect(check({ type: 'config.set', path: 'params.heartbeatMs', value: 500 })).toMatch(
      /^config.set: unknown path "params.heartbeatMs" \(did you mean "params.heartbeatIntervalMs"\?\); settable: params.heartbeatIntervalMs, /,
    );
    expect(check({ type: 'config.set', path: 'params.rehomeGraceMs', value: -1 })).toBe(
      'config.set: params.rehomeGraceMs must be a number from 0 to 3600000 ms, got -1',
    );
    expect(check({ type: 'config.set', path: 'params.heartbeatIntervalMs', value: 0 })).toBe(
      'config.set: params.heartbeatIntervalMs must be a number from 10 to 60000 ms, got 0',
    );
    expect(check({ type: 'config.set', path: 'params.maxConcurrentCopiesPerNode', value: 1.5 })).toBe(
      'config.set: params.maxConcurrentCopiesPerNode must be a whole number from 1 to 64, got 1.5',
    );
    expect(check({ type: 'config.set', path: 'params.linkLatencyMs', value: '5' })).toBe(
      'config.set: params.linkLatencyMs must be a number from 0 to 10000 ms, got "5"',
    );
    expect(check({ type: 'config.set', path: 'failover.autoReReplicate', value: 1 })).toBe(
      'config.set: failover.autoReReplicate must be true or false, got 1',
    );
    expect(check({ type: 'config.set', path: 'failover.registeredNodes', value: ['n1', 'n8'] })).toBe(
      'config.set: failover.registeredNodes unknown node "n8" (this cluster has n1…n6)',
    );
    expect(check({ type: 'config.set', path: 'failover.registeredNodes', value: 'some' })).toBe(
      'config.set: failover.registeredNodes must be "all" or a list of node ids, got "some"',
    );
    expect(check({ type: 'config.set', path: 'failover.registeredNodes', value: ['n1', 'n1'] })).toBe(
      'config.set: failover.registeredNodes lists node "n1" twice',
    );
  });

  it('lists a settable path for every SimParams field and failover setting', () => {
    expect(SETTABLE_PATHS.map((p) => p.path)).toEqual([
      'params.heartbeatIntervalMs',
      'params.suspectAfterMs',
      'params.deadAfterMs',
      'params.rehomeGraceMs',
      'params.rebuildBytesPerSecPerNode',
      'params.maxConcurrentCopiesPerNode',
      'params.copyStreamTimeoutMs',
      'params.linkLatencyMs',
      'params.controlPlaneStepMs',
      'params.walReplayMs',
      'params.walRecoveryMode',
      'params.walScanBytesPerSec',
      'params.walApplyMsPerRecord',
      'params.walReplayChunkRecords',
      'params.snapshotLoadBytesPerSec',
      'params.idempotentApply',
      'params.electionTimeoutMs',
      'params.checksumOnRead',
      'params.scrubIntervalMs',
      'params.deepScrubIntervalMs',
      'params.scrubBytesPerSec',
      'params.corruptionResponse',
      'params.scrubAutoRepair',
      'params.verifyOnRestart',
      'params.logRetainEntries',
      'params.logTruncationHoldMs',
      'params.catchUpBytesPerSec',
      'params.walRecordHeaderBytes',
      'params.walWriteBytes',
      'params.walSegmentBytes',
      'params.walDetailRecordsPerNode',
      'params.walSyncMode',
      'params.walSyncPeriodMs',
      'params.checkpointIntervalMs',
      'params.snapshotEveryRecords',
      'params.stateStore',
      'params.tornWriteProbability',
      'params.tornOnProcessCrash',
      'params.walHistoryRecords',
      'params.fullPageWrites',
      'params.tornPageProbability',
      'params.replication',
      'params.writeConsistency',
      'params.readConsistency',
      'params.keysPerShard',
      'params.hotKeyFraction',
      'params.hotTrafficFraction',
      'params.readRepair',
      'params.hintedHandoff',
      'params.maxHintWindowMs',
      'params.hintDeliveryBytesPerSec',
      'params.maxHintsDeliveryThreads',
      'params.sloppyQuorum',
      'params.merkleMaxDepth',
      'params.merkleExchange',
      'params.validationBytesPerSec',
      'params.repairStreamBytesPerSec',
      'params.antiEntropyIntervalMs',
      'params.versioning',
      'params.cpElectionTimeoutMinMs',
      'params.cpElectionTimeoutMaxMs',
      'params.cpApplyMsPerEntry',
      'params.cpSnapshotEveryEntries',
      'params.resumeCopies',
      'params.bufferPolicy',
      'params.recoveryAlgorithm',
      'params.backupIntervalMs',
      'params.walArchive',
      'params.restoreBytesPerSecPerNode',
      'failover.autoReReplicate',
      'failover.asyncReReplicate',
      'failover.registeredNodes',
    ]);
    for (const p of SETTABLE_PATHS) expect(p.description.length).toBeGreaterThan(10);
  });
});

describe('describeCommand', () => {
  it('says each command in plain words', () => {
    expect(describeCommand({ type: 'node.crash', node: 'n3' })).toBe('crash n3');
    expect(describeCommand({ type: 'node.restart', node: 'n3' })).toBe('restart n3');
    expect(describeCommand({ type: 'node.destroy', node: 'n3' })).toBe('destroy n3 (its disk is lost)');
    expect(describeCommand({ type: 'node.rebuild', node: 'n3' })).toBe('rebuild n3 (wipe its disk; it comes back empty)');
    expect(describeCommand({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: true })).toBe(
      'cut the link n1 → n2 (one way)',
    );
    expect(describeCommand({ type: 'link.cut', a: 'n1', b: 'n2' })).toBe('cut the link n1 ↔ n2');
    expect(describeCommand({ type: 'link.heal', a: 'n1', b: 'cp' })).toBe('heal the link n1 ↔ cp');
    expect(describeCommand({ type: 'network.partition', groups: [['n1', 'n2'], ['n3', 'cp']] })).toBe(
      'partition the network into {n1, n2} | {n3, cp}',
    );
    expect(describeCommand({ type: 'network.heal' })).toBe('heal every cut link');
    expect(describeCommand({ type: 'rack.fail', rack: 'r1' })).toBe('fail every node in rack r1');
    expect(describeCommand({ type: 'config.set', path: 'params.rehomeGraceMs', value: 30000 })).toBe(
      'set params.rehomeGraceMs to 30000',
    );
    expect(describeCommand({ type: 'config.set', path: 'failover.registeredNodes', value: ['n1', 'n2'] })).toBe(
      'set failover.registeredNodes to [n1, n2]',
    );
  });
});

describe('parseCliCommand', () => {
  const ok = (text: string) => commandOf(parseCliCommand(text));
  const bad = (text: string) => errorOf(parseCliCommand(text));

  it('reads every command kind', () => {
    expect(ok('node.crash:n3')).toEqual({ type: 'node.crash', node: 'n3' });
    expect(ok('node.restart:n3')).toEqual({ type: 'node.restart', node: 'n3' });
    expect(ok('node.destroy:n3')).toEqual({ type: 'node.destroy', node: 'n3' });
    expect(ok('node.rebuild:n3')).toEqual({ type: 'node.rebuild', node: 'n3' });
    expect(ok('link.cut:n1,n2')).toEqual({ type: 'link.cut', a: 'n1', b: 'n2' });
    expect(ok('link.cut:cp,n4')).toEqual({ type: 'link.cut', a: 'cp', b: 'n4' });
    expect(ok('link.cut:n1,n2,oneWay')).toEqual({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: true });
    expect(ok('link.heal:n1,n2')).toEqual({ type: 'link.heal', a: 'n1', b: 'n2' });
    expect(ok('network.partition:n1+n2|n3+n4+cp')).toEqual({
      type: 'network.partition',
      groups: [
        ['n1', 'n2'],
        ['n3', 'n4', 'cp'],
      ],
    });
    expect(ok('network.heal')).toEqual({ type: 'network.heal' });
    expect(ok('network.heal:')).toEqual({ type: 'network.heal' });
    expect(ok('rack.fail:r1')).toEqual({ type: 'rack.fail', rack: 'r1' });
  });

  it('reads config.set values as number, boolean, list or string', () => {
    const value = (text: string) => {
      const command = ok(`config.set:${text}`);
      return command.type === 'config.set' ? command.value : undefined;
    };
    expect(ok('config.set:params.rehomeGraceMs=30000')).toEqual({
      type: 'config.set',
      path: 'params.rehomeGraceMs',
      value: 30000,
    });
    expect(value('p=1.5')).toBe(1.5);
    expect(value('p=-2')).toBe(-2);
    expect(value('p=1e3')).toBe(1000);
    expect(value('p=true')).toBe(true);
    expect(value('p=false')).toBe(false);
    expect(value('p=n1,n2')).toEqual(['n1', 'n2']);
    expect(value('p=[n1]')).toEqual(['n1']);
    expect(value('p=[]')).toEqual([]);
    expect(value('p=all')).toBe('all');
    expect(value('p = 12 ')).toBe(12);
  });

  it('tolerates spaces around the parts', () => {
    expect(ok('  link.cut: n1 , n2 ')).toEqual({ type: 'link.cut', a: 'n1', b: 'n2' });
  });

  it('names what is wrong and shows the syntax', () => {
    expect(bad('')).toBe('empty command (write it as kind:args, e.g. node.crash:n3)');
    expect(bad('node.explode:n1')).toMatch(/^unknown command type "node.explode" \(known: node.crash/);
    expect(bad('node.crash')).toBe('node.crash: missing arguments after the kind (write it as node.crash:<node>[,process|power])');
    expect(bad('node.crash:n1,n2')).toBe(
      'node.crash: second argument must be "process" or "power", got "n2" (write it as node.crash:<node>[,process|power])',
    );
    expect(bad('node.crash:n1,power,n2')).toBe('node.crash: unexpected extra argument "n2" (write it as node.crash:<node>[,process|power])');
    expect(bad('node.crash:n3,extra=1')).toBe('node.crash: unknown field "extra" (write it as node.crash:<node>[,process|power])');
    expect(bad('node.crash:n3,nod=n3')).toBe(
      'node.crash: unknown field "nod" (did you mean "node"?) (write it as node.crash:<node>[,process|power])',
    );
    expect(bad('workload.set:5,5,burst=3')).toBe(
      'workload.set: unknown field "burst" (write it as workload.set:<writesPerSec>[,<readsPerSec>])',
    );
    expect(bad('node.crash:n1,')).toBe('node.crash: empty name in "n1," (write it as node.crash:<node>[,process|power])');
    expect(bad('link.cut:n1')).toBe(
      'link.cut: expected 2 or 3 arguments, got 1 (write it as link.cut:<a>,<b>[,oneWay])',
    );
    expect(bad('link.cut:n1,n2,both')).toBe(
      'link.cut: third argument must be "oneWay", got "both" (write it as link.cut:<a>,<b>[,oneWay])',
    );
    expect(bad('link.heal:n1,n2,oneWay')).toBe('link.heal: unexpected extra argument "oneWay" (write it as link.heal:<a>,<b>)');
    expect(bad('link.cut:n1,n2,onWay')).toBe(
      'link.cut: third argument must be "oneWay", got "onWay" (did you mean "oneWay"?) (write it as link.cut:<a>,<b>[,oneWay])',
    );
    expect(bad('link.cut:n1,n2,oneWay,x')).toBe(
      'link.cut: unexpected extra argument "x" (write it as link.cut:<a>,<b>[,oneWay])',
    );
    expect(bad('network.partition:n1+|n2')).toBe(
      'network.partition: group 1: empty name in "n1+" (write it as network.partition:<a>+<b>|<c>+<d>)',
    );
    expect(bad('network.heal:n1')).toBe('network.heal: takes no arguments, got "n1" (write it as network.heal)');
    expect(bad('config.set:params.rehomeGraceMs')).toBe(
      'config.set: expected <path>=<value>, got "params.rehomeGraceMs" (write it as config.set:<path>=<value>)',
    );
    expect(bad('config.set:=5')).toBe('config.set: missing path before "=" (write it as config.set:<path>=<value>)');
    expect(bad('config.set:p=')).toBe('config.set: missing value after "p=" (write it as config.set:<path>=<value>)');
    expect(bad('config.set:p=[n1')).toBe(
      'config.set: list value "[n1" has no closing "]" (write it as config.set:<path>=<value>)',
    );
  });

  it('leaves cluster checks to checkCommandAgainstCluster', () => {
    const command = ok('node.crash:n99');
    expect(checkCommandAgainstCluster(command, cluster)).toMatch(/unknown node "n99"/);
  });
});

describe('formatCliCommand', () => {
  it('writes the documented forms', () => {
    expect(formatCliCommand({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: true })).toBe('link.cut:n1,n2,oneWay');
    expect(formatCliCommand({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: false })).toBe('link.cut:n1,n2');
    expect(formatCliCommand({ type: 'network.partition', groups: [['n1', 'n2'], ['n3', 'cp']] })).toBe(
      'network.partition:n1+n2|n3+cp',
    );
    expect(formatCliCommand({ type: 'network.heal' })).toBe('network.heal');
    expect(formatCliCommand({ type: 'config.set', path: 'failover.registeredNodes', value: ['n1'] })).toBe(
      'config.set:failover.registeredNodes=[n1]',
    );
    expect(formatCliCommand({ type: 'config.set', path: 'failover.registeredNodes', value: ['n1', 'n2'] })).toBe(
      'config.set:failover.registeredNodes=n1,n2',
    );
  });

  const id = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,5}$/);
  const path = fc.constantFrom(...SETTABLE_PATHS.map((p) => p.path));
  const commandArb: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ type: fc.constantFrom('node.crash' as const, 'node.restart' as const, 'node.destroy' as const), node: id }),
    fc.record({ type: fc.constant('link.cut' as const), a: id, b: id }),
    fc.record({ type: fc.constant('link.cut' as const), a: id, b: id, oneWay: fc.constant(true) }),
    fc.record({ type: fc.constant('link.heal' as const), a: id, b: id }),
    fc.record({
      type: fc.constant('network.partition' as const),
      groups: fc.array(fc.array(id, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    }),
    fc.constant({ type: 'network.heal' as const }),
    fc.record({ type: fc.constant('rack.fail' as const), rack: id }),
    fc.record({
      type: fc.constant('config.set' as const),
      path,
      value: fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.boolean(),
        fc.constant('all'),
        fc.array(id, { maxLength: 5 }),
      ),
    }),
  );

  it('round-trips through parseCliCommand for every command', () => {
    fc.assert(
      fc.property(commandArb, (command) => {
        expect(commandOf(parseCliCommand(formatCliCommand(command)))).toEqual(command);
      }),
      { numRuns: 500 },
    );
  });
});
