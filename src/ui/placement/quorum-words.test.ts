// Goal (issue 13, design recovery-repair.md §7.1): the placement legend of a leaderless cluster speaks of the write
// consistency level, never of a primary or a quorum of voters; primary mode keeps its words.
import { describe, expect, it } from 'vitest';
import { quorumStatesFor, quorumWordsFor } from './quorum-summary';

describe('the writes legend', () => {
  it('primary replication: takes writes / primary unreachable / no primary / no quorum / lost', () => {
    const p = { replication: 'primary', writeConsistency: 'QUORUM' } as const;
    expect(quorumStatesFor(p).map((s) => quorumWordsFor(p)[s])).toEqual(['takes writes', 'primary unreachable', 'no primary', 'no quorum (read-only)', 'lost']);
  });

  it('leaderless: takes writes at the CL, too few replicas for it, lost; no primary anywhere', () => {
    const p = { replication: 'leaderless', writeConsistency: 'QUORUM' } as const;
    const words = quorumStatesFor(p).map((s) => quorumWordsFor(p)[s]);
    expect(words).toEqual(['takes writes (CL QUORUM)', 'too few replicas for CL QUORUM', 'lost']);
    expect(Object.values(quorumWordsFor(p)).join(' ')).not.toMatch(/primary|voter|quorum \(/);
  });
});
