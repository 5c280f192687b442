import { describe, expect, it } from 'vitest';
import type { Scenario } from '../engine/index';
import { DEFAULT_FAILOVER, DEFAULT_PARAMS } from './defaults';
import { parseScenario } from './parse-scenario';

const minimal = { id: 'tiny', nodes: 3, shards: 10 };

function scenarioOf(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.scenario;
}

function problemsOf(input: unknown): string[] {
  const result = parseScenario(input);
  if (result.ok) throw new Error('expected problems, got a scenario');
  return result.problems;
}

describe('parseScenario: defaults and dealing', () => {
  it('fills every default into a minimal file', () => {
    expect(scenarioOf(minimal)).toEqual({
      id: 'tiny',
      title: 'tiny',
      seed: 1,
      nodes: [
        { id: 'n1', rack: 'r1' },
        { id: 'n2', rack: 'r2' },
        { id: 'n3', rack: 'r3' },
      ],
      shards: 10,
      replicationFactor: 3,
      shardSizeBytes: 67108864,
      params: DEFAULT_PARAMS,
      failover: DEFAULT_FAILOVER,
      placement: {},
      voters: {},
      profile: null,
      workload: { writesPerSec: 0, readsPerSec: 0 },
      timeline: [],
    });
  });

  it('deals nodes over racks in turn', () => {
    const scenario = scenarioOf({ id: 'nine', nodes: 9, racks: 3, shards: 1 });
    expect(scenario.nodes.map((n) => `${n.id}:${n.rack}`)).toEqual([
      'n1:r1',
      'n2:r2',
      'n3:r3',
      'n4:r1',
      'n5:r2',
      'n6:r3',
      'n7:r1',
      'n8:r2',
      'n9:r3',
    ]);
    expect(scenarioOf({ id: 'one-rack', nodes: 2, racks: 1, shards: 1, replicationFactor: 1 }).nodes).toEqual([
      { id: 'n1', rack: 'r1' },
      { id: 'n2', rack: 'r1' },
    ]);
  });

  it('keeps an explicit node list, with per-node rebuild rates', () => {
    const nodes = [
      { id: 'alpha', rack: 'east' },
      { id: 'beta', rack: 'west', rebuildBytesPerSec: 2_000_000 },
      { id: 'gamma', rack: 'east' },
    ];
    expect(scenarioOf({ id: 'named', nodes, shards: 4 }).nodes).toEqual(nodes);
  });

  it('merges partial params and failover blocks over the defaults', () => {
    const scenario = scenarioOf({
      ...minimal,
      params: { rehomeGraceMs: 30000 },
      failover: { registeredNodes: ['n1', 'n2'] },
    });
    expect(scenario.params).toEqual({ ...DEFAULT_PARAMS, rehomeGraceMs: 30000 });
    expect(scenario.failover).toEqual({ ...DEFAULT_FAILOVER, registeredNodes: ['n1', 'n2'] });
  });

  it('sorts the timeline by time, keeping the written order of ties', () => {
    const scenario = scenarioOf({
      ...minimal,
      timeline: [
        { atMs: 9000, command: { type: 'node.restart', node: 'n1' } },
        { atMs: 1000, command: { type: 'node.crash', node: 'n1' } },
        { atMs: 9000, command: { type: 'network.heal' } },
        { atMs: 0, command: { type: 'link.cut', a: 'n2', b: 'cp', oneWay: true } },
      ],
    });
    expect(scenario.timeline.map((t) => `${t.atMs} ${t.command.type}`)).toEqual([
      '0 link.cut',
      '1000 node.crash',
      '9000 node.restart',
      '9000 network.heal',
    ]);
  });

  it('accepts pinned placements and returns a parsed scenario that parses to itself', () => {
    const scenario = scenarioOf({
      ...minimal,
      description: 'pins',
      placement: { s001: ['n3', 'n1', 'n2'] },
      timeline: [{ atMs: 5, command: { type: 'rack.fail', rack: 'r2' } }],
    });
    expect(scenario.placement).toEqual({ s001: ['n3', 'n1', 'n2'] });
    expect(scenarioOf(scenario)).toEqual(scenario);
    expect(scenarioOf(JSON.stringify(scenario))).toEqual(scenario);
  });

  it('keeps a "what to watch" list, in order, and leaves it out when the file has none', () => {
    const watch = ['n3 crashes at 5 s.', 'cp declares it DEAD 10 s later.'];
    const scenario = scenarioOf({ ...minimal, watch });
    expect(scenario.watch).toEqual(watch);
    expect(scenario.watch).not.toBe(watch);
    expect(scenarioOf(JSON.stringify(scenario))).toEqual(scenario);
    expect(scenarioOf(minimal)).not.toHaveProperty('watch');
  });

  it('shares no arrays with its input', () => {
    const input = { ...minimal, placement: { s002: ['n1', 'n2', 'n3'] }, failover: { registeredNodes: ['n1'] } };
    const scenario = scenarioOf(input);
    expect(scenario.placement.s002).not.toBe(input.placement.s002);
    expect(scenario.failover.registeredNodes).not.toBe(input.failover.registeredNodes);
  });
});

