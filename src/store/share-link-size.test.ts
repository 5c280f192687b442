import { describe, expect, it } from 'vitest';
import { MAX_URL_SCENARIO_JSON_CHARS } from '../engine/index';
import { scenario } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';
import { decodeShareParams } from './share-url';

describe('sharing a loaded file too big for a link', () => {
  it('says so instead of writing a link the receiving page would refuse', () => {
    const placement = Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`s${String(i + 1).padStart(5, '0')}`, ['n1', 'n2', 'n3']]));
    const big = scenario({ id: 'big-file', nodes: 3, shards: 90_000, shardSizeBytes: 4 * 1024 * 1024, placement });
    const session = new ConsoleSession(big, big.seed, manualFrames());
    expect(new URLSearchParams(session.shareQuery()).get('scenarioJson')!.length).toBeGreaterThan(MAX_URL_SCENARIO_JSON_CHARS);
    expect(session.shareProblem()).toMatch(/too big to share in a link: it takes \d+ characters, more than the limit of 2000000/);
    session.flush();
    expect(session.store.getState().alerts.at(-1)?.message).toMatch(/too big to share in a link/);
    // Building 90,000 shards takes a few seconds on a busy 2-core machine: a timeout fit for CI, not a retry.
  }, 30_000);

  it('a loaded file of ordinary size shares as a link that opens it again', () => {
    const small = scenario({ id: 'small-file', nodes: 4, shards: 10, shardSizeBytes: 4 * 1024 * 1024 });
    const session = new ConsoleSession(small, small.seed, manualFrames());
    expect(session.shareProblem()).toBeNull();
    const { state, problems } = decodeShareParams(`?${session.shareQuery()}`);
    expect(problems).toEqual([]);
    expect(state.scenario.id).toBe('small-file');
  });
});
