/**
 * The driver's types, from the console's shipped declaration (types/failover-lab.d.ts, copied into this package by
 * scripts/sync-kit-types.ts), and the typed call signature the kit builds on them.
 */
import type { FailoverLabDriver } from '../types/failover-lab.js';

export type * from '../types/failover-lab.js';

/** Members that are data or take a callback: not callable from the test's process. */
type NotCallable = 'version' | 'ready' | 'on';

/** Driver methods a test calls by name (`lab.call('getState')`). */
export type DriverMethod = Exclude<keyof FailoverLabDriver, NotCallable>;

export type DriverArgs<K extends DriverMethod> = FailoverLabDriver[K] extends (...a: infer A) => unknown ? A : never;
export type DriverResult<K extends DriverMethod> = FailoverLabDriver[K] extends (...a: never[]) => infer R ? Awaited<R> : never;

/** Calls a driver method in the page, awaits it there, and resolves to its (JSON) result; a rejection keeps its message. */
export type Call = <K extends DriverMethod>(method: K, ...args: DriverArgs<K>) => Promise<DriverResult<K>>;
