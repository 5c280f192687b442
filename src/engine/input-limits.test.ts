import { describe, expect, it } from 'vitest';
import { CommandError, createSimulation } from './index';
import { checkSettable } from './settable-paths';
import { parseCommand } from './command-shape';
import { checkCommandAgainstCluster, parseCliCommand } from './commands';
import { parseScenario } from '../scenarios/parse-scenario';
import { scenario } from '../testing/load-scenario';

/** Issue 9 item 5: every dimension, rate and time has a limit, and input past it is refused by name. */

const problemsOf = (raw: unknown): string[] => {
  const result = parseScenario(raw);
  if (result.ok) throw new Error(`expected problems for ${JSON.stringify(raw).slice(0, 200)}`);
  return result.problems;
};

/** The run below reaches healthy at 4.1 s after 6,233 events; a regression that loops (the reason for the limits) would not. */
const EVENTS_TO_HEALTHY_AT_MOST = 10_000;

describe('params limits (file, config.set)', () => {
  it.each([
    ['heartbeatIntervalMs', 1e-6, 'from 10 to 60000 ms'],
    ['heartbeatIntervalMs', 1e9, 'from 10 to 60000 ms'],
    ['suspectAfterMs', 1e-3, 'from 10 to 3600000 ms'],
    ['deadAfterMs', 1e12, 'from 10 to 3600000 ms'],
    ['copyStreamTimeoutMs', 0.5, 'from 100 to 3600000 ms'],
    ['linkLatencyMs', 1e9, 'from 0 to 10000 ms'],
    ['controlPlaneStepMs', 1e9, 'from 0 to 60000 ms'],
    ['rebuildBytesPerSecPerNode', 1, 'from 1048576 to 1099511627776 bytes/s'],
    ['maxConcurrentCopiesPerNode', 1e6, 'a whole number from 1 to 64'],
  ])('%s = %s is refused, naming the limit', (key, value, limit) => {
    expect(problemsOf({ nodes: 3, shards: 3, params: { [key]: value } }).join('\n')).toContain(`params.${key}: must be`);
    expect(problemsOf({ nodes: 3, shards: 3, params: { [key]: value } }).join('\n')).toContain(limit);
    expect(checkSettable(`params.${key}`, value, ['n1'])).toContain(limit);
  });

  it('a dispatched config.set of a 1e-6 ms heartbeat throws a CommandError naming the limit', () => {
    const sim = createSimulation({ scenario: scenario({ nodes: 3, shards: 3 }), seed: 1 });
    expect(() => sim.dispatch({ type: 'config.set', path: 'params.heartbeatIntervalMs', value: 1e-6 })).toThrow(
      /params\.heartbeatIntervalMs must be a number from 10 to 60000 ms/,
    );
  });

  it('the fastest allowed settings still let a run reach healthy quickly', () => {
    const sim = createSimulation({
      scenario: scenario({
        nodes: 6,
        shards: 30,
        params: { heartbeatIntervalMs: 10, suspectAfterMs: 10, deadAfterMs: 20, controlPlaneStepMs: 0, linkLatencyMs: 0 },
        timeline: [{ atMs: 100, command: { type: 'node.crash', node: 'n1' } }],
      }),
      seed: 1,
    });
    // Counted in events, not wall time (a busy machine must not fail it): 10 ms heartbeats for a minute would be
    // ~36,000 events (more with 6 nodes); healthy comes long before.
    const run = sim.runUntil('healthy', { maxMs: 60_000 });
    expect(run.reached).toBe(true);
    expect(sim.eventCount).toBeLessThan(EVENTS_TO_HEALTHY_AT_MOST);
    // ~4 s of CPU on this 2-core machine: a timeout fit for a busy machine, not a wall-time assertion.
  }, 60_000);
});

