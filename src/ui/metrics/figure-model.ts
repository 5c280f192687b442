import type { ClusterState } from '../../engine/index';
import { formatBytes, formatDuration } from '../format';

/**
 * The headline figures, grouped by what they are about, as plain data (the
 * component only lays them out). Copies lead: every scenario is about them.
 * The write figures matter only where clients write; elsewhere "refusing
 * writes 66" in warning colour would alarm about traffic that does not exist.
 */
export interface Figure {
  /** The test id is `metric-<id>`; the value is that element's whole text. */
  id: string;
  label: string;
  value: string;
  /** What the value means, in visible words (a tooltip cannot be reached by touch or keyboard). */
  caption?: string;
  /** More detail, as a tooltip. */
  hint: string;
  /** Colour, for what is wrong now; always with a number and words, never alone. */
  tone?: 'warn' | 'bad';
}

export interface FigureGroups {
  copies: Figure[];
  timing: Figure[];
  writes: Figure[];
  /** Replica divergence and repair (leaderless runs; empty otherwise): stale keys, hints, read repairs, Merkle hashes. */
  divergence: Figure[];
  /** Clients write now, wrote earlier in the run, or an acknowledged write was lost: the write figures stand out. */
  writesRan: boolean;
  /** Said instead of the write figures when no client writes. */
  writesNote: string | null;
  /** Said instead of the timing figures on a leaderless run that re-homed nothing (they would all read — or 0). */
  timingNote: string | null;
  /** Said instead of the copies figures on a leaderless run while every shard has every copy (its story is divergence). */
  copiesNote: string | null;
}

/**
 * True when the write figures tell part of this run's story: a workload is
 * set, or writes were acknowledged or refused earlier (the counts are
 * cumulative), or an acknowledged write was lost — that is never tucked away.
 */
export function clientWritesRan(cluster: Pick<ClusterState, 'workload' | 'metrics'>): boolean {
  const m = cluster.metrics;
  return cluster.workload.writesPerSec > 0 || m.writesAcked > 0 || m.writesFailed > 0 || m.writesLost > 0;
}

/**
 * The divergence figures and chart belong to leaderless runs (replicas that disagree key by key); they also appear whenever a
 * stale key or a hint exists, so they are never hidden while they say something.
 */
export function divergenceShown(cluster: Pick<ClusterState, 'params' | 'metrics'>): boolean {
  const m = cluster.metrics;
  return cluster.params.replication === 'leaderless' || m.staleKeysTruth > 0 || m.staleKeysKnown > 0 || m.hintsPending > 0 || m.hintsStored > 0;
}

/** Something was (or is being) re-homed: copies moved, queued or in flight. */
function rebuildRan(m: ClusterState['metrics']): boolean {
  return m.bytesMoved > 0 || m.rebuildBytesRemaining > 0 || m.copiesInFlight + m.copiesQueued > 0 || m.detectionDelayMs !== null;
}

/** No shard short of a copy (by belief or truth), none lost, nothing being copied. */
function everyCopyInPlace(m: ClusterState['metrics']): boolean {
  return m.underReplicatedShards === 0 && m.underReplicatedShardsTruth === 0 && m.lostShards === 0 && m.lostShardsTruth === 0 && m.rebuildBytesRemaining === 0 && m.copiesInFlight + m.copiesQueued === 0;
}

/**
 * The rebuild charts (bytes left, traffic per node) tell every primary run's story; on a leaderless run that
 * re-homed nothing they would be two empty charts taking the divergence chart's room.
 */
export function rebuildChartsShown(cluster: Pick<ClusterState, 'params' | 'metrics'>): boolean {
  return !divergenceShown(cluster) || rebuildRan(cluster.metrics);
}

/** The fewest copies on running nodes any shard has now (truth), which colours "Fewest copies". */
export function fewestCopiesNow(cluster: Pick<ClusterState, 'shards' | 'metrics' | 'replicationFactor'>): number {
  // The common case (every shard whole) skips the walk over the shards.
  if (cluster.metrics.underReplicatedShardsTruth === 0 && cluster.metrics.lostShardsTruth === 0) return cluster.replicationFactor;
  let fewest = cluster.replicationFactor;
  for (const shard of cluster.shards) if (shard.liveCopies < fewest) fewest = shard.liveCopies;
  return fewest;
}

const toneFor = (copies: number, rf: number): Figure['tone'] => (copies <= 1 ? 'bad' : copies < rf ? 'warn' : undefined);

