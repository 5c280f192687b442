import type { ClusterState, RepairView, TraceEntry } from '../engine/index';

/**
 * The outside oracle: judges a run only by what a user sees — the state
 * (`getState()`), the trace (`write.acked` entries) and the reported lost
 * writes. It never imports the engine's invariants code nor calls
 * `checkInvariants()`, so a bug there cannot hide a bug here.
 */

export type ViolationClass =
  | 'ack-unaccounted'
  | 'lost-count-mismatch'
  | 'lost-without-cause'
  | 'lost-to-power-under-percommit'
  | 'two-primaries-in-term'
  | 'term-regressed'
  | 'duplicate-replicas'
  | 'duplicate-voters'
  | 'healthy-not-true'
  | 'healthy-while-catching-up'
  | 'no-heal-within-bound';

export interface Violation {
  cls: ViolationClass;
  atMs: number;
  detail: string;
}

export class Oracle {
  /** Highest acknowledged LSN per shard not reported lost (lowered when a loss is reported). */
  private readonly ackedTop = new Map<string, number>();
  /** Per shard and node, the last LSN seen on that node's copy; forgotten when the node is destroyed. */
  private readonly seenHeld = new Map<string, Map<string, number>>();
  /** (shard, term) → the primary seen in that term. */
  private readonly primaryOfTerm = new Map<string, string>();
  private readonly lastTerm = new Map<string, number>();
  private lostSeen = 0;
  /** Leaderless: per shard, key → the newest acknowledged writeId (design recovery-repair.md §7.1). */
  private readonly ackedKeys = new Map<string, Map<number, number>>();
  /** Leaderless: per shard, the writeIds reported lost. */
  private readonly lostIds = new Map<string, Set<number>>();
  acks = 0;
  elections = 0;
  /** Re-replication copies committed. */
  repairs = 0;
  emergencyRepairs = 0;

  /** Takes the entries written since the last call, then the state now; returns what it finds wrong. */
  observe(state: ClusterState, entries: readonly TraceEntry[]): Violation[] {
    const out: Violation[] = [];
    const flag = (cls: ViolationClass, detail: string): void => {
      out.push({ cls, atMs: state.timeMs, detail });
    };
    for (const e of entries) {
      if (e.kind === 'write.acked') {
        this.acks++;
        const shard = String(e.data.shard);
        const lsn = Number(e.data.lsn);
        if (lsn > (this.ackedTop.get(shard) ?? 0)) this.ackedTop.set(shard, lsn);
        if (e.data.key !== undefined) this.noteKeyAck(shard, Number(e.data.key), lsn);
      } else if (e.kind === 'copy.committed') this.repairs++;
      else if (e.kind === 'shard.emergencyRepaired') this.emergencyRepairs++;
    }
    this.accountLosses(state, flag);
    const destroyed = new Set(state.nodes.filter((n) => n.lifecycle === 'destroyed').map((n) => n.id));
    // Leaderless: no primary, terms or voters to judge, and a shard's LSN is no history a replica holds (a write may
    // live only in hints): acknowledged writes are checked key by key instead (checkLeaderlessAcks).
    if (isLeaderless(state)) {
      for (const shard of state.shards)
        if (new Set(shard.replicas).size !== shard.replicas.length) flag('duplicate-replicas', `${shard.id} replicas ${JSON.stringify(shard.replicas)}`);
      return out;
    }
    for (const shard of state.shards) {
      if (new Set(shard.replicas).size !== shard.replicas.length) flag('duplicate-replicas', `${shard.id} replicas ${JSON.stringify(shard.replicas)}`);
      if (new Set(shard.voters).size !== shard.voters.length) flag('duplicate-voters', `${shard.id} voters ${JSON.stringify(shard.voters)}`);
      this.checkTerm(shard.id, shard.term, shard.primary, flag);
      this.checkAcksHeld(shard.id, shard.replicaRoles, destroyed, flag);
    }
    return out;
  }

