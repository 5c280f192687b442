/** What the learner reads — One flipped bit in the middle of a log, and what each of the four recovery modes does about it. */
import type { ScenarioProse } from '../scenario-prose';

export const recoveryModesMidLogProse: ScenarioProse = {
  description:
    'A bit flips in the middle of n3\'s log, then n3\'s process crashes. What should the restart do with a record ' +
    'whose checksum fails when valid records follow it? RocksDB names four answers (wal_recovery_mode). This run ' +
    'takes the default, pointInTime; the last step of the list says how to try the other three.',
  watch: [
    'Three nodes hold three shards at RF 3, n3 a secondary of each; clients write 10 times a second.',
    'At 4.9 s one bit flips in n3’s record #24, halfway through its log: its stored checksum no longer matches its bytes. Nothing notices yet. At 5 s n3’s process crashes; every record it wrote survives.',
    'Before the restart, open n3’s Log view: the mode preview marks where each mode would stop and which would refuse to start.',
    'At 7 s n3 restarts under pointInTime (RocksDB’s default; PostgreSQL also ends redo at the first invalid record). It applies #1–#23, stops at #24 on the checksum mismatch, and discards the 25 valid records after it: what is left is a consistent prefix.',
    'That prefix lacks 26 writes n3 had acknowledged, so n3 is amnesiac and catches up from the primaries before it votes again. Locally lossy, globally lossless.',
    'tolerateCorruptedTail (etcd’s Repair, Cassandra’s tail rule) forgives damage only at the very end of the log, so here it refuses to start. absoluteConsistency (MyRocks’ default) refuses any damage. Either way n3 stays refused until node.rebuild:n3 or a restart under another mode.',
    'skipAnyCorrupted (RocksDB’s “last ditch” salvage) skips #24 and applies the 25 records after it: n3 starts with a hole in s001, later writes present and an earlier one missing.',
    'To try a mode, pause before 7 s and enter config.set:params.walRecoveryMode=tolerateCorruptedTail (or absoluteConsistency, skipAnyCorrupted), then play on.',
  ],
};
