import type { World } from '../sim/world';

/**
 * Invariant 12 of design recovery-repair.md §11.6: every placement change the router uses is committed in the cp
 * journal; two cp leaders never hold the same term. Checked only with a 3-member control plane (with one member
 * nothing is journaled and there is one leader for ever).
 */
export const INVARIANT_12 = 'every placement change the router uses is committed in the cp journal; two cp leaders never hold the same term';

export function checkControlPlaneInvariants(w: World, add: (invariant: string, detail: string) => void): void {
  const cp = w.controlPlane;
  if (cp.members.length === 0) return;
  for (const clash of cp.termClashes) add(INVARIANT_12, `two leaders in ${clash}`);
  const leading = new Map<number, string>();
  for (const m of cp.members) {
    if (m.machine.value !== 'leader') continue;
    const other = leading.get(m.term);
    if (other !== undefined) add(INVARIANT_12, `${other} and ${m.id} both lead term ${m.term}`);
    leading.set(m.term, m.id);
  }
  if (!cp.config.journal) return;
  // A copy whose commit entry is not yet held by a majority must not be listed by the router.
  const leader = cp.leader === null ? null : cp.members[cp.leader];
  const pending: { shard: string; target: string; index: number }[] = [];
  for (const [jobId, index] of cp.awaitingCommit) {
    const job = w.migrator.jobs.get(jobId);
    if (job) pending.push({ shard: w.shards[job.shard].id, target: w.nodes[job.target].id, index });
  }
  for (const rec of leader?.log.slice(cp.commitIndex) ?? [])
    if (rec.entry.type === 'copy.committed') pending.push({ shard: rec.entry.shard, target: rec.entry.target, index: rec.index });
  for (const p of pending) {
    const shard = w.shards.find((s) => s.id === p.shard);
    const target = w.nodeIndexById.get(p.target);
    if (shard && target !== undefined && shard.replicas.includes(target))
      add(INVARIANT_12, `the router lists ${p.target} for ${p.shard}, but its copy.committed${p.index > 0 ? ` #${p.index}` : ''} is not committed (commit index ${cp.commitIndex})`);
  }
}