  /**
   * The truth behind "healthy": every shard at exactly RF on distinct live ACTIVE nodes, its primary and
   * every voter listed and holding every acknowledged write, writable, nothing copying or queued.
   */
  checkHealthyTruth(state: ClusterState): Violation[] {
    const problems: string[] = [];
    const lagging: string[] = [];
    const nodes = new Map(state.nodes.map((n) => [n.id, n]));
    if (state.copies.length > 0) problems.push(`${state.copies.length} copies still in flight or queued`);
    for (const s of state.shards) {
      const held = new Map(s.replicaRoles.map((r) => [r.node, r.heldLsn]));
      const roles = new Map(s.replicaRoles.map((r) => [r.node, r.role]));
      const top = Math.max(this.ackedTop.get(s.id) ?? 0, s.lsn);
      if (s.replicas.length !== state.replicationFactor || new Set(s.replicas).size !== s.replicas.length)
        problems.push(`${s.id} has replicas ${JSON.stringify(s.replicas)} at RF ${state.replicationFactor}`);
      for (const r of s.replicas) {
        const n = nodes.get(r);
        if (!n || !n.up || n.lifecycle !== 'up' || n.health !== 'ACTIVE') problems.push(`${s.id} replica ${r} is ${n ? `${n.lifecycle}/${n.health}` : 'unknown'}`);
      }
      if (!s.writable) problems.push(`${s.id} is not writable (${s.quorum})`);
      // Leaderless: no primary and no voters; keys still stale are `converged`'s business, not healthy's.
      if (isLeaderless(state)) continue;
      if (!s.primary || !s.replicas.includes(s.primary)) problems.push(`${s.id} primary ${s.primary ?? 'none'} is not a listed replica`);
      for (const v of new Set([...(s.primary ? [s.primary] : []), ...s.voters])) {
        if (!s.replicas.includes(v)) problems.push(`${s.id} voter ${v} is not a listed replica`);
        const behind = (held.get(v) ?? -1) < top;
        // A voter still backfilling is "in flight": its own class, so the lead can weigh it apart.
        if (behind && v !== s.primary && roles.get(v) === 'catchingUp') lagging.push(`${s.id} voter ${v} is catching up: LSN ${held.get(v)} < ${top}`);
        else if (behind) problems.push(`${s.id} ${v === s.primary ? 'primary' : 'voter'} ${v} holds LSN ${held.get(v) ?? 'nothing'} < ${top}`);
      }
    }
    const out: Violation[] = [];
    if (problems.length) out.push({ cls: 'healthy-not-true', atMs: state.timeMs, detail: problems.slice(0, 4).join('; ') });
    if (lagging.length) out.push({ cls: 'healthy-while-catching-up', atMs: state.timeMs, detail: lagging.slice(0, 4).join('; ') });
    return out;
  }

  /**
   * Leaderless (design recovery-repair.md §7.1, §7.6): every acknowledged write, key by key, is held by a replica or a
   * pending hint, or reported lost. Judged from the Repair view's stale-key table (`repairView(shard)`): a key no
   * replica differs on is held alike everywhere; a stale key's newest version must be the newest acknowledged one, or
   * newer, and be held by a replica that still has its disk, or wait in a hint.
   */
  checkLeaderlessAcks(state: ClusterState, repairView: (shard: string) => RepairView | null): Violation[] {
    const out: Violation[] = [];
    const gone = new Set(state.nodes.filter((n) => n.lifecycle === 'destroyed').map((n) => n.id));
    for (const [shard, keys] of this.ackedKeys) {
      const view = repairView(shard);
      if (view === null) continue;
      const rows = new Map(view.staleKeys.map((r) => [r.key, r]));
      const lost = this.lostIds.get(shard);
      for (const [key, writeId] of keys) {
        if (lost?.has(writeId)) continue;
        const row = rows.get(key);
        // Not listed: every replica agrees on it (or the table was cut short: nothing to judge).
        if (row === undefined) continue;
        const held = row.versions.some((v) => v.version === row.latest && !gone.has(v.replica));
        if (row.latest < writeId)
          out.push({ cls: 'ack-unaccounted', atMs: state.timeMs, detail: `${shard} key ${key}: write ${writeId} was acknowledged, yet the newest version is ${row.latest}, and no loss is reported` });
        else if (row.latest === writeId && !held && view.hintsPending === 0)
          out.push({ cls: 'ack-unaccounted', atMs: state.timeMs, detail: `${shard} key ${key}: write ${writeId} was acknowledged; no replica holds it, no hint is pending, and no loss is reported` });
      }
    }
    return out;
  }

