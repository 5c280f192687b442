/** The migrator knows no node: failover falls back to callback-only. */
import type { ScenarioFile } from '../scenario-file';

export const unregisteredFallback: ScenarioFile = {
  id: 'unregistered-fallback',
  title: 'No registered nodes: failover without re-replication',
  seed: 1,
  nodes: 5,
  shards: 100,
  replicationFactor: 3,
  failover: { registeredNodes: [] },
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n4' } }],
};
