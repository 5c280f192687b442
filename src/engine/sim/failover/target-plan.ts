import type { TargetChoice } from '../../types';
import { planTarget } from '../migrator';
import { currentEvent } from './current';
import { record, setWaiting, type World } from '../world';

/**
 * Step 3: pick a target for every missing replica, most endangered shards
 * first. This is the coordinator's placement (ZeptoDB computes
 * `{new_primary, new_replica}` from the ring): it does not ask whether the
 * migrator can copy there, or whether copying is switched on — step 4 does.
 */
export function computeTargets(w: World): void {
  const event = currentEvent(w);
  const shards = w.failoverPath.affectedShards
    .map((s) => w.shards[s])
    .filter((s) => s.replicas.length > 0 && s.machine !== null)
    .sort((a, b) => a.replicas.length - b.replicas.length || a.index - b.index);
  const plan: { shard: number; target: number }[] = [];
  const unplaced: TargetChoice[] = [];
  let relaxed = 0;
  let considered = 0;
  for (const shard of shards) {
    let missing = w.replicationFactor - shard.replicas.length - shard.jobs.length;
    if (missing > 0) considered++;
    const planned: number[] = [];
    while (missing-- > 0) {
      // Plan as if the earlier targets of this round were already incoming.
      const choice = planTarget(w, shard, [], planned, false);
      const target = choice.target === null ? -1 : w.nodeIndexById.get(choice.target)!;
      if (target < 0) {
        unplaced.push(choice);
        setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
        break;
      }
      if (choice.rackRuleRelaxed) relaxed++;
      // Count it as incoming now so the next shard's choice sees the load.
      w.nodes[target].incoming++;
      planned.push(target);
      plan.push({ shard: shard.index, target });
    }
  }
  w.failoverPath.plan = plan;
  if (event) {
    event.targetsComputedAtMs = w.nowMs;
    event.targets = plan.length;
    w.failoverPath.shardsUnplaced.set(w.failoverPath.events.length - 1, unplaced.length);
  }
  record(
    w,
    'failover',
    'failover.targetsComputed',
    describePlan(w, plan, unplaced, relaxed, considered),
    relaxed > 0 || unplaced.length > 0 ? 'warn' : 'info',
    { planned: plan.length, relaxed, unplaced: unplaced.length },
  );
}

/** Step 3 in words: how many targets, on which nodes, a few examples — or why there are none. */
function describePlan(
  w: World,
  plan: readonly { shard: number; target: number }[],
  unplaced: readonly TargetChoice[],
  relaxed: number,
  considered: number,
): string {
  const noTarget = unplaced.length > 0 ? `for example, ${unplaced[0].summary}` : '';
  if (plan.length === 0) {
    return considered === 0
      ? 'Step 3: nothing to plan: every affected shard is lost or already has its copies queued.'
      : considered === 1
        ? `Step 3: no new replica can be planned: ${unplaced[0]?.summary ?? 'no eligible node'}.`
        : `Step 3: no new replica can be planned for any of the ${considered} shard(s): ${noTarget}.`;
  }
  const perNode = new Map<number, number>();
  for (const p of plan) perNode.set(p.target, (perNode.get(p.target) ?? 0) + 1);
  const counts = [...perNode]
    .sort(([a], [b]) => a - b)
    .map(([node, n]) => `${w.nodes[node].id} ${n}`)
    .join(', ');
  const examples = plan
    .slice(0, 3)
    .map((p) => `${w.shards[p.shard].id} → ${w.nodes[p.target].id}`)
    .join(', ');
  return (
    `Step 3: ${plan.length} new replica(s) planned across ${perNode.size} node(s) (${counts}), e.g. ${examples}. ` +
    'Each goes to an ACTIVE node that lacks the shard, in a rack without a copy where possible, where it lands soonest ' +
    '(fewest copies already coming in), then where fewest replicas sit.' +
    (relaxed > 0 ? ` For ${relaxed} replica(s) no rack-diverse node existed, so the rack rule was relaxed.` : '') +
    (unplaced.length > 0 ? ` ${unplaced.length} shard(s) have no eligible node: ${noTarget}.` : '')
  );
}
