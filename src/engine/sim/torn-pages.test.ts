// Goal (issue 11, design §3.3–§3.4): full-page writes make the first PUT per shard after a checkpoint carry an 8 KiB
// image of its page, which replay reads (scanned bytes) and uses to restore a page the power loss tore; without them a
// torn page is corruption the restart's verify finds. Torn pages are drawn from `node:<id>:crash` after the log's draws.
import { describe, expect, it } from 'vitest';
import { createSimulation, PROFILES, type Scenario, type Simulation, type TraceEntry } from '../index';
import { builtIn } from '../../testing/load-scenario';

const RECORD_BYTES = 24 + 1024;
const PAGE_BYTES = 8192;

/** power-loss-torn-tail (PostgreSQL-like, 3 shards, n3 loses power at 5.5 s, restarts at 8 s), changed. */
function powerLoss(params: Partial<Scenario['params']>): Simulation {
  const scenario = builtIn('power-loss-torn-tail');
  scenario.params = { ...scenario.params, ...params };
  return createSimulation({ scenario });
}

const entries = (sim: Simulation, kind: string, actor?: string): TraceEntry[] =>
  sim.getTrace().filter((e) => e.kind === kind && (actor === undefined || e.actor === actor));

describe('fullPageWrites (§3.3)', () => {
  it('is on in the PostgreSQL-like profile (full_page_writes = on)', () => {
    expect(PROFILES.postgresql.params.fullPageWrites).toBe(true);
  });

  it('the first PUT per shard after a checkpoint carries an 8 KiB page image; later ones do not', () => {
    const sim = powerLoss({ fullPageWrites: true });
    sim.runUntil(() => sim.timeMs >= 3000, { maxMs: 3000 });
    const records = sim.getWal('n1').records.filter((r) => r.type === 'PUT');
    const firstOf = new Map<string, number>();
    for (const r of records) if (!firstOf.has(r.shard!)) firstOf.set(r.shard!, r.no);
    expect(firstOf.size).toBe(3);
    for (const r of records) expect(r.bytes).toBe(firstOf.get(r.shard!) === r.no ? RECORD_BYTES + PAGE_BYTES : RECORD_BYTES);
    // After a checkpoint, the next PUT of each shard carries a new image.
    sim.dispatch({ type: 'node.checkpoint', node: 'n1' });
    sim.runUntil(() => sim.timeMs >= 4000, { maxMs: 1000 });
    const after = sim.getWal('n1').records.filter((r) => r.type === 'PUT');
    const imaged = after.filter((r) => r.bytes === RECORD_BYTES + PAGE_BYTES).map((r) => r.shard);
    expect(new Set(imaged).size).toBe(imaged.length);
    expect(imaged.length).toBe(new Set(after.map((r) => r.shard)).size);
  });

  it('off: every PUT is header + payload', () => {
    const sim = powerLoss({ fullPageWrites: false });
    sim.runUntil(() => sim.timeMs >= 3000, { maxMs: 3000 });
    expect(sim.getWal('n1').records.every((r) => r.bytes === RECORD_BYTES)).toBe(true);
  });

  it('the images are read at replay: scanned bytes grow by one page per shard', () => {
    const on = powerLoss({ fullPageWrites: true, tornPageProbability: 0 });
    const off = powerLoss({ fullPageWrites: false, tornPageProbability: 0 });
    for (const sim of [on, off]) sim.runUntil(() => sim.timeMs >= 12_000, { maxMs: 12_000 });
    const r = (sim: Simulation) => sim.getState().nodes.find((n) => n.id === 'n3')!.recovery!.replay!;
    expect(r(on).scanned).toBe(r(off).scanned);
    expect(r(on).cost.scannedBytes - r(off).cost.scannedBytes).toBe(3 * PAGE_BYTES);
  });
});

describe('tornPageProbability (§3.4)', () => {
  it('with fullPageWrites, a torn page is restored from its image at replay, and the trace says so', () => {
    const sim = powerLoss({ fullPageWrites: true, tornPageProbability: 1 });
    sim.runUntil(() => sim.timeMs >= 12_000, { maxMs: 12_000 });
    const crash = entries(sim, 'node.crashed', 'n3')[0];
    expect(crash.text).toMatch(/torn data page/);
    const restored = entries(sim, 'wal.pageRestored', 'n3');
    expect(restored).toHaveLength(1);
    expect(restored[0].text).toMatch(/s001, s002, s003/);
    expect(restored[0].text).toMatch(/full-page image/);
    expect(sim.getMetrics().corruptReplicasTruth).toBe(0);
  });

  it('without fullPageWrites, a torn page is corruption; the restart verify finds it', () => {
    const sim = powerLoss({ fullPageWrites: false, tornPageProbability: 1, verifyOnRestart: 'metadata' });
    sim.runUntil(() => sim.timeMs >= 5600, { maxMs: 5600 });
    expect(sim.getMetrics().corruptReplicasTruth).toBe(3);
    expect(entries(sim, 'node.crashed', 'n3')[0].text).toMatch(/cannot repair/);
    sim.runUntil(() => sim.timeMs >= 12_000, { maxMs: 12_000 });
    expect(entries(sim, 'wal.pageRestored')).toHaveLength(0);
    const found = entries(sim, 'replica.corruptDetected', 'n3');
    expect(found.length).toBeGreaterThan(0);
  });

  it('drawn after the log draws: the same seed keeps the same torn record whatever the page chance', () => {
    const a = powerLoss({ tornPageProbability: 0 });
    const b = powerLoss({ tornPageProbability: 1 });
    for (const sim of [a, b]) sim.runUntil(() => sim.timeMs >= 5600, { maxMs: 5600 });
    const data = (sim: Simulation) => entries(sim, 'node.crashed', 'n3')[0].data;
    expect(data(b)).toEqual(data(a));
    expect(data(a)).toMatchObject({ tornNo: expect.any(Number) });
  });
});
