// Goal: a plan's `expect` can name every invariant the engine checks, and only those; the list here cannot fall
// behind the checkers (a new invariant in the engine fails this test until it is listed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVARIANT_NAMES } from './invariant-names';

const ENGINE = join(import.meta.dirname, '..', '..', 'engine');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** A string literal, quotes and escapes allowed. */
const LITERAL = String.raw`(['"])((?:\\.|(?!\1)[^\\])+)\1`;

/** Every name a checker reports: `add('…', …)`, `const name = '…'` and the values of a `NAMES` or `…_INVARIANTS` table. */
function reportedNames(): Set<string> {
  const names = new Set<string>();
  const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
  for (const file of sources(ENGINE)) {
    const text = readFileSync(file, 'utf8');
    if (!/\badd\s*[:(]|\bInvariantViolation\b/.test(text)) continue;
    for (const m of text.matchAll(new RegExp(String.raw`\badd\(\s*${LITERAL}\s*,`, 'g'))) names.add(unescape(m[2]));
    for (const m of text.matchAll(new RegExp(String.raw`\bconst name\s*=\s*${LITERAL}`, 'g'))) names.add(unescape(m[2]));
    for (const m of text.matchAll(new RegExp(String.raw`\binvariant:\s*${LITERAL}`, 'g'))) names.add(unescape(m[2]));
    for (const table of text.matchAll(/const (?:NAMES|[A-Z_]*INVARIANTS) = \{([\s\S]*?)\}/g)) {
      for (const m of table[1].matchAll(new RegExp(String.raw`:\s*${LITERAL}`, 'g'))) names.add(unescape(m[2]));
    }
  }
  return names;
}

describe('invariant names a plan may expect', () => {
  it('lists every name the engine reports', () => {
    const missing = [...reportedNames()].filter((name) => !INVARIANT_NAMES.includes(name));
    expect(missing).toEqual([]);
  });

  it('lists no name twice', () => {
    expect(new Set(INVARIANT_NAMES).size).toBe(INVARIANT_NAMES.length);
  });
});
