import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { EXIT, runCli, type CliIo } from './run-cli';
import type { SimReport } from './report';

/** The CLI flow against the real engine: the contract checks that fakes cannot make. */
function run(argv: string[]): { code: number; report: SimReport | null; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: () => {
      throw new Error('no files in this test');
    },
    createSimulation,
  };
  const code = runCli([...argv, '--json'], io);
  return { code, report: out.length > 0 ? (JSON.parse(out[0]) as SimReport) : null, err };
}

describe('npm run sim with the real engine', () => {
  it('an --at command fires exactly like the same command in a scenario timeline', () => {
    const viaFlag = run(['--scenario', 'rehome-worked-example', '--at', '20000:node.crash:n5']);
    const viaFile = run(['--scenario', 'second-failure-during-rebuild']);
    expect(viaFlag.code).toBe(EXIT.ok);
    expect(viaFlag.report?.digest).toBe(viaFile.report?.digest);
  });

  it('the worked example reaches healthy with the documented report', () => {
    const { code, report } = run(['--scenario', 'rehome-worked-example']);
    expect(code).toBe(EXIT.ok);
    expect(report?.run.reached).toBe(true);
    expect(report?.metrics.underReplicatedShards).toBe(0);
    expect(report?.failoverEvents[0]).toMatchObject({ failedNode: 'n3', reReplicationAttempted: true });
    expect(report?.shards).toHaveLength(400);
  });

  it('exits 3 with a report when healthy is out of reach', () => {
    const { code, report } = run(['--scenario', 'unregistered-fallback']);
    expect(code).toBe(EXIT.notReached);
    expect(report?.run.reached).toBe(false);
    expect(report?.timeMs).toBe(600000);
  });

  it('stops at an absolute --until time', () => {
    const { code, report } = run(['--scenario', 'rack-outage', '--until', '12000']);
    expect(code).toBe(EXIT.ok);
    expect(report?.timeMs).toBe(12000);
  });

  it('warns about a command the engine skips when its time comes', () => {
    const { code, report, err } = run(['--scenario', 'rehome-worked-example', '--at', '2000:node.restart:n1']);
    expect(code).toBe(EXIT.ok);
    expect(report?.skippedCommands).toHaveLength(1);
    expect(err[0]).toMatch(/^warning: at 2000 ms: .*n1/);
  });
});
