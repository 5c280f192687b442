import { RoleStepper } from '../../machines/role-stepper';
import { ShardPrimaryStepper } from '../../machines/shard-primary-stepper';
import type { QuorumNews } from '../rows';

/** The world's quorum record (`w.quorum`): written by the files of quorum/ (and an emergency repair's override), read by anyone. */
export interface QuorumRecord {
  shardPrimaryStepper: ShardPrimaryStepper;
  roleStepper: RoleStepper;
  /** Shards whose election is stalled for want of a majority; retried when visibility changes. */
  stalledElections: Set<number>;
  /** Shards whose election is due at each moment: held in one batch (elections.ts onElectionTimer). */
  electionsDue: Map<number, number[]>;
  /** Quorum news gathered during a batch (news.ts `withNews`), or null outside one. */
  news: QuorumNews[] | null;
  /** Shards with no primary right now (kept by `setPrimary`). */
  primaryless: Set<number>;
}

export function newQuorumRecord(): QuorumRecord {
  return {
    shardPrimaryStepper: new ShardPrimaryStepper(),
    roleStepper: new RoleStepper(),
    stalledElections: new Set(),
    electionsDue: new Map(),
    news: null,
    primaryless: new Set(),
  };
}
