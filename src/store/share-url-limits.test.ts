import { describe, expect, it } from 'vitest';
import { MAX_URL_SCENARIO_JSON_CHARS } from '../engine/index';
import { DEFAULT_SCENARIO_ID, decodeShareParams } from './share-url';
import { builtInScenarioIds } from '../scenarios/registry';

/** Issue 9 item 5: every URL parameter past its limit is named, with the allowed values, and a default is used. */
describe('share URL limits', () => {
  it('e past 10,000,000 is named and ignored', () => {
    const { state, problems } = decodeShareParams('?e=9007199254740991');
    expect(state.eventCount).toBeNull();
    expect(problems).toEqual(['URL parameter e: must be a whole number from 0 to 10000000, got "9007199254740991"; ignored.']);
  });

  it('t past 24 h is named and ignored', () => {
    const { state, problems } = decodeShareParams('?t=86400001');
    expect(state.timeMs).toBeNull();
    expect(problems[0]).toContain('URL parameter t: must be a number of ms from 0 to 86400000');
  });

  it('theme=<script> and reducedMotion=banana are named with their allowed values', () => {
    const { problems } = decodeShareParams('?theme=%3Cscript%3E&reducedMotion=banana');
    expect(problems).toEqual([
      `URL parameter theme: must be "light" or "dark", got "<script>"; using the system's theme.`,
      `URL parameter reducedMotion: must be 0 or 1, got "banana"; using the system's motion setting.`,
    ]);
  });

  it('a config.set in c with a 1e-6 ms heartbeat is skipped, naming the limit', () => {
    const { state, problems } = decodeShareParams('?c=0@0@config.set:params.heartbeatIntervalMs=1e-6');
    expect(state.commands).toEqual([]);
    expect(problems[0]).toContain('params.heartbeatIntervalMs must be a number from 10 to 60000 ms');
  });

  it('a scenarioJson past its length limit is refused by name before decoding, and the default scenario loads', () => {
    // A valid file with an 8 MB title: without the limit it decodes (slowly) and is accepted.
    const json = JSON.stringify({ id: 'big', nodes: 3, shards: 1, title: 'x'.repeat(6_000_000) });
    const value = Buffer.from(json).toString('base64url');
    const { state, problems } = decodeShareParams(`?scenarioJson=${value}`);
    expect(state.scenario.id).toBe(DEFAULT_SCENARIO_ID);
    expect(problems).toEqual([
      `URL parameter scenarioJson: ${value.length} characters, more than the limit of ${MAX_URL_SCENARIO_JSON_CHARS} ` +
        `(browsers cap a whole URL near 2 MB); loaded "${DEFAULT_SCENARIO_ID}" instead.`,
    ]);
  });

  it('a 1 MB scenario id is echoed as its first 40 characters', () => {
    const { problems } = decodeShareParams(`?scenario=${'x'.repeat(1_000_000)}`);
    expect(problems[0]).toContain('(1000000 characters)');
    // The id is cut to its first 40 characters; the rest of the message lists the built-ins, which grow with the course.
    expect(problems[0]).not.toContain('x'.repeat(41));
    expect(problems[0].length).toBeLessThan(1000 + builtInScenarioIds().join(', ').length);
  });
});

/** Issue 9: the number of URL commands is capped; the first MAX_URL_COMMANDS still apply and one alert names the limit. */
describe('share URL command count', () => {
  it('past 10,000 `c` commands the first 10,000 apply and the rest are refused in one message naming the limit', () => {
    const entries = Array.from({ length: 10_003 }, (_, i) => `c=${i}@${i}@node.crash:n1`).join('&');
    const { state, problems } = decodeShareParams(`?${entries}`);
    expect(state.commands).toHaveLength(10_000);
    expect(state.commands[9_999]).toEqual({ atMs: 9_999, afterEvent: 9_999, command: { type: 'node.crash', node: 'n1' } });
    expect(problems).toEqual([
      'URL parameter c: 10003 commands, more than the limit of 10000; the first 10000 apply, the last 3 were skipped.',
    ]);
  });

  it('exactly 10,000 commands is fine', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => `c=${i}@${i}@node.crash:n1`).join('&');
    const { state, problems } = decodeShareParams(`?${entries}`);
    expect(state.commands).toHaveLength(10_000);
    expect(problems).toEqual([]);
  });
});
