import type {
  FailoverConfig,
  NodeId,
  NodeSpec,
  ProfileId,
  ShardId,
  SimParams,
  TimedCommand,
  WorkloadSpec,
} from '../engine/index';

/**
 * A scenario as written in a JSON file, before defaults are filled in
 * (DESIGN.md §4). Built-ins are typed with it so a typo fails to compile;
 * files from users arrive as `unknown` and go through `parseScenario`.
 * A parsed `Scenario` is itself a valid ScenarioFile.
 */
export interface ScenarioFile {
  /** A slug: lowercase letters, digits and "-". */
  id: string;
  /** Defaults to the id. */
  title?: string;
  description?: string;
  /** What the learner should watch, in order: the console shows it as a numbered list. */
  watch?: string[];
  seed?: number;
  /** A count (nodes n1…nN dealt over racks r1…rR in turn) or an explicit list. */
  nodes: number | NodeSpec[];
  /** Only with a node count; defaults to one rack per node. */
  racks?: number;
  shards: number;
  replicationFactor?: number;
  shardSizeBytes?: number;
  params?: Partial<SimParams>;
  failover?: Partial<FailoverConfig>;
  /** Pinned placements: shard id → exactly RF node ids, first = configured primary. */
  placement?: Record<ShardId, NodeId[]>;
  /** Voting replicas of pinned shards (must include the configured primary); the rest of their replicas do not vote. */
  voters?: Record<ShardId, NodeId[]>;
  /** Preset how a real system reacts: "zeptodb", "rethinkdb" or "cockroachdb". Null or absent: plain defaults. */
  profile?: ProfileId | null;
  workload?: Partial<WorkloadSpec>;
  timeline?: TimedCommand[];
}
