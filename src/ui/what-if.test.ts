// Goal: the what-if preview leads with what every scenario is about (copies lost), names writes only when
// clients write, and says both when both apply; the outline marks the same shards the sentence counts.
import { describe, expect, it } from 'vitest';
import type { WhatIfReport } from '../engine/index';
import type { WhatIf } from '../store/view-model';
import { outlinedShards, whatIfSummary } from './what-if';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function preview(label: string, effect: Partial<WhatIfReport>): WhatIf {
  const full: WhatIfReport = { loseCopy: [], lastCopy: [], lost: [], stopWrites: [], ...effect };
  return { label, shards: full.loseCopy, effect: full };
}

describe('whatIfSummary', () => {
  // The worked example: crashing n3 costs 200 shards a copy; 66 of them lose their primary, but no client writes.
  const crashN3 = preview('Crash n3', { loseCopy: ids('s', 200), stopWrites: ids('s', 66) });

  it('without clients, speaks of copies only', () => {
    expect(whatIfSummary(crashN3, false)).toBe('Crash n3: 200 shards would lose a copy (outlined).');
  });

  it('with clients writing, says both, copies first', () => {
    expect(whatIfSummary(crashN3, true)).toBe('Crash n3: 200 shards would lose a copy (outlined); 66 of them would stop taking writes at once.');
  });

  it('names shards left with one copy and shards left with none', () => {
    const second = preview('Crash n2', { loseCopy: ids('s', 30), lastCopy: ids('s', 12), lost: ['s29', 's30'] });
    expect(whatIfSummary(second, false)).toBe(
      'Crash n2: 30 shards would lose a copy (outlined): 12 would be down to their last copy and 2 would have none left (lost).',
    );
  });

  it('a cut that only stops writes says so, and says nothing of writes without clients', () => {
    const cut = preview('Cut n1–n2', { stopWrites: ['s001'] });
    expect(whatIfSummary(cut, true)).toBe('Cut n1–n2: no shard would lose a copy; 1 shard would stop taking writes at once (outlined).');
    expect(whatIfSummary(cut, false)).toBe('Cut n1–n2: no shard would lose a copy right away.');
    expect(whatIfSummary(preview('Restart n1', {}), true)).toBe('Restart n1: no shard would lose a copy or stop taking writes right away.');
  });
});

describe('outlinedShards', () => {
  it('outlines the shards losing a copy, and with clients those that would stop taking writes, each with its words', () => {
    const p = preview('Cut', { loseCopy: ['s001', 's002'], lastCopy: ['s002'], stopWrites: ['s001', 's003'] });
    expect([...outlinedShards(p, false)]).toEqual([
      ['s001', 'would lose a copy'],
      ['s002', 'would lose a copy, down to its last'],
    ]);
    expect([...outlinedShards(p, true)]).toEqual([
      ['s001', 'would lose a copy and stop taking writes'],
      ['s002', 'would lose a copy, down to its last'],
      ['s003', 'would stop taking writes'],
    ]);
    expect(outlinedShards(null, true).size).toBe(0);
  });
});
