// Goal: the outside oracle's seed 321117406 (issue 14): after an emergency repair, a cluster power loss and a restart
// of every node, s001's only voter came back amnesiac and its other copies held writes the repair rolled back. With
// no primary there was no catch-up source, so nobody ever voted again. A divergent copy that still holds the whole
// history as a prefix needs nobody to truncate its tail: it does, becomes a source, and the cluster heals.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type TimedCommand } from '../index';
import { scenario } from '../../testing/load-scenario';

const at = (atMs: number, command: Command): TimedCommand => ({ atMs, command });

describe('a divergent copy holding the whole history truncates without a source', () => {
  it("seed 321117406's shrunk schedule: amnesiac sole voter n5, divergent n3 and n4 — it heals", () => {
    const timeline = [
      at(3000, { type: 'node.crash', node: 'n5', kind: 'power' }),
      at(9500, { type: 'rack.fail', rack: 'r1', kind: 'power' } as Command),
      at(13400, { type: 'node.restart', node: 'n5' }),
      at(14000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' } as Command),
      at(14000, { type: 'cluster.powerLoss' }),
      at(24000, { type: 'network.heal' }),
      ...['n1', 'n2', 'n3', 'n4', 'n5'].map((node) => at(24000, { type: 'node.restart', node })),
    ];
    const sim = createSimulation({
      scenario: scenario({
        id: 'sweep-321117406',
        seed: 321117406,
        nodes: 5,
        racks: 1,
        shards: 1,
        replicationFactor: 3,
        shardSizeBytes: 4 * 1024 * 1024,
        workload: { writesPerSec: 4, readsPerSec: 0 },
        params: { walSyncMode: 'periodic' },
        timeline,
      }),
    });
    const result = sim.runUntil('healthy', { maxMs: 60_000 });
    expect(result.reason).toMatch(/^healthy/);
    const trace = sim.getTrace();
    // A divergent copy truncates with no primary to learn from, and the amnesiac voter catches up from it.
    const truncated = trace.filter((e) => e.kind === 'replica.truncated' && e.timeMs >= 24_000);
    expect(truncated.length).toBeGreaterThan(0);
    const from = truncated[0].data.node as string;
    expect(trace.some((e) => e.kind === 'catchup.logTail' && e.data.node === 'n5' && e.data.source === from)).toBe(true);
    expect(trace.some((e) => e.kind === 'primary.elected' && e.timeMs >= 24_000)).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
    // The amnesiac voter's way back is told as the state has it: the repair rolled the history back below what it had
    // acknowledged, so it is not "past" that LSN; it holds the whole (shorter) history.
    const back = trace.find((e) => e.kind === 'replica.caughtUp' && e.data.node === 'n5' && e.timeMs >= 24_000)!;
    const claimed = /past LSN (\d+)/.exec(back.text);
    if (claimed) expect(Number(claimed[1])).toBeLessThanOrEqual(back.data.lsn as number);
    expect(back.text).toMatch(/votes again/);
  });
});
