/** A whole rack goes dark: no rack-diverse home is left. */
import type { ScenarioFile } from '../scenario-file';

export const rackOutage: ScenarioFile = {
  id: 'rack-outage',
  title: 'Rack r1 fails: the rack rule must bend',
  seed: 1,
  nodes: 9,
  racks: 3,
  shards: 180,
  replicationFactor: 3,
  timeline: [{ atMs: 5000, command: { type: 'rack.fail', rack: 'r1' } }],
};
