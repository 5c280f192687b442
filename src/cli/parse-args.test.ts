import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MS, USAGE, parseArgs, type SimOptions } from './parse-args';

function optionsOf(argv: string[]): SimOptions {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function errorsOf(argv: string[]): string[] {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected errors, got ${JSON.stringify(parsed)}`);
  return parsed.errors;
}

const BUILT_INS =
  'rehome-worked-example, rack-aware-nine-nodes, rack-outage, second-failure-during-rebuild, flapping-node-grace, unregistered-fallback, ' +
  'primary-failover-rf3, two-server-no-failover, minority-partition, non-transitive-4357, configured-primary-returns, emergency-repair, ' +
  'power-loss-torn-tail, restart-walkthrough, recovery-modes-mid-log, crash-during-replay, crash-during-replay-not-idempotent, txn-restart-rules, txn-restart-rules-aries, txn-in-doubt, ' +
  'snapshot-vs-replay, replay-without-snapshot, catch-up-log-vs-snapshot, cluster-power-loss, cluster-power-loss-per-commit, restore-from-backup, restore-from-backup-pitr, bit-rot-deep-scrub, read-repair-vs-anti-entropy, ' +
  'merkle-divergence, merkle-divergence-level-by-level, sync-vs-async-repair, sync-vs-async-repair-async, hinted-handoff-window, ' +
  'hinted-handoff-window-exceeded, hinted-handoff-any-lost, incremental-repair, cp-leader-dies-mid-rehome, cp-leader-dies-mid-rehome-no-journal, cp-leader-dies-mid-rehome-cold, partial-failure-lab, fleet-100-nodes, fleet-1000-nodes';

describe('parseArgs: valid input', () => {
  it('needs only --scenario; defaults to until healthy, summary output, the scenario seed', () => {
    expect(optionsOf(['--scenario', 'rack-outage'])).toEqual({
      scenario: 'rack-outage',
      seed: null,
      at: [],
      until: { kind: 'healthy' },
      json: false,
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      optionsOf([
        '--scenario=my-cluster.json',
        '--seed',
        '42',
        '--at',
        '5000:node.crash:n3',
        '--at=20000:link.cut:n1,n2,oneWay',
        '--until',
        '61000',
        '--json',
      ]),
    ).toEqual({
      scenario: 'my-cluster.json',
      seed: 42,
      at: [
        { atMs: 5000, command: { type: 'node.crash', node: 'n3' }, text: '5000:node.crash:n3' },
        {
          atMs: 20000,
          command: { type: 'link.cut', a: 'n1', b: 'n2', oneWay: true },
          text: '20000:link.cut:n1,n2,oneWay',
        },
      ],
      until: { kind: 'time', atMs: 61000 },
      json: true,
    });
  });

  it('reads --until healthy, idle and fractional or exponent times', () => {
    expect(optionsOf(['--scenario', 'x', '--until', 'idle']).until).toEqual({ kind: 'idle' });
    expect(optionsOf(['--scenario', 'x', '--until', 'healthy']).until).toEqual({ kind: 'healthy' });
    expect(optionsOf(['--scenario', 'x', '--until', '1.5e4']).until).toEqual({ kind: 'time', atMs: 15000 });
    expect(optionsOf(['--scenario', 'x', '--until', '0']).until).toEqual({ kind: 'time', atMs: 0 });
  });

  it('accepts seed 0 and the largest 32-bit seed', () => {
    expect(optionsOf(['--scenario', 'x', '--seed', '0']).seed).toBe(0);
    expect(optionsOf(['--scenario', 'x', '--seed', '4294967295']).seed).toBe(4294967295);
  });

  it('reads partition and config.set commands', () => {
    const { at } = optionsOf([
      '--scenario',
      'x',
      '--at',
      '1000:network.partition:n1+n2|n3+cp',
      '--at',
      '2000:config.set:params.rehomeGraceMs=30000',
      '--at',
      '3000:network.heal',
    ]);
    expect(at.map((a) => [a.atMs, a.command])).toEqual([
      [1000, { type: 'network.partition', groups: [['n1', 'n2'], ['n3', 'cp']] }],
      [2000, { type: 'config.set', path: 'params.rehomeGraceMs', value: 30000 }],
      [3000, { type: 'network.heal' }],
    ]);
  });
});

describe('parseArgs: help', () => {
  it('returns help for --help or -h, wherever it is and whatever else is wrong', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--bogus', '--scenario', 'x', '--help'])).toEqual({ kind: 'help' });
  });

  it('documents flags, commands, built-ins and exit codes', () => {
    for (const text of ['--scenario <id|file.json>', '--seed <n>', '--at <ms>:<command>', '--until <ms>|healthy|idle', '--json']) {
      expect(USAGE).toContain(text);
    }
    for (const syntax of ['node.crash:<node>[,process|power]', 'link.cut:<a>,<b>[,oneWay]', 'network.partition:<a>+<b>|<c>+<d>', 'config.set:<path>=<value>']) {
      expect(USAGE).toContain(syntax);
    }
    expect(USAGE).toContain(`Built-in scenarios: ${BUILT_INS}`);
    expect(USAGE).toMatch(/^ {2}2 {2}bad input/m);
    expect(USAGE).toMatch(/^ {2}3 {2}the --until target was not reached within 600000 ms; the report is printed anyway/m);
    expect(DEFAULT_MAX_MS).toBe(600000);
  });
});

describe('parseArgs: every error names the flag and the bad value', () => {
  it('missing --scenario lists the built-ins', () => {
    expect(errorsOf([])).toEqual([`missing --scenario <id|file.json> (built-ins: ${BUILT_INS})`]);
    expect(errorsOf(['--json'])).toEqual([`missing --scenario <id|file.json> (built-ins: ${BUILT_INS})`]);
  });

  it('flags without a value', () => {
    expect(errorsOf(['--scenario'])).toEqual([
      '--scenario needs a value: a built-in scenario id or a path to a .json file',
    ]);
    expect(errorsOf(['--scenario', '--json'])).toEqual([
      '--scenario needs a value: a built-in scenario id or a path to a .json file',
    ]);
    expect(errorsOf(['--scenario=', 'x'])).toEqual([
      '--scenario needs a value: a built-in scenario id or a path to a .json file',
      'unexpected argument "x" (flags start with --; see --help)',
    ]);
    expect(errorsOf(['--scenario', 'x', '--seed'])).toEqual(['--seed needs a value: a whole number from 0 to 4294967295']);
    expect(errorsOf(['--scenario', 'x', '--at'])).toEqual(['--at needs a value: <ms>:<command>, e.g. 5000:node.crash:n3']);
    expect(errorsOf(['--scenario', 'x', '--until', '--json'])).toEqual([
      '--until needs a value: a time from 0 to 86400000 ms (24 h, the longest run), "healthy", "idle" or "converged"',
    ]);
  });

  it('unknown flags, with a suggestion', () => {
    expect(errorsOf(['--scenario', 'x', '--sed', '4'])).toEqual([
      'unknown flag "--sed" (did you mean "--seed"?) (see --help)',
      'unexpected argument "4" (flags start with --; see --help)',
    ]);
    expect(errorsOf(['--scenario', 'x', '--verbose'])).toEqual(['unknown flag "--verbose" (see --help)']);
    expect(errorsOf(['--scenario', 'x', '--until-ms=5'])).toEqual([
      'unknown flag "--until-ms" (did you mean "--until"?) (see --help)',
    ]);
  });

  it('stray positional arguments', () => {
    expect(errorsOf(['rack-outage'])).toEqual([
      'unexpected argument "rack-outage" (flags start with --; see --help)',
      `missing --scenario <id|file.json> (built-ins: ${BUILT_INS})`,
    ]);
  });

  it('flags given twice (except --at)', () => {
    expect(errorsOf(['--scenario', 'a', '--scenario', 'b'])).toEqual(['--scenario given twice; give it once']);
    expect(errorsOf(['--scenario', 'a', '--seed', '1', '--seed', '2'])).toEqual(['--seed given twice; give it once']);
    expect(errorsOf(['--scenario', 'a', '--until', 'idle', '--until', '5'])).toEqual([
      '--until given twice; give it once',
    ]);
    expect(errorsOf(['--scenario', 'a', '--json', '--json'])).toEqual(['--json given twice; give it once']);
  });

  it('bad seeds', () => {
    for (const seed of ['-1', '1.5', 'abc', '4294967296', '1e3']) {
      expect(errorsOf(['--scenario', 'x', '--seed', seed])).toEqual([
        `--seed must be a whole number from 0 to 4294967295, got "${seed}"`,
      ]);
    }
  });

  it('a value given to --json', () => {
    expect(errorsOf(['--scenario', 'x', '--json=yes'])).toEqual(['--json takes no value, got "--json=yes"']);
  });

  it('bad --until values', () => {
    for (const until of ['soon', '-5', 'Infinity', '60s']) {
      expect(errorsOf(['--scenario', 'x', '--until', until])).toEqual([
        `--until must be a time from 0 to 86400000 ms (24 h, the longest run), "healthy", "idle" or "converged", got "${until}"`,
      ]);
    }
  });

  it('bad --at values: shape, time and command', () => {
    const at = (value: string) => errorsOf(['--scenario', 'x', '--at', value]);
    expect(at('node.crash:n3')).toEqual([
      '--at "node.crash:n3": missing the time: write <ms>:<command>, e.g. 5000:node.crash:n3',
    ]);
    expect(at('network.heal')).toEqual(['--at "network.heal": expected <ms>:<command>, e.g. 5000:node.crash:n3']);
    expect(at('5s:node.crash:n3')).toEqual([
      '--at "5s:node.crash:n3": the time "5s" must be a number of ms from 0 to 86400000 (24 h, the longest run); write <ms>:<command>, e.g. 5000:node.crash:n3',
    ]);
    expect(at('5000')).toEqual(['--at "5000": expected <ms>:<command>, e.g. 5000:node.crash:n3']);
    expect(at('-5:node.crash:n1')).toEqual([
      '--at "-5:node.crash:n1": the time "-5" must be a number of ms from 0 to 86400000 (24 h, the longest run); write <ms>:<command>, e.g. 5000:node.crash:n3',
    ]);
    expect(at('5000:node.crash')).toEqual([
      '--at "5000:node.crash": node.crash: missing arguments after the kind (write it as node.crash:<node>[,process|power])',
    ]);
    expect(at('5000:node.explode:n1')[0]).toMatch(
      /^--at "5000:node.explode:n1": unknown command type "node.explode" \(known: node.crash, /,
    );
    expect(at('5000:node.crash:n3,extra=1')).toEqual([
      '--at "5000:node.crash:n3,extra=1": node.crash: unknown field "extra" (write it as node.crash:<node>[,process|power])',
    ]);
    expect(at('5000:link.cut:n1')).toEqual([
      '--at "5000:link.cut:n1": link.cut: expected 2 or 3 arguments, got 1 (write it as link.cut:<a>,<b>[,oneWay])',
    ]);
  });

  it('collects every problem in one pass', () => {
    expect(errorsOf(['--seed', 'x', '--until', 'never', '--at', '1:nope', '--bogus'])).toEqual([
      '--seed must be a whole number from 0 to 4294967295, got "x"',
      '--until must be a time from 0 to 86400000 ms (24 h, the longest run), "healthy", "idle" or "converged", got "never"',
      expect.stringMatching(/^--at "1:nope": unknown command type "nope"/),
      'unknown flag "--bogus" (see --help)',
      `missing --scenario <id|file.json> (built-ins: ${BUILT_INS})`,
    ]);
  });
});