  private noteKeyAck(shard: string, key: number, writeId: number): void {
    let keys = this.ackedKeys.get(shard);
    if (!keys) this.ackedKeys.set(shard, (keys = new Map()));
    if (writeId > (keys.get(key) ?? 0)) keys.set(key, writeId);
  }

  /**
   * Could this cluster heal by itself? Not when a shard's every copy was destroyed, too few nodes remain,
   * or a node is gone for good while re-replication is off (RethinkDB's rule: a person must act).
   */
  canHeal(state: ClusterState): boolean {
    const alive = state.nodes.filter((n) => n.lifecycle !== 'destroyed').length;
    if (alive < state.replicationFactor) return false;
    if (alive < state.nodes.length && !state.failover.autoReReplicate) return false;
    return state.shards.every((s) => s.replicaRoles.some((r) => state.nodes.find((n) => n.id === r.node)?.lifecycle !== 'destroyed'));
  }

  private accountLosses(state: ClusterState, flag: (cls: ViolationClass, detail: string) => void): void {
    const reported = state.lostWrites.reduce((sum, l) => sum + l.count, 0);
    if (reported !== state.metrics.writesLost) flag('lost-count-mismatch', `metrics.writesLost ${state.metrics.writesLost} but lostWrites lists ${reported}`);
    for (const loss of state.lostWrites.slice(this.lostSeen)) {
      if (!loss.cause || loss.cause.trim() === '') flag('lost-without-cause', `${loss.shard} LSN ${loss.firstLsn}–${loss.lastLsn} lost without a cause`);
      // A replica that fsyncs before it acknowledges (perCommit) keeps every acknowledged write through a power loss.
      else if (/before fsync/.test(loss.cause) && state.params.walSyncMode !== 'periodic')
        flag('lost-to-power-under-percommit', `${loss.shard} LSN ${loss.firstLsn}–${loss.lastLsn} lost "${loss.cause}" with walSyncMode ${state.params.walSyncMode}`);
      let ids = this.lostIds.get(loss.shard);
      if (!ids) this.lostIds.set(loss.shard, (ids = new Set()));
      for (let id = loss.firstLsn; id <= loss.lastLsn && id - loss.firstLsn < 10_000; id++) ids.add(id);
      const top = this.ackedTop.get(loss.shard) ?? 0;
      if (loss.lastLsn >= top) this.ackedTop.set(loss.shard, Math.min(top, loss.firstLsn - 1));
    }
    this.lostSeen = state.lostWrites.length;
  }

  private checkTerm(shard: string, term: number, primary: string | null, flag: (cls: ViolationClass, detail: string) => void): void {
    const last = this.lastTerm.get(shard) ?? 0;
    if (term < last) flag('term-regressed', `${shard} term ${term} after term ${last}`);
    if (term > last) {
      this.lastTerm.set(shard, term);
      if (last > 0) this.elections += term - last;
    }
    if (!primary) return;
    const key = `${shard}@${term}`;
    const known = this.primaryOfTerm.get(key);
    if (known === undefined) this.primaryOfTerm.set(key, primary);
    else if (known !== primary) flag('two-primaries-in-term', `${shard} term ${term}: ${known} then ${primary}`);
  }

  private checkAcksHeld(
    shard: string,
    roles: readonly { node: string; heldLsn: number }[],
    destroyed: ReadonlySet<string>,
    flag: (cls: ViolationClass, detail: string) => void,
  ): void {
    let seen = this.seenHeld.get(shard);
    if (!seen) this.seenHeld.set(shard, (seen = new Map()));
    // heldLsn, not lsn: a rolled-back copy's writes past its split point are not the acknowledged ones.
    for (const r of roles) seen.set(r.node, r.heldLsn);
    for (const node of destroyed) seen.delete(node);
    const top = this.ackedTop.get(shard) ?? 0;
    if (top === 0) return;
    // A crashed copy the router stopped listing still holds its disk: remember it until the node is destroyed.
    let best = 0;
    for (const lsn of seen.values()) best = Math.max(best, lsn);
    if (best < top) {
      flag('ack-unaccounted', `${shard}: write ${top} was acknowledged, no surviving copy holds past LSN ${best}, and no loss is reported`);
      // Count it once: treat what is gone as known from here on.
      this.ackedTop.set(shard, best);
    }
  }
}

function isLeaderless(state: ClusterState): boolean {
  return state.params.replication === 'leaderless';
}
