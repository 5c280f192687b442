/**
 * The inspector parts a learner opens, not the ones they see first: one
 * chunk loaded on first use keeps the start-up bundle within its budget
 * (DESIGN.md §5). A single module, so the bundler makes a single chunk.
 */
export { PartitionTool } from './partition-tool';
export { ShardInspector } from './shard-inspector';
