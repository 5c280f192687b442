// The shipped declaration of the driver, `window.failoverLab` and `window.failoverLabInstances`; the real driver
// (driver-api.ts, which imports this module) is kept assignable to it by driver-types.check.ts.
import type { FailoverLabDriver } from '../../types/failover-lab';

/** The registry key of a console opened without `instance=`. */
export const DEFAULT_INSTANCE = 'default';

/** The `instance=` URL parameter of this document ('' without it). */
export function instanceOf(search: string): string {
  return new URLSearchParams(search).get('instance') ?? '';
}

/**
 * Registers a console's driver: `window.failoverLab` is this document's console (as before), and
 * `window.failoverLabInstances[instance || 'default']` the same driver under its `instance=` id, so code that
 * speaks to several consoles names the one it means. Two embeds on a host page are two documents, each with its
 * own registry; the host reaches each through its own `<failover-lab>` element and port, never a shared global.
 */
export function registerDriver(driver: FailoverLabDriver, instance: string): void {
  window.failoverLab = driver;
  const registry = (window.failoverLabInstances ??= {});
  registry[instance || DEFAULT_INSTANCE] = driver;
  for (const resolve of waiting.splice(0)) resolve(driver);
}

const waiting: ((driver: FailoverLabDriver) => void)[] = [];

/**
 * This document's driver once its console has booted: at once when it has, else when it registers (an embed with
 * a poster boots the engine only on Run, while its message channel listens from the start).
 */
export function whenDriverRegistered(): Promise<FailoverLabDriver> {
  if (window.failoverLab) return Promise.resolve(window.failoverLab);
  return new Promise((resolve) => waiting.push(resolve));
}
