import { CORRUPT, deliver, latestVersion, OLDER_AGREED, versionOf, type HeldVersion } from '../../model/divergence';
import { readFailsChecksum } from '../corruption';
import { holders } from '../quorum';
import { fmtMs, listSome, record, type NodeRow, type ShardRow, type World } from '../world';
import { replicasNeeded, shortfallWords } from './consistency';
import { chooseCoordinator, reaches } from './coordinator';
import { drawKey } from './keys';
import { answerSiblings } from './siblings';

/**
 * A client read in leaderless mode with read repair (design recovery-repair.md §7.5, Cassandra 4.0 `read_repair`):
 * the coordinator asks `readConsistency` replicas — the first live ones in placement order, one for the data and the
 * rest for digests. At CL ONE nothing is compared. When the versions differ the coordinator answers with the newest;
 * with BLOCKING it first writes that version back to the contacted replicas that lacked it (only those), which costs
 * the client one more round trip; with NONE nothing is repaired. Learning of a mismatch is how the cluster comes to
 * know those keys are stale (staleKeysKnown); whether the answer was stale is judged against the truth.
 */
export function leaderlessRead(w: World, shard: ShardRow): void {
  const key = drawKey(w.random.get('workload:readKeys'), w.params);
  const cl = w.params.readConsistency;
  const rf = w.replicationFactor;
  const coordinator = chooseCoordinator(w, shard);
  if (coordinator === null) {
    failRead(w, shard, key, 'no node the client reaches can coordinate it');
    return;
  }
  const need = replicasNeeded(cl, rf);
  const contacted: NodeRow[] = [];
  for (const r of holders(w, shard)) {
    const node = w.nodes[r];
    if (contacted.length < need && node.disk.has(shard.index) && reaches(w, coordinator, node)) contacted.push(node);
  }
  if (contacted.length < need) {
    failRead(w, shard, key, shortfallWords(cl, rf, contacted.map((n) => n.id)));
    return;
  }
  const div = w.divergence.byShard.get(shard.index);
  const versions: HeldVersion[] = contacted.map((n) => (div ? versionOf(div, n.index, key) : OLDER_AGREED));
  // checksumOnRead: a replica whose bytes for the key fail their checksum is found out (cp learns, and answers per
  // corruptionResponse); its answer counts as the oldest, so the newest version is written back over it.
  contacted.forEach((n, i) => {
    if (versions[i] === CORRUPT) readFailsChecksum(w, n, shard);
  });
  const truth = div ? latestVersion(div, key) : OLDER_AGREED;
  let newest = versions[0];
  for (const v of versions) if (v > newest) newest = v;
  const behind = contacted.filter((_, i) => versions[i] !== newest);
  if (newest === CORRUPT) {
    failRead(w, shard, key, `every replica asked (${contacted.map((n) => n.id).join(', ')}) holds a copy that fails its checksum`);
    return;
  }
  // CL ONE: one replica answers and nothing is compared.
  if (contacted.length > 1 && behind.length > 0 && div) {
    const ahead = contacted[versions.indexOf(newest)];
    for (const n of behind) w.leaderless.knownStale.add(shard.index, n.index, key);
    const repairing = w.params.readRepair === 'BLOCKING';
    record(
      w,
      coordinator.id,
      'read.digestMismatch',
      `${listSome(behind.map((n) => `${n.id}'s`))} digest of key ${key} of ${shard.id} differs from ${ahead.id}'s` +
        (repairing ? '.' : ': read_repair is NONE, so the coordinator answers with the newest and repairs nothing.'),
      repairing ? 'detail' : 'info',
      { shard: shard.id, key, coordinator: coordinator.id, behind: behind.map((n) => n.id), ahead: ahead.id },
    );
    if (repairing) {
      let roundTripMs = 0;
      for (const n of behind) {
        const out = deliver(div, n.index, key, newest);
        w.divergence.staleKeysTruth += out.delta;
        w.leaderless.knownStale.delete(shard.index, n.index, key);
        w.divergence.counters.readRepairs++;
        roundTripMs = Math.max(roundTripMs, 2 * w.network.latencyMs(coordinator.id, n.id));
      }
      if (div.stale.size === 0) w.divergence.byShard.delete(shard.index);
      w.divergence.counters.readsBlockedMs += roundTripMs;
      const had = behind.map((n) => `${n.id} had ${versionWords(versions[contacted.indexOf(n)])}`);
      record(
        w,
        coordinator.id,
        'read.repaired',
        `Key ${key} of ${shard.id}: ${had.join(', ')}, ${ahead.id} had write ${newest}: ${newest} written back to ` +
          `${listSome(behind.map((n) => n.id))}; the client waited one more round trip (${fmtMs(roundTripMs)}).`,
        'info',
        { shard: shard.id, key, coordinator: coordinator.id, repaired: behind.map((n) => n.id), writeId: newest, blockedMs: roundTripMs },
      );
    }
    w.divergence.counters.staleKeysKnown = w.leaderless.knownStale.size;
  }
  // Vector clocks: every concurrent version goes back, the newest among them, so the read counts as fresh.
  if (answerSiblings(w, shard, key, coordinator)) {
    w.workload.readsFresh++;
    return;
  }
  const answer = contacted.length > 1 ? newest : versions[0];
  if (answer === CORRUPT) {
    failRead(w, shard, key, `${contacted[0].id}'s copy of key ${key} fails its checksum`);
    return;
  }
  if (answer < truth) {
    w.workload.readsStale++;
    w.divergence.counters.staleReadsServed++;
    record(
      w,
      coordinator.id,
      'read.stale',
      `A read of key ${key} of ${shard.id} at CL ${cl} is answered with ${versionWords(answer)}; write ${truth} is newer ` +
        `but none of ${contacted.map((n) => n.id).join(', ')} held it.`,
      'detail',
      { shard: shard.id, key, node: contacted[0].id, behind: 1 },
    );
    return;
  }
  w.workload.readsFresh++;
  record(w, coordinator.id, 'read.fresh', `A read of key ${key} of ${shard.id} at CL ${cl} (${contacted.map((n) => n.id).join(', ')}) is up to date.`, 'detail', {
    shard: shard.id,
    key,
    node: contacted[0].id,
  });
}

function versionWords(v: HeldVersion): string {
  return v === CORRUPT ? 'a corrupt copy' : v === OLDER_AGREED ? 'an older version' : `write ${v}`;
}

function failRead(w: World, shard: ShardRow, key: number, why: string): void {
  w.workload.readsFailed++;
  record(w, shard.id, 'read.failed', `A read of key ${key} of ${shard.id} fails: ${why}.`, 'detail', { shard: shard.id, key });
}
