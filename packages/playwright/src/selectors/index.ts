import { versioned, type Selectors } from './versioned.js';

export { versioned, type Selectors } from './versioned.js';

/** The driver major this kit speaks. A page reporting another major fails fast (§4.4: never a silent downgrade). */
export const SUPPORTED_DRIVER_MAJOR = 1;

/** The newest driver version this kit release knows the test ids of. */
export const KIT_DRIVER_VERSION = '1.1';

/** Splits "1.2" into [1, 2]; anything else is not a driver version. */
export function parseVersion(version: string): [number, number] {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`@failover-lab/playwright: the page's driver reports version ${JSON.stringify(version)}, not "<major>.<minor>"`);
  return [Number(m[1]), Number(m[2])];
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Throws, naming both versions, unless the page's driver is a major this kit speaks. */
export function assertSupported(version: string): void {
  const [major] = parseVersion(version);
  if (major !== SUPPORTED_DRIVER_MAJOR) {
    throw new Error(
      `@failover-lab/playwright ${SUPPORTED_DRIVER_MAJOR}.x speaks driver ${SUPPORTED_DRIVER_MAJOR}.x; the page's window.failoverLab.version is ${version}. ` +
        `Install the kit release for driver ${major}.x.`,
    );
  }
}

/** For each entry, the spelling of the newest version at or below `version` (same major). */
export function resolveSelectors(version: string): Selectors {
  assertSupported(version);
  const wanted = parseVersion(version);
  const out: Record<string, unknown> = {};
  for (const [name, byVersion] of Object.entries(versioned)) {
    const usable = Object.keys(byVersion)
      .map((v) => [v, parseVersion(v)] as const)
      .filter(([, p]) => p[0] === wanted[0] && compare(p, wanted) <= 0)
      .sort((a, b) => compare(b[1], a[1]));
    if (usable.length === 0) throw new Error(`@failover-lab/playwright: no "${name}" selectors for driver ${version}`);
    out[name] = (byVersion as Record<string, unknown>)[usable[0][0]];
  }
  return out as Selectors;
}
