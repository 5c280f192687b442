import { formatBytes, formatDuration } from '../format';
import { useConsole } from '../session-context';

/**
 * The run's headline figures. Each carries a stable test id; the value is the
 * element's whole text so tests and screen readers read the same number.
 */
export function MetricFigures() {
  const m = useConsole((s) => s.cluster.metrics);
  const rf = useConsole((s) => s.cluster.replicationFactor);
  const figures: { id: string; label: string; value: string; hint: string; tone?: 'bad' | 'warn' }[] = [
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
      hint: 'The fewest live copies any shard was down to during this run',
      tone: m.minCopies <= 1 ? 'bad' : m.minCopies < rf ? 'warn' : undefined,
    },
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
      tone: m.shardsNotWritable > 0 ? 'warn' : undefined,
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
      hint: `Shards that cannot take a write now; ${m.shardsWithoutPrimary} have no primary`,
      tone: m.shardsNotWritable > 0 ? 'warn' : undefined,
    },
    {
      id: 'rebuild-remaining',
      label: 'Rebuild left',
      value: formatBytes(m.rebuildBytesRemaining),
      hint: `${m.copiesInFlight} copies in flight, ${m.copiesQueued} queued`,
    },
  ];
  return (
    <dl className="metric-figures">
      {figures.map((f) => (
        <div key={f.id} className={`metric-figure${f.tone ? ` tone-${f.tone}` : ''}`} title={f.hint}>
          <dt>{f.label}</dt>
          <dd className="mono" data-testid={`metric-${f.id}`}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
