/**
 * The Web Worker's entry: the engine runs here, the page only renders. All it does is wire `self` to an EngineHost;
 * the protocol and the host are in protocol.ts and engine-host.ts. (Typed with the DOM lib the project compiles
 * with: a worker's `self` has the same postMessage, listeners and timers used here.)
 */
import { EngineHost, workerFrames } from './engine-host';
import type { Port } from './protocol';

const scope = self as unknown as Port & Parameters<typeof workerFrames>[0];
new EngineHost(scope, workerFrames(scope));
