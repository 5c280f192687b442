// Goal: a newcomer can walk the engine one way: no module imports, directly or around a loop, a module that imports it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('test-helper') ? [path] : [];
  });
}

/** Relative imports of each engine file, type-only ones included (a cycle of types still ties the modules together). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pattern = /^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms;
  for (const file of sources(root)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const base = normalize(join(dirname(file), match[1]));
      for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
        try {
          if (statSync(candidate).isFile()) {
            targets.push(candidate);
            break;
          }
        } catch {
          // not this form
        }
      }
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every import loop, each as the chain of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('engine imports', () => {
  it('have no cycles', () => {
    const loops = cycles(importGraph()).map((loop) => loop.map((f) => relative(root, f)).join(' → '));
    expect(loops).toEqual([]);
  });
});
