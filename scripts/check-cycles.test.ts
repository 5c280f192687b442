import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCycles, formatCycle, importGraph } from './check-cycles';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A throw-away source tree: { 'a.ts': "import …" }. */
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'check-cycles-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const printed = (dir: string, valuesOnly = false) =>
  findCycles(importGraph(dir, valuesOnly)).cycles.map((cycle) => formatCycle(cycle, dir));

describe('check-cycles', () => {
  it('prints the engine-style three-file cycle as a path back to its start', () => {
    const dir = tree({
      'quorum.ts': "import { r } from './rebuild';\nexport const q = r;",
      'shard-events.ts': "import { q } from './quorum.js';\nexport const s = q;",
      'rebuild.ts': "import { s } from './shard-events';\nexport const r = s;",
    });
    expect(printed(dir)).toEqual(['quorum.ts → rebuild.ts → shard-events.ts → quorum.ts']);
  });

  it('lists a two-file cycle inside a bigger tangle, shortest first', () => {
    const dir = tree({
      'a.ts': "import { b } from './b';\nexport const a = b;",
      'b.ts': "import { a } from './a';\nimport { c } from './c';\nexport const b = [a, c];",
      'c.ts': "export { a } from './a';\nexport const c = 1;",
    });
    expect(printed(dir)).toEqual(['a.ts → b.ts → a.ts', 'a.ts → b.ts → c.ts → a.ts']);
  });

  it('follows folders to their index file and re-exports', () => {
    const dir = tree({
      'engine/index.ts': "export { run } from './run';",
      'engine/run.ts': "import { PROFILES } from '..';\nexport const run = PROFILES;",
      'index.ts': "export * from './engine';\nexport const PROFILES = 1;",
    });
    expect(printed(dir)).toEqual(['engine/index.ts → engine/run.ts → index.ts → engine/index.ts']);
  });

  it('marks type-only edges, and leaves them out with --values-only', () => {
    const dir = tree({
      'types.ts': "import type { Spec } from './schema';\nexport type T = Spec;",
      'schema.ts': "import { type T } from './types';\nexport type Spec = { t?: T };",
    });
    expect(printed(dir)).toEqual(['schema.ts →(type) types.ts →(type) schema.ts']);
    expect(printed(dir, true)).toEqual([]);
  });

  it('does not count a dynamic import() (a lazy chunk) nor packages and stylesheets', () => {
    const dir = tree({
      'app.ts': "import 'd3';\nimport './app.css';\nexport const open = () => import('./panel');",
      'panel.ts': "import { open } from './app';\nexport const p = open;",
      'app.css': 'p {}',
    });
    expect(printed(dir)).toEqual([]);
  });

  it('finds a module importing itself', () => {
    const dir = tree({ 'self.ts': "import { s } from './self';\nexport const t = s;" });
    expect(printed(dir)).toEqual(['self.ts → self.ts']);
  });
});