describe('cluster dimensions', () => {
  it('2,000 nodes × 200,000 shards at RF 2,000 is refused, naming each limit', () => {
    const text = problemsOf({ nodes: 2000, shards: 200_000, replicationFactor: 2000 }).join('\n');
    expect(text).toContain('nodes: 2000 nodes is more than this console can simulate (at most 1000)');
    expect(text).toContain('shards: 200000 shards is more than this console can simulate (at most 100000)');
    expect(text).toContain('replicationFactor: must be a whole number from 1 to 7');
  });

  it('RF 8 on 10 nodes is refused; RF 7 is allowed', () => {
    expect(problemsOf({ nodes: 10, shards: 3, replicationFactor: 8 }).join('\n')).toContain('from 1 to 7');
    expect(parseScenario({ nodes: 10, shards: 3, replicationFactor: 7 }).ok).toBe(true);
  });

  it('shard size and per-node rebuild rate have limits', () => {
    expect(problemsOf({ nodes: 3, shards: 3, shardSizeBytes: 1e30 }).join('\n')).toContain(
      'shardSizeBytes: must be a number from 1024 to 1099511627776 bytes',
    );
    expect(
      problemsOf({ nodes: [{ id: 'a', rack: 'r', rebuildBytesPerSec: 1e-3 }], shards: 1, replicationFactor: 1 }).join('\n'),
    ).toContain('nodes[0].rebuildBytesPerSec: must be a number from 1048576 to 1099511627776 bytes/s');
  });

  it('a timeline entry past the 24 h horizon is refused by name', () => {
    expect(
      problemsOf({ nodes: 3, shards: 3, timeline: [{ atMs: 1e15, command: { type: 'network.heal' } }] }).join('\n'),
    ).toContain('timeline[0].atMs: must be a number from 0 to 86400000 ms');
  });
});

describe('workload.set and link.cut shapes', () => {
  it.each([[-1], [1e9], ['5'], [undefined], [NaN]])('workload.set writesPerSec %s is refused naming 0…10000', (rate) => {
    const result = parseCommand({ type: 'workload.set', writesPerSec: rate });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/writesPerSec.*(0 to 10000|≥ 0)/);
  });

  it('oneWay "yes" and unknown fields are refused', () => {
    expect(parseCommand({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: 'yes' })).toMatchObject({ ok: false });
    expect(parseCommand({ type: 'node.crash', node: 'n1', extra: 1 })).toMatchObject({ ok: false });
  });
});

describe('over-long text', () => {
  const huge = 'x'.repeat(10 * 1024 * 1024);

  it('a 10 MB config.set path is refused at once and echoed cut to 40 characters', () => {
    const result = parseCommand({ type: 'config.set', path: huge, value: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.length).toBeLessThan(400);
      expect(result.error).toContain('at most 200 characters');
      expect(result.error).toContain('(10485760 characters)');
    }
  });

  it('a 10 MB command type, field name or CLI command is refused at once', () => {
    for (const raw of [{ type: huge }, { type: 'node.crash', node: 'n1', [huge]: 1 }]) {
      const result = parseCommand(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeLessThan(600);
    }
    const cli = parseCliCommand(`config.set:${huge}=1`);
    expect(cli.ok).toBe(false);
    if (!cli.ok) expect(cli.error.length).toBeLessThan(600);
  });
});

describe('malformed commands', () => {
  const cluster = { nodeIds: ['n1', 'n2', 'n3'], rackIds: ['r1', 'r2', 'r3'] };
  const badValues: unknown[] = [undefined, null, 42, -1, NaN, Infinity, true, '', 'zz', [], ['n1'], {}, { a: 1 }, [[]], [[1]]];
  const types = [
    'node.crash',
    'node.restart',
    'node.destroy',
    'link.cut',
    'link.heal',
    'network.partition',
    'network.heal',
    'rack.fail',
    'config.set',
    'workload.set',
    'shard.emergencyRepair',
  ];
  const fields = ['node', 'a', 'b', 'oneWay', 'groups', 'rack', 'path', 'value', 'writesPerSec', 'readsPerSec', 'shard', 'mode'];
  const malformed: unknown[] = [null, undefined, 42, 'node.crash', [], [{ type: 'node.crash' }], {}, { type: 7 }, { type: null }, { type: 'node.explode' }];
  for (const type of types) {
    malformed.push({ type });
    for (const field of fields) for (const value of badValues) malformed.push({ type, [field]: value });
  }

  it(`each of ${malformed.length} malformed commands throws a CommandError from dispatch, never a TypeError`, () => {
    const sim = createSimulation({ scenario: scenario({ nodes: 3, shards: 3 }), seed: 1 });
    const wrong: string[] = [];
    for (const raw of malformed) {
      // Some are accidentally well-formed (network.heal with nothing extra); those are fine either way.
      if (parseCommand(raw).ok && checkCommandAgainstCluster(raw as never, cluster) === null) continue;
      try {
        sim.dispatch(raw as never);
        wrong.push(`accepted ${JSON.stringify(raw)}`);
      } catch (error) {
        if (!(error instanceof CommandError)) wrong.push(`${String(error)} for ${JSON.stringify(raw)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('checkCommandAgainstCluster answers every malformed command with a message, never a throw', () => {
    const thrown: string[] = [];
    for (const raw of malformed) {
      try {
        checkCommandAgainstCluster(raw as never, cluster);
      } catch (error) {
        thrown.push(`${String(error)} for ${JSON.stringify(raw)}`);
      }
    }
    expect(thrown).toEqual([]);
  });
});
