import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_OPTIONS } from '../src/embed/embed-options';
import { EMBED_EVENTS, EMBED_EXTRA_METHODS, PROTOCOL_VERSION } from '../src/embed/protocol-v1';
import { versioned } from '../packages/playwright/src/selectors/versioned';
import { readmeTestIds } from './readme-testids';
import { KIT_LESSONS, KIT_SCENARIOS, KIT_TYPES, SHIPPED_TYPES, kitLessonsJson, kitScenariosJson, kitTypesFrom } from './sync-kit';

/**
 * The Playwright kit's contracts (packages/playwright/contracts/*.json, its README and its copy of the driver's
 * types) against the console they describe. A failure names what to change; `npx tsx scripts/sync-kit.ts`
 * rewrites the generated files.
 */
const text = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const json = <T>(path: string) => JSON.parse(text(path)) as T;

/**
 * Public test ids the kit's contract lists that README.md does not list yet (the embed's, the panels' roots).
 * When README documents one, remove it here: the test fails while an id is in both.
 */
const AWAITING_README: string[] = [];

const contractIds = () => json<{ testids: { id: string; since: string }[] }>('../packages/playwright/contracts/testids.json').testids;

/** Every test id the kit's selector map can produce, placeholders as `<x>` (the spelling contracts use). */
function kitSelectorIds(): string[] {
  const ids = new Set<string>();
  const placeholders: Record<string, string[][]> = {
    node: [['<id>']],
    link: [['<node>', 'cp'], ['<a>', '<b>']],
    shard: [['<id>']],
    rack: [['<id>']],
    choice: [['<id>']],
    row: [['<student>']],
  };
  const collect = (name: string, value: unknown) => {
    if (typeof value === 'string') ids.add(value);
    else if (typeof value === 'function') {
      for (const args of placeholders[name] ?? []) ids.add((value as (...a: string[]) => string)(...args));
    } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(k, v);
  };
  for (const [name, byVersion] of Object.entries(versioned)) for (const spelling of Object.values(byVersion)) collect(name, spelling);
  // metric(name) and chart(name) are families: README lists each member (metric-under-replicated…), not a pattern.
  return [...ids];
}

/** Method names of `export interface FailoverLabDriver { … }` in a TypeScript source. */
function driverMembers(source: string): string[] {
  const start = source.indexOf('export interface FailoverLabDriver {');
  const body = source.slice(start, source.indexOf('\n}\n', start));
  return [...body.matchAll(/^ {2}(?:readonly )?([a-zA-Z]+)[<(?:]/gm)].map((m) => m[1]).sort();
}

describe('the Playwright kit', () => {
  it('ships the driver types of types/failover-lab.d.ts (run `npx tsx scripts/sync-kit.ts` after changing them)', () => {
    expect(readFileSync(KIT_TYPES, 'utf8')).toBe(kitTypesFrom(readFileSync(SHIPPED_TYPES, 'utf8')));
  });

  it("types every method of the console's driver (src/embed/driver-api.ts)", () => {
    const kit = driverMembers(readFileSync(KIT_TYPES, 'utf8'));
    const driver = driverMembers(text('../src/embed/driver-api.ts'));
    expect(driver.length).toBeGreaterThan(15);
    expect(driver.filter((m) => !kit.includes(m)), 'driver methods missing from the kit').toEqual([]);
  });

  it('lists the built-in scenarios and lessons of the registry', () => {
    expect(readFileSync(KIT_SCENARIOS, 'utf8')).toBe(kitScenariosJson());
    expect(readFileSync(KIT_LESSONS, 'utf8')).toBe(kitLessonsJson());
  });

  it("contracts/testids.json lists exactly README.md's public test ids (plus those awaiting README)", () => {
    const readme = readmeTestIds(text('../README.md'));
    const contract = contractIds().map((t) => t.id);
    expect(readme.length).toBeGreaterThan(100);
    expect(readme.filter((id) => !contract.includes(id)), 'in README, missing from contracts/testids.json').toEqual([]);
    const undocumented = contract.filter((id) => !readme.includes(id) && !AWAITING_README.includes(id));
    expect(undocumented, 'in contracts/testids.json, missing from README.md').toEqual([]);
    expect(AWAITING_README.filter((id) => readme.includes(id)), 'README lists these now: remove them from AWAITING_README').toEqual([]);
    expect(new Set(contract).size, 'each id once').toBe(contract.length);
    for (const t of contractIds()) expect(t.since, t.id).toMatch(/^\d+\.\d+$/);
  });

  it('uses only contract test ids, and its README lists the ones it uses', () => {
    const used = kitSelectorIds();
    const contract = contractIds().map((t) => t.id);
    expect(used.filter((id) => !contract.includes(id)), 'kit selectors not in contracts/testids.json').toEqual([]);
    const kitReadme = text('../packages/playwright/README.md');
    const section = kitReadme.slice(kitReadme.indexOf('## Test ids the kit relies on'));
    const listed = [...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/`([a-z][a-z0-9]*(?:-(?:[a-z0-9]+|<[^>]+>))*)`/g)].map((m) => m[1]);
    expect(used.filter((id) => !listed.includes(id)), "used by the kit, missing from its README's test-id list").toEqual([]);
    expect(listed.filter((id) => !used.includes(id)), "in the kit README's test-id list, not used by the kit").toEqual([]);
  });

  it('contracts/messages.json is protocol v1 of src/embed/protocol-v1.ts', () => {
    const messages = json<{ protocol: number; methods: { driver: string[]; embed: string[] }; events: string[]; errorCodes: string[] }>(
      '../packages/playwright/contracts/messages.json',
    );
    expect(messages.protocol).toBe(PROTOCOL_VERSION);
    expect(messages.methods.embed).toEqual([...EMBED_EXTRA_METHODS]);
    expect(messages.events).toEqual([...EMBED_EVENTS]);
    const codes = /export type ErrorCode =([^;]+);/.exec(text('../src/embed/protocol-v1.ts'))![1];
    expect(messages.errorCodes).toEqual([...codes.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]));
    const callable = driverMembers(text('../src/embed/driver-api.ts')).filter((m) => !['version', 'ready', 'on'].includes(m));
    expect([...messages.methods.driver].sort()).toEqual(callable);
  });

  it("contracts/url-params.json names every embed option of src/embed/embed-options.ts", () => {
    const params = json<{ embed: { name: string }[] }>('../packages/playwright/contracts/url-params.json');
    expect(params.embed.map((p) => p.name).sort()).toEqual(Object.keys(DEFAULT_EMBED_OPTIONS).sort());
  });

  it("contracts/url-params.json: the console's theme values are the ones share-url.ts accepts; the embed's options are new in 1.1", () => {
    type Param = { name: string; values: string | string[]; since: string };
    const params = json<{ console: Param[]; embed: Param[] }>('../packages/playwright/contracts/url-params.json');
    const accepted = /checkChoice\(params, 'theme', \[([^\]]*)\]/.exec(text('../src/store/share-url.ts'))![1];
    expect(params.console.find((p) => p.name === 'theme')!.values).toEqual([...accepted.matchAll(/'([a-z]+)'/g)].map((m) => m[1]));
    for (const p of params.embed) expect(p.since, p.name).toBe('1.1');
  });
});
