import type { Scenario } from '../engine/index';
import { manualFrames } from '../store/frame-scheduler';
import { ConsoleClient } from './console-client';
import { EngineHost } from './engine-host';
import type { Port } from './protocol';
import type { LoopTimers } from './embed-playback';

/**
 * The page's client and the worker's host joined by a MessageChannel in one thread: the real protocol, structured
 * clone and transfer included, without a browser (tests, the fuzzer). Frames come from a hand-cranked scheduler.
 */
export function createLocalConsole(scenario?: Scenario, seed?: number, options: { timers?: LoopTimers } = {}) {
  const frames = manualFrames();
  const channel = new MessageChannel();
  const host = new EngineHost(channel.port2 as unknown as Port, frames, options.timers);
  const client = new ConsoleClient(channel.port1 as unknown as Port, () => {
    host.dispose();
    channel.port1.close();
    channel.port2.close();
  });
  const loaded = scenario ? client.load(scenario, seed ?? scenario.seed) : client.restoreFromQuery('');
  return { client, host, frames, ready: loaded.then(() => client.ready) };
}