describe('parseScenario: problems', () => {
  it('reports every problem of a malformed file at once, each naming its field', () => {
    const problems = problemsOf({
      id: 'Bad Id',
      nodes: 4,
      racks: 9,
      shards: 0,
      shardSizeBytes: -1,
      params: { heartbeatMs: 500, deadAfterMs: 'soon' },
      failover: { autoReReplicate: 'yes' },
      timeline: [{ atMs: -1, command: { type: 'node.crash', node: 'n1' } }],
      colour: 'blue',
    });
    expect(problems).toEqual([
      'unknown field "colour"',
      'id: must be a slug of lowercase letters, digits and "-" that starts with a letter or digit (e.g. "my-cluster"), got "Bad Id"',
      'racks: must be a whole number from 1 to 4 (racks cannot outnumber nodes), got 9',
      'shards: must be a whole number from 1 to 100000, got 0',
      'shardSizeBytes: must be a number from 1024 to 1099511627776 bytes, got -1',
      'unknown field "params.heartbeatMs" (did you mean "heartbeatIntervalMs"?)',
      'params.deadAfterMs: must be a number from 10 to 3600000 ms, got "soon"',
      'failover.autoReReplicate: must be true or false, got "yes"',
      'timeline[0].atMs: must be a number from 0 to 86400000 ms (from the start; the longest run is 24 h), got -1',
    ]);
  });

  it('suggests the field that was probably meant', () => {
    expect(problemsOf({ ...minimal, replicationFactr: 3 })).toEqual([
      'unknown field "replicationFactr" (did you mean "replicationFactor"?)',
    ]);
    expect(problemsOf({ ...minimal, params: { rehomeGrace: 5 } })).toEqual([
      'unknown field "params.rehomeGrace" (did you mean "rehomeGraceMs"?)',
    ]);
    expect(problemsOf({ ...minimal, failover: { autoRereplicate: true } })).toEqual([
      'unknown field "failover.autoRereplicate" (did you mean "autoReReplicate"?)',
    ]);
    expect(problemsOf({ ...minimal, zebra: 1 })).toEqual(['unknown field "zebra"']);
  });

  it('requires nodes and shards; everything else, id included, has a default', () => {
    const parsed = parseScenario({ nodes: 3, shards: 4 });
    expect(parsed.ok && parsed.scenario.id).toBe('custom');
    expect(problemsOf({})).toEqual([
      'nodes: required — a node count (e.g. 6) or a list of {"id", "rack"}',
      'shards: required — how many shards the data is split into (1 to 100000)',
    ]);
  });

  it('names an impossible replication factor', () => {
    expect(problemsOf({ ...minimal, replicationFactor: 4 })).toEqual([
      'replicationFactor: impossible RF 4: the cluster has only 3 nodes and each copy of a shard needs a node of its own',
    ]);
    expect(problemsOf({ id: 'pair', nodes: 2, shards: 1 })).toEqual([
      'replicationFactor: impossible RF 3 (the default): the cluster has only 2 nodes and each copy of a shard needs a node of its own',
    ]);
    expect(problemsOf({ ...minimal, replicationFactor: 1.5 })).toEqual([
      'replicationFactor: must be a whole number from 1 to 7 (copies of each shard), got 1.5',
    ]);
  });

  it('checks node counts, lists and rack rules', () => {
    expect(problemsOf({ id: 'x', nodes: 0, shards: 1 })).toEqual([
      'nodes: must be a whole number from 1 to 1000, or a list of {"id", "rack"}, got 0',
    ]);
    expect(problemsOf({ id: 'x', nodes: 1001, shards: 1 })).toEqual([
      'nodes: 1001 nodes is more than this console can simulate (at most 1000)',
    ]);
    expect(problemsOf({ id: 'x', nodes: 'six', shards: 1 })).toEqual([
      'nodes: must be a node count or a list of {"id", "rack"}, got "six"',
    ]);
    expect(problemsOf({ id: 'x', nodes: [], shards: 1 })).toEqual([
      'nodes: the list is empty; a cluster needs at least one node',
    ]);
    expect(
      problemsOf({
        id: 'x',
        racks: 2,
        replicationFactor: 1,
        shards: 1,
        nodes: [{ id: 'n1', rack: 'r1', disk: 5 }, { id: 'n 2', rack: 'r1' }, { id: 'cp', rack: 'r2' }, { id: 'n1' }, 7],
      }),
    ).toEqual([
      'racks: only allowed when "nodes" is a count; in a node list each node names its own rack',
      'unknown field "nodes[0].disk"',
      'nodes[1].id: must be a name of letters, digits, ".", "_" or "-" (no spaces), got "n 2"',
      'nodes[2].id: "cp" is reserved for the control plane',
      'nodes[3].rack: required',
      'nodes[3].id: "n1" is already used by nodes[0]',
      'nodes[4]: must be an object like {"id": "n1", "rack": "r1"}, got 7',
    ]);
    expect(
      problemsOf({ id: 'x', shards: 1, replicationFactor: 1, nodes: [{ id: 'a', rack: 'b', rebuildBytesPerSec: 0 }] }),
    ).toEqual(['nodes[0].rebuildBytesPerSec: must be a number from 1048576 to 1099511627776 bytes/s, got 0']);
  });

  it('checks params ranges and that SUSPECT comes before DEAD', () => {
    expect(problemsOf({ ...minimal, params: { maxConcurrentCopiesPerNode: 2.5, heartbeatIntervalMs: 0 } })).toEqual([
      'params.heartbeatIntervalMs: must be a number from 10 to 60000 ms, got 0',
      'params.maxConcurrentCopiesPerNode: must be a whole number from 1 to 64, got 2.5',
    ]);
    expect(problemsOf({ ...minimal, params: { suspectAfterMs: 12000 } })).toEqual([
      'params.suspectAfterMs: must be less than params.deadAfterMs (a node is suspected before it is declared dead), got 12000 and 10000',
    ]);
    expect(problemsOf({ ...minimal, params: [] })).toEqual(['params: must be an object of settings, got an empty array']);
  });

  it('checks failover settings against the node list', () => {
    expect(problemsOf({ ...minimal, failover: { registeredNodes: ['n1', 'n7'], asyncReReplicate: 0 } })).toEqual([
      'failover.asyncReReplicate: must be true or false, got 0',
      'failover.registeredNodes: unknown node "n7" (this cluster has n1…n3)',
    ]);
    expect(problemsOf({ ...minimal, failover: { registeredNodes: 'none' } })).toEqual([
      'failover.registeredNodes: must be "all" or a list of node ids, got "none"',
    ]);
  });

  it('names placement problems', () => {
    expect(
      problemsOf({
        ...minimal,
        placement: {
          s011: ['n1', 'n2', 'n3'],
          s1: ['n1', 'n2', 'n3'],
          s002: ['n1', 'n2'],
          s003: ['n1', 'n1', 'n2'],
          s004: ['n1', 'n2', 'n9'],
          s005: 'n1',
        },
      }),
    ).toEqual([
      'placement: unknown shard "s011"; this scenario\'s shards are s001…s010',
      'placement: unknown shard "s1" (did you mean "s001"?); this scenario\'s shards are s001…s010',
      'placement.s002: must list exactly 3 node ids (the replication factor), got 2',
      'placement.s003: lists node "n1" twice; each replica needs its own node',
      'placement.s004: unknown node "n9" (this cluster has n1…n3)',
      'placement.s005: must be a list of node ids, got "n1"',
    ]);
  });

  it('names timeline problems with the entry index', () => {
    expect(
      problemsOf({
        ...minimal,
        timeline: [
          { atMs: 1, command: { type: 'node.crash', node: 'n1' } },
          { atMs: 2, command: { type: 'node.explode', node: 'n1' } },
          { atMs: 3, command: { type: 'node.crash', node: 'n9' } },
          { at: 4, command: { type: 'network.heal' } },
          { atMs: 5 },
          { atMs: 6, command: { type: 'config.set', path: 'params.rehomeGraceMs', value: -5 } },
          'node.crash:n1',
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^timeline\[1\]\.command: unknown command type "node.explode" \(known: node.crash, /),
      'timeline[2].command: node.crash: unknown node "n9" (this cluster has n1…n3)',
      'unknown field "timeline[3].at" (did you mean "atMs"?)',
      'timeline[3].atMs: required — when to apply the command, in ms from the start',
      'timeline[4].command: required — e.g. {"type": "node.crash", "node": "n3"}',
      'timeline[5].command: config.set: params.rehomeGraceMs must be a number from 0 to 3600000 ms, got -5',
      'timeline[6]: must be an object like {"atMs": 5000, "command": {…}}, got "node.crash:n1"',
    ]);
  });

  it('checks top-level types and limits', () => {
    expect(problemsOf({ ...minimal, seed: -1, title: '', description: 5, shards: 200001 })).toEqual([
      'title: must be a non-empty string, got ""',
      'description: must be a non-empty string, got 5',
      'seed: must be a whole number from 0 to 4294967295, got -1',
      'shards: 200001 shards is more than this console can simulate (at most 100000)',
    ]);
    expect(problemsOf([minimal])).toEqual(['a scenario must be a JSON object, got an array']);
    expect(problemsOf(null)).toEqual(['a scenario must be a JSON object, got null']);
  });

  it('names a malformed "what to watch" list by its path', () => {
    expect(problemsOf({ ...minimal, watch: 'look at n3' })).toEqual([
      'watch: must be a list of non-empty strings (one per thing to watch), got "look at n3"',
    ]);
    expect(problemsOf({ ...minimal, watch: ['n3 crashes.', 5, '  '] })).toEqual([
      'watch[1]: must be a non-empty string, got 5',
      'watch[2]: must be a non-empty string, got "  "',
    ]);
    expect(problemsOf({ ...minimal, watch: [] })).toEqual([
      'watch: must name at least one thing to watch, or be left out',
    ]);
  });

  it('reports JSON syntax errors with their line and column', () => {
    expect(problemsOf('{\n  "id": "x",\n  "nodes": 3,\n}')).toEqual([
      'JSON syntax error at line 4, column 1: expected a property name in double quotes but found "}"',
    ]);
    expect(problemsOf('{"id": "x" "nodes": 3}')).toEqual([
      'JSON syntax error at line 1, column 12: expected "," or "}" after a property value but found "\\""',
    ]);
    expect(problemsOf('')).toEqual([
      'JSON syntax error at line 1, column 1: expected a value (object, list, string, number, true, false or null) but found the end of the text',
    ]);
  });

  it('loads nothing when anything is wrong', () => {
    const result = parseScenario({ ...minimal, timeline: [{ atMs: 1, command: { type: 'node.crash', node: 'n4' } }] });
    expect(result).toEqual({
      ok: false,
      problems: ['timeline[0].command: node.crash: unknown node "n4" (this cluster has n1…n3)'],
    });
    expect('scenario' in result).toBe(false);
  });

  it('skips node-name checks when the node list itself is broken, instead of piling on', () => {
    expect(
      problemsOf({
        id: 'x',
        nodes: 'lots',
        shards: 2,
        failover: { registeredNodes: ['n1'] },
        placement: { s001: ['n1', 'n2', 'n3'] },
        timeline: [{ atMs: 1, command: { type: 'node.crash', node: 'n1' } }],
      }),
    ).toEqual(['nodes: must be a node count or a list of {"id", "rack"}, got "lots"']);
  });
});

describe('parseScenario: quorum fields', () => {
  it('names every problem with profile, workload and voters', () => {
    const result = parseScenario({
      id: 'q',
      nodes: 3,
      shards: 2,
      placement: { s001: ['n1', 'n2', 'n3'] },
      profile: 'mongodb',
      workload: { writesPerSec: -1, burst: 3 },
      voters: { s001: ['n2', 'n9'], s002: ['n1'] },
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^profile: unknown profile "mongodb"; known: "zeptodb"/),
        expect.stringMatching(/^unknown field "workload\.burst"/),
        'workload.writesPerSec: must be a number from 0 to 10000 (per second), got -1',
        `voters.s001: "n9" is not one of s001's replicas (n1, n2, n3)`,
        'voters.s001: must include n1, the configured primary (the first node in placement.s001)',
        'voters.s002: s002 must also be pinned in "placement", so its replicas are known',
      ]),
    );
  });

  it('a profile presets settings, and the file’s own settings win', () => {
    const result = parseScenario({ id: 'p', nodes: 3, shards: 1, profile: 'cockroachdb', params: { suspectAfterMs: 2000 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.params.rehomeGraceMs).toBe(30000);
    expect(result.scenario.params.suspectAfterMs).toBe(2000);
    const rethink = parseScenario({ id: 'r', nodes: 3, shards: 1, profile: 'rethinkdb', failover: { autoReReplicate: true } });
    expect(rethink.ok && rethink.scenario.failover.autoReReplicate).toBe(true);
  });
});
