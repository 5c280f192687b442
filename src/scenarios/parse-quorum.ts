import {
  PROFILES,
  PROFILE_IDS,
  isProfileId,
  MAX_WORKLOAD_OPS_PER_SEC,
  describeValue,
  type NodeId,
  type ProfileId,
  type ShardId,
  type WorkloadSpec,
} from '../engine/index';
import { DEFAULT_WORKLOAD } from './defaults';
import { isRecord, reportUnknownFields, type Problems } from './field-checks';

/**
 * The scenario fields of quorum and writes (DESIGN.md §4): `profile`,
 * `workload` and per-shard `voters`.
 */

export function parseProfile(raw: unknown, problems: Problems): ProfileId | null {
  if (raw === undefined || raw === null) return null;
  if (isProfileId(raw)) return raw;
  problems.push(
    `profile: unknown profile ${describeValue(raw)}; known: ${PROFILE_IDS.map((id) => `"${id}" (${PROFILES[id].title})`).join(', ')}`,
  );
  return null;
}

const WORKLOAD_KEYS = ['writesPerSec', 'readsPerSec'] as const;
const MAX_RATE = MAX_WORKLOAD_OPS_PER_SEC;

export function parseWorkload(raw: unknown, problems: Problems): WorkloadSpec | null {
  if (raw === undefined) return { ...DEFAULT_WORKLOAD };
  if (!isRecord(raw)) {
    problems.push(`workload: must be an object such as {"writesPerSec": 20}, got ${describeValue(raw)}`);
    return null;
  }
  const before = problems.length;
  reportUnknownFields(raw, WORKLOAD_KEYS, 'workload.', problems);
  const out: WorkloadSpec = { ...DEFAULT_WORKLOAD };
  for (const key of WORKLOAD_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_RATE)
      problems.push(`workload.${key}: must be a number from 0 to ${MAX_RATE} (per second), got ${describeValue(value)}`);
    else out[key] = value;
  }
  return problems.length === before ? out : null;
}

/**
 * `voters` names the voting replicas of pinned shards. They must be among the
 * shard's pinned replicas and include its configured primary (the first).
 */
export function parseVoters(
  raw: unknown,
  placement: Record<ShardId, NodeId[]> | null,
  problems: Problems,
): Record<ShardId, NodeId[]> | null {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    problems.push(`voters: must be an object mapping shard ids to lists of voting node ids, got ${describeValue(raw)}`);
    return null;
  }
  const before = problems.length;
  const out: Record<ShardId, NodeId[]> = {};
  for (const [shard, value] of Object.entries(raw)) {
    const path = `voters.${shard}`;
    if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string')) {
      problems.push(`${path}: must be a non-empty list of node ids, got ${describeValue(value)}`);
      continue;
    }
    if (placement === null) continue;
    const pinned = placement[shard];
    if (!pinned) {
      problems.push(`${path}: ${shard} must also be pinned in "placement", so its replicas are known`);
      continue;
    }
    const list = value as string[];
    for (const id of list)
      if (!pinned.includes(id)) problems.push(`${path}: "${id}" is not one of ${shard}'s replicas (${pinned.join(', ')})`);
    if (new Set(list).size !== list.length) problems.push(`${path}: lists a node twice`);
    if (!list.includes(pinned[0]))
      problems.push(`${path}: must include ${pinned[0]}, the configured primary (the first node in placement.${shard})`);
    out[shard] = [...list];
  }
  return problems.length === before ? out : null;
}
