import { describe, expect, it } from 'vitest';
import { withAtCommands } from './at-commands';
import { workedExample } from './fake-simulation';
import type { AtCommand } from './parse-args';

const at = (atMs: number, command: AtCommand['command'], text = 'typed'): AtCommand => ({ atMs, command, text });

describe('withAtCommands', () => {
  it('merges --at commands into the timeline, sorted by time, scenario entries first on ties', () => {
    const result = withAtCommands(workedExample(), [
      at(20000, { type: 'node.crash', node: 'n5' }),
      at(5000, { type: 'link.cut', a: 'cp', b: 'n4' }),
      at(0, { type: 'config.set', path: 'params.rehomeGraceMs', value: 1000 }),
    ]);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.scenario.timeline.map((t) => `${t.atMs} ${t.command.type}`)).toEqual([
      '0 config.set',
      '5000 node.crash',
      '5000 link.cut',
      '20000 node.crash',
    ]);
  });

  it('leaves the input scenario untouched', () => {
    const scenario = workedExample();
    withAtCommands(scenario, [at(1, { type: 'node.crash', node: 'n1' })]);
    expect(scenario.timeline).toHaveLength(1);
  });

  it('checks each command against the cluster and names the flag', () => {
    expect(
      withAtCommands(workedExample(), [
        at(1, { type: 'node.crash', node: 'n9' }, '1:node.crash:n9'),
        at(2, { type: 'rack.fail', rack: 'r7' }, '2:rack.fail:r7'),
        at(3, { type: 'node.crash', node: 'n1' }, '3:node.crash:n1'),
      ]),
    ).toEqual({
      ok: false,
      errors: [
        '--at "1:node.crash:n9": node.crash: unknown node "n9" (this cluster has n1…n6)',
        '--at "2:rack.fail:r7": rack.fail: unknown rack "r7" (this cluster has r1…r6)',
      ],
    });
  });
});
