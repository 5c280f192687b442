// Goal (issue 13, bench case b): a session's repair.marked and repair.finished, recorded spelled, read and hash exactly
// as the words the sessions always wrote (anti-entropy.ts), in every variant: full or incremental, agreed or differing,
// with or without pending data settled.
import { describe, expect, it } from 'vitest';
import { Trace } from './trace';
import { FINISHED, MARKED, type FinishedData, type MarkedData } from './repair-entries';

/** The words as anti-entropy.ts built them before they were spelled. */
const markedText = (d: MarkedData): string =>
  `${d.shard}: writes up to ${d.to} are marked repaired` +
  (d.mode === 'incremental' ? '; the next incremental repair compares only writes after them.' : ' (a full repair marks too).') +
  ' Marked data is never compared again by incremental repair, so later corruption in it is found only by a full repair or a deep scrub.';

const finishedText = (d: FinishedData, leaves: number, wasPending: boolean): string =>
  d.differingLeaves === 0
    ? `${d.shard} repaired: the replicas already agreed (roots ${d.root}); ${d.hashes} hashes exchanged, nothing streamed.`
    : `${d.shard} repaired: ${d.differingLeaves} of ${leaves} leaves differed, ${d.keys} keys streamed for ` +
      `${d.staleKeys} stale key(s); roots now match: ${d.root}.` + (wasPending ? ' The data an interrupted session left pending repair is settled.' : '');

describe('repair entries, spelled', () => {
  it('read and hash as the words written whole, in every variant', () => {
    const spelled = new Trace(100);
    const whole = new Trace(100);
    let seq = 0;
    for (const level of ['detail', 'info'] as const) {
      for (const mode of ['full', 'incremental'] as const) {
        for (const [from, to] of [[null, 0], [12, 4096]] as const) {
          const data: MarkedData = { shard: 's0042', session: `r${seq}`, from, to, mode };
          spelled.recordSpelled(seq, seq + 0.5, MARKED[level], { ...data }, null);
          whole.record(seq, seq + 0.5, 'repair', 'repair.marked', markedText(data), level, { ...data });
          seq++;
        }
      }
      for (const differingLeaves of [0, 1, 9]) {
        for (const wasPending of [false, true]) {
          const data: FinishedData = { shard: 's7', session: `r${seq}`, hashes: 3 * seq, wholeTree: 6141, differingLeaves, keys: 128 * differingLeaves, staleKeys: seq, root: '0a1b2c3d' };
          spelled.recordSpelled(seq, seq, FINISHED[level], { ...data }, { leaves: 1024, settledPending: wasPending });
          whole.record(seq, seq, 'repair', 'repair.finished', finishedText(data, 1024, wasPending), level, { ...data });
          seq++;
        }
      }
    }
    expect(spelled.since(0)).toEqual(whole.since(0));
    expect(spelled.digest()).toBe(whole.digest());
  });
});