export function figuresFor({ cluster }: { cluster: ClusterState }): FigureGroups {
  const m = cluster.metrics;
  const rf = cluster.replicationFactor;
  const writesRan = clientWritesRan(cluster);
  const now = fewestCopiesNow(cluster);
  const copies: Figure[] = [
    {
      id: 'under-replicated',
      label: 'Under-replicated',
      value: String(m.underReplicatedShards),
      hint: `Shards the control plane sees with fewer than ${rf} replicas (truth: ${m.underReplicatedShardsTruth})`,
      tone: m.underReplicatedShards > 0 ? 'warn' : undefined,
    },
    {
      id: 'lost',
      label: 'Lost shards',
      value: String(m.lostShards),
      hint: 'Shards with no copy left anywhere',
      tone: m.lostShards > 0 ? 'bad' : undefined,
    },
    {
      id: 'min-copies',
      label: 'Fewest copies',
      value: `${m.minCopies} of ${rf}`,
      // The value is history (the run's low point); the colour and "now" are the present.
      caption: `lowest in run · now ${now}`,
      hint: `The fewest live copies any shard was down to during this run; now every shard has at least ${now}`,
      tone: toneFor(now, rf),
    },
    {
      id: 'rebuild-remaining',
      label: 'Rebuild left',
      value: formatBytes(m.rebuildBytesRemaining),
      caption: m.copiesInFlight + m.copiesQueued > 0 ? `${m.copiesInFlight} copying · ${m.copiesQueued} queued` : undefined,
      hint: `${m.copiesInFlight} copies in flight, ${m.copiesQueued} queued`,
    },
  ];
  const timing: Figure[] = [
    {
      id: 'detection-delay',
      label: 'Detection delay',
      value: formatDuration(m.detectionDelayMs),
      hint: 'From the real failure to the monitor declaring the node DEAD',
    },
    {
      id: 'time-to-restore',
      label: 'Time to RF',
      value: formatDuration(m.timeToRestoreRfMs),
      hint: `From the failure until every shard is back to ${rf} replicas`,
    },
    {
      id: 'durability-window',
      label: 'Durability window',
      value: formatDuration(m.durabilityWindowMs),
      hint: 'How long some shard ran with fewer copies than it should — one more failure then could lose it',
    },
    {
      id: 'bytes-moved',
      label: 'Bytes moved',
      value: formatBytes(m.bytesMoved),
      hint: 'Rebuild bytes copied so far',
    },
  ];
  // Without clients, no write figure is coloured: nothing is being refused to anyone.
  const tone = (t: Figure['tone']) => (writesRan ? t : undefined);
  const writes: Figure[] = [
    {
      id: 'writes-acked',
      label: 'Writes acked',
      value: String(m.writesAcked),
      hint: 'Client writes a majority of voters acknowledged',
    },
    {
      id: 'writes-failed',
      label: 'Writes failed',
      value: String(m.writesFailed),
      hint: `Client writes refused: no primary, no quorum, or the primary did not answer (${m.shardsNotWritable} shard(s) refuse writes now)`,
      tone: tone(m.shardsNotWritable > 0 ? 'warn' : undefined),
    },
    {
      id: 'writes-lost',
      label: 'Acked writes lost',
      value: String(m.writesLost),
      hint: 'Acknowledged writes that no longer exist: only an emergency repair or losing every copy does this',
      tone: m.writesLost > 0 ? 'bad' : undefined,
    },
    {
      id: 'not-writable',
      label: 'Refusing writes',
      value: String(m.shardsNotWritable),
      hint:
        cluster.params.replication === 'leaderless'
          ? `Shards whose coordinator cannot reach the replicas CL ${cluster.params.writeConsistency} needs`
          : `Shards that cannot take a write now; ${m.shardsWithoutPrimary} have no primary`,
      tone: tone(m.shardsNotWritable > 0 ? 'warn' : undefined),
    },
  ];
  const divergence = divergenceShown(cluster);
  return {
    copies,
    timing,
    writes,
    divergence: divergence ? divergenceFigures(cluster) : [],
    writesRan,
    writesNote: writesRan ? null : 'No client writes in this scenario',
    timingNote: divergence && !rebuildRan(m) ? 'Nothing re-homed in this run' : null,
    copiesNote: divergence && everyCopyInPlace(m) ? `Every shard has its ${rf} copies` : null,
  };
}

/** Leaderless replication: what disagrees (truth, and what repair knows), what waits as hints, what repair did. */
function divergenceFigures(cluster: Pick<ClusterState, 'metrics'>): Figure[] {
  const m = cluster.metrics;
  const lost = m.hintsLost > 0 ? ` · ${m.hintsLost} lost` : '';
  const overstream = m.overstreamFactor === null ? '' : ` · ${Math.round(m.overstreamFactor * 10) / 10}× the stale`;
  return [
    {
      id: 'stale-keys-truth',
      label: 'Stale keys',
      value: String(m.staleKeysTruth),
      caption: `known ${m.staleKeysKnown} · on ${m.divergentReplicasTruth} replica${m.divergentReplicasTruth === 1 ? '' : 's'}`,
      hint: 'Keys some replica holds in an older (or corrupt) version, in truth; "known" counts those a read digest, a Merkle comparison or a hint has revealed',
      tone: m.staleKeysTruth > 0 ? 'warn' : undefined,
    },
    {
      id: 'hints-pending',
      label: 'Hints pending',
      value: String(m.hintsPending),
      caption: `${m.hintsStored} stored · ${m.hintsDelivered} delivered${m.hintsExpired > 0 ? ` · ${m.hintsExpired} not hinted` : ''}${lost}`,
      hint: 'Writes a coordinator keeps for a replica it believes down, to hand over when it returns; past the hint window it keeps none (not hinted)',
      tone: m.hintsLost > 0 ? 'bad' : undefined,
    },
    {
      id: 'read-repairs',
      label: 'Read repairs',
      value: String(m.readRepairs),
      caption: `${m.staleReadsServed} stale read${m.staleReadsServed === 1 ? '' : 's'} served`,
      hint: `Reads whose replicas' digests disagreed and that wrote the newest version back to the replicas they asked (clients waited ${formatDuration(m.readsBlockedMs)} in all)`,
    },
    {
      id: 'merkle-hashes-exchanged',
      label: 'Merkle hashes',
      value: String(m.merkleHashesExchanged),
      caption: `${m.repairStreamedKeys} keys streamed${overstream}`,
      hint: 'Hashes the replicas sent to compare their Merkle trees; every key of a differing leaf is streamed, so repair sends more keys than were stale',
    },
  ];
}
