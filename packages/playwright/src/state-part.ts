import type { Frame, Page } from '@playwright/test';
import type { ClusterState, FailoverLabDriver, Metrics, NodeView, ShardView } from './driver.js';

/**
 * Reads one part of `getState()` inside the page and sends only that part to the test. At fleet size the whole
 * state is tens of megabytes (1,000 nodes × 100,000 shards: 67 MB of JSON); `getState()` itself takes a moment
 * there, but sending its result over the DevTools protocol to the test's process took 86 s of it. Every helper of
 * the kit that needs one figure of the state reads it this way.
 */
export type StatePart =
  | { part: 'timeMs' }
  | { part: 'metric'; name: keyof Metrics }
  | { part: 'node'; id: string }
  | { part: 'shard'; id: string };

type PartValue<P extends StatePart> = P extends { part: 'timeMs' }
  ? number
  : P extends { part: 'metric'; name: infer K extends keyof Metrics }
    ? Metrics[K]
    : P extends { part: 'node' }
      ? NodeView | null
      : ShardView | null;

type WithDriver = { failoverLab?: FailoverLabDriver };

export function readStatePart<P extends StatePart>(target: Page | Frame, want: P): Promise<PartValue<P>> {
  return target.evaluate(async (p: StatePart) => {
    const driver = (window as unknown as WithDriver).failoverLab;
    if (!driver) throw new Error('window.failoverLab is not there: is this the Failover Lab console?');
    const state: ClusterState = await driver.getState();
    switch (p.part) {
      case 'timeMs':
        return state.timeMs;
      case 'metric':
        return state.metrics[p.name];
      case 'node':
        return state.nodes.find((n) => n.id === p.id) ?? null;
      case 'shard':
        return state.shards.find((s) => s.id === p.id) ?? null;
    }
  }, want) as Promise<PartValue<P>>;
}
