import { describeValue, type NodeId, type ShardId } from '../engine/index';
import { budgetSpent, isNameList, problemAt, type Problems, type Soundness } from './field-checks';

/**
 * `voters` names the voting replicas of pinned shards. They must be among the
 * shard's pinned replicas and include its configured primary (the first).
 * (`profile` and `workload` need nothing beyond their schema.)
 */
export function checkVoters(
  raw: unknown,
  ok: Soundness,
  placement: Record<ShardId, NodeId[]> | null,
  problems: Problems,
): void {
  if (raw === undefined || !ok.typed(['voters'])) return;
  for (const [shard, value] of Object.entries(raw as Record<string, unknown>)) {
    if (budgetSpent(problems)) break;
    if (!ok.whole(['voters', shard])) continue;
    const say = (message: string) => problems.push(problemAt(['voters', shard], message));
    if (!isNameList(value) || value.length === 0) {
      say(`must be a non-empty list of node ids, got ${describeValue(value)}`);
      continue;
    }
    if (placement === null) continue;
    const pinned = Object.prototype.hasOwnProperty.call(placement, shard) ? placement[shard] : undefined;
    if (!pinned) {
      say(`${shard} must also be pinned in "placement", so its replicas are known`);
      continue;
    }
    const list = value;
    for (const id of list) if (!pinned.includes(id)) say(`"${id}" is not one of ${shard}'s replicas (${pinned.join(', ')})`);
    if (new Set(list).size !== list.length) say('lists a node twice');
    if (!list.includes(pinned[0])) say(`must include ${pinned[0]}, the configured primary (the first node in placement.${shard})`);
  }
}
