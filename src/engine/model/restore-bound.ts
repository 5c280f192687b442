/**
 * The physical lower bound on "time to restore RF" after one node is declared DEAD: no migrator, however clever,
 * can restore every shard sooner. `npm run bench:engine` and the re-homing tests divide the measured time by it.
 *
 * Derivation. Let N be the shards the dead node held that still have a surviving replica, S the shard size, and
 * B_i node i's rebuild bandwidth (`rebuildBytesPerSecPerNode`, or the node's own `rebuildBytesPerSec`), which
 * caps its ingress and, separately, its egress.
 *
 * 1. Nothing is copied before the failover path reaches step 4: `startDelayMs` (the grace period plus the three
 *    control-plane steps before it, each `controlPlaneStepMs`) is configured latency, not bandwidth.
 * 2. Each shard's snapshot (S bytes) lands whole on ONE target, a node that may take it under the rack rules: a
 *    survivor that lacks it in a rack holding no surviving copy (or any survivor lacking it when no such node
 *    exists: the rule the planner relaxes). A target taking k shards takes in k·S bytes at most B_i per second,
 *    whatever the number of copies it runs at once (`maxConcurrentCopiesPerNode` divides the bandwidth; it adds
 *    none), so by time T it can have received at most c_i(T) = floor(T·B_i / S) whole shards. The transfer takes
 *    at least the smallest T at which every shard can be given a target it may go to with no node over c_i(T)
 *    (`ingressMs`: a feasibility question answered by a bipartite matching with capacities).
 * 3. Likewise every shard is read whole from ONE source, a survivor holding a replica of it (`egressMs`: the same
 *    matching, shards to their own surviving replicas). Where two shards' only sources coincide, one node must
 *    send both: 50 shards over 50 senders need two shard-times when their replicas admit no perfect matching.
 * 4. After the last snapshot lands its log tail takes a round trip (`tailMs`).
 *
 * The "bandwidth bound" N·S / Σ B_i and "one shard's transfer time" S / max B_i are both at most `ingressMs` (the
 * floor and the per-shard choices only remove capacity, and one whole shard needs T ≥ S / B_i on some node), so
 * `transferMs = max(ingressMs, egressMs)` is the larger of them, tightened by the facts that shards do not split
 * and may go only where the rules and the surviving replicas allow: 300 shards over 99 equal receivers need 4
 * shard-times, not 3.03. The looser figures are returned too (`fluidMs`, `oneShardMs`).
 */

import type { ClusterState, Scenario } from '../types';
import { balancedAssignment } from './balanced-assignment';

export interface RestoreBoundNode {
  rackIndex: number;
  /** Rebuild bandwidth, bytes per second (each of ingress and egress). */
  bytesPerSec: number;
  /** Still running (a possible sender or receiver). */
  alive: boolean;
}

export interface RestoreBoundInput {
  shardSizeBytes: number;
  nodes: readonly RestoreBoundNode[];
  /** For each shard the dead node held: the node indices still holding a replica (empty: lost, not re-homed). */
  survivingReplicas: readonly (readonly number[])[];
  /** Configured delay from DEAD to the first possible copy (grace period + control-plane steps). */
  startDelayMs: number;
  /** Configured delay after the last snapshot lands (the log tail's round trip). */
  tailMs: number;
}

export interface RestoreBound {
  /** startDelayMs + transferMs + tailMs: what "time to restore RF" is divided by. */
  boundMs: number;
  /** max(ingressMs, egressMs). */
  transferMs: number;
  ingressMs: number;
  egressMs: number;
  /** The looser figures: N·S over all receivers' bandwidth, and one shard at the fastest node's rate. */
  fluidMs: number;
  oneShardMs: number;
  shards: number;
  receivers: number;
  senders: number;
}

export function restoreBound(input: RestoreBoundInput): RestoreBound {
  const { shardSizeBytes: size, nodes } = input;
  const shards = input.survivingReplicas.filter((r) => r.length > 0);
  const alive = nodes.map((_, i) => i).filter((i) => nodes[i].alive);
  const targetsOf = shards.map((holders) => {
    const racks = new Set(holders.map((h) => nodes[h].rackIndex));
    const lacking = alive.filter((i) => !holders.includes(i));
    const diverse = lacking.filter((i) => !racks.has(nodes[i].rackIndex));
    return diverse.length > 0 ? diverse : lacking;
  });
  const sourcesOf = shards.map((holders) => holders.filter((h) => nodes[h].alive));
  const rates = nodes.map((n) => n.bytesPerSec);
  const ingressMs = balancedAssignment(targetsOf, rates, size).finishMs;
  const egressMs = balancedAssignment(sourcesOf, rates, size).finishMs;
  const receivers = new Set(targetsOf.flat());
  const receiverRates = [...receivers].map((i) => rates[i]);
  const total = receiverRates.reduce((a, b) => a + b, 0);
  const transferMs = Math.max(ingressMs, egressMs);
  return {
    boundMs: shards.length === 0 ? 0 : input.startDelayMs + transferMs + input.tailMs,
    transferMs,
    ingressMs,
    egressMs,
    fluidMs: total > 0 ? ((shards.length * size) / total) * 1000 : Infinity,
    oneShardMs: shards.length > 0 && receiverRates.length > 0 ? (size / Math.max(...receiverRates)) * 1000 : 0,
    shards: shards.length,
    receivers: receivers.size,
    senders: new Set(sourcesOf.flat()).size,
  };
}

/**
 * The bound for one node's death in a scenario, from the placement the router held just before it (`before`, any
 * state in which the dead node still lists its replicas). The delays are the scenario's configured ones: step 4
 * comes three control-plane steps (router, coordinator, targets) plus the grace period after DEAD; the log tail
 * is a round trip.
 */
export function restoreBoundForDeath(
  scenario: Pick<Scenario, 'nodes' | 'shardSizeBytes' | 'params'>,
  before: Pick<ClusterState, 'shards'>,
  deadNode: string,
): RestoreBound {
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const racks = new Map<string, number>();
  for (const n of scenario.nodes) if (!racks.has(n.rack)) racks.set(n.rack, racks.size);
  const nodes = scenario.nodes.map((n) => ({
    rackIndex: racks.get(n.rack)!,
    bytesPerSec: n.rebuildBytesPerSec ?? scenario.params.rebuildBytesPerSecPerNode,
    alive: n.id !== deadNode,
  }));
  const survivingReplicas = before.shards
    .filter((s) => s.replicas.includes(deadNode))
    .map((s) => s.replicas.filter((r) => r !== deadNode).map((r) => index.get(r)!));
  return restoreBound({
    shardSizeBytes: scenario.shardSizeBytes,
    nodes,
    survivingReplicas,
    startDelayMs: scenario.params.rehomeGraceMs + 3 * scenario.params.controlPlaneStepMs,
    tailMs: 2 * scenario.params.linkLatencyMs,
  });
}
