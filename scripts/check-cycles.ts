/**
 * Import-cycle check over src/ (README: "Imports go one way … No cycles").
 *
 *   npx tsx scripts/check-cycles.ts [--root src] [--values-only]
 *
 * Reads every .ts/.tsx file under the root with the TypeScript parser, follows
 * its static relative imports and re-exports (`import … from './x'`,
 * `export … from './x'`), and prints each import cycle as a path
 * `a.ts → b.ts → a.ts`. An edge that is only a type import is drawn
 * `→(type)`: it costs nothing at run time but still ties the two modules
 * together, so it counts unless `--values-only` is given. Dynamic `import()`
 * is left out on purpose: it is how a lazy chunk is loaded, not a module
 * dependency at evaluation time.
 *
 * Exit codes: 0 no cycle, 1 cycles found (each printed), 2 bad arguments.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  to: string;
  typeOnly: boolean;
}

/** Enough cycles to act on; a tangle bigger than this is summarised. */
const MAX_CYCLES_PRINTED = 200;
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION_FILE = /\.d\.(ts|mts|cts)$/;

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listSourceFiles(path));
    else if (SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name)) files.push(path);
  }
  return files.sort();
}

/** './x', './x.js', './dir' → the .ts/.tsx file behind it, or null (css, json, packages). */
function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return null;
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => SOURCE_FILE.test(path) && existsSync(path) && statSync(path).isFile()) ?? null;
}

/** `import type {…}`, `export type {…} from`, or every named binding written `type X`. */
function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // `import './x'` runs the module
    if (clause.isTypeOnly) return true;
    if (clause.name) return false;
    const bindings = clause.namedBindings;
    return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Static relative imports and re-exports of one file, resolved to files. */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges = new Map<string, ImportEdge>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const to = resolveRelative(file, specifier.text);
    if (!to) continue;
    const typeOnly = isTypeOnly(statement);
    const seen = edges.get(to);
    // A value import anywhere makes the whole edge a value edge.
    edges.set(to, { to, typeOnly: seen ? seen.typeOnly && typeOnly : typeOnly });
  }
  return [...edges.values()];
}

export function importGraph(root: string, valuesOnly = false): Map<string, ImportEdge[]> {
  const graph = new Map<string, ImportEdge[]>();
  for (const file of listSourceFiles(root)) {
    graph.set(file, importsOf(file).filter((edge) => !(valuesOnly && edge.typeOnly)));
  }
  return graph;
}

/** Tarjan: the groups of files that all reach each other (iterative, so deep trees cannot overflow). */
function stronglyConnected(graph: Map<string, ImportEdge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++].to;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group.sort());
      }
    }
  }
  return groups;
}

export interface Cycle {
  /** Files in order; the first is repeated at the end when printed. */
  files: string[];
  /** typeOnly[i]: the edge files[i] → files[i+1 (wrapping)] is a type import only. */
  typeOnly: boolean[];
}

/**
 * Every elementary cycle (each starting at its alphabetically first file, so
 * none is listed twice), shortest first, up to `limit`.
 */
export function findCycles(graph: Map<string, ImportEdge[]>, limit = MAX_CYCLES_PRINTED): { cycles: Cycle[]; complete: boolean } {
  const cycles: Cycle[] = [];
  let complete = true;
  for (const group of stronglyConnected(graph)) {
    const members = new Set(group);
    const selfLoop = group.length === 1 && (graph.get(group[0]) ?? []).some((e) => e.to === group[0]);
    if (group.length === 1 && !selfLoop) continue;
    const order = new Map(group.map((file, i) => [file, i]));
    for (const start of group) {
      const path = [start];
      const kinds: boolean[] = [];
      const onPath = new Set([start]);
      const walk = (node: string): void => {
        for (const edge of graph.get(node) ?? []) {
          if (cycles.length >= limit) {
            complete = false;
            return;
          }
          if (!members.has(edge.to) || order.get(edge.to)! < order.get(start)!) continue;
          if (edge.to === start) {
            cycles.push({ files: [...path], typeOnly: [...kinds, edge.typeOnly] });
          } else if (!onPath.has(edge.to)) {
            path.push(edge.to);
            kinds.push(edge.typeOnly);
            onPath.add(edge.to);
            walk(edge.to);
            onPath.delete(path.pop()!);
            kinds.pop();
          }
        }
      };
      walk(start);
    }
  }
  cycles.sort((a, b) => a.files.length - b.files.length || a.files.join().localeCompare(b.files.join()));
  return { cycles, complete };
}

export function formatCycle(cycle: Cycle, from: string): string {
  const name = (file: string) => relative(from, file);
  const files = [...cycle.files, cycle.files[0]];
  return files.map((file, i) => (i === 0 ? name(file) : `${cycle.typeOnly[i - 1] ? '→(type)' : '→'} ${name(file)}`)).join(' ');
}

function main(argv: string[]): number {
  let root = 'src';
  let valuesOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--root' && argv[i + 1]) root = argv[++i];
    else if (arg === '--values-only') valuesOnly = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: tsx scripts/check-cycles.ts [--root src] [--values-only]');
      return 0;
    } else {
      console.error(`check-cycles: unknown argument "${arg}" (takes --root <dir>, --values-only)`);
      return 2;
    }
  }
  const rootDir = resolve(root);
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) {
    console.error(`check-cycles: --root ${root} is not a directory`);
    return 2;
  }
  const graph = importGraph(rootDir, valuesOnly);
  const { cycles, complete } = findCycles(graph);
  const scope = `${graph.size} files under ${relative(process.cwd(), rootDir) || '.'}${valuesOnly ? ' (value imports only)' : ''}`;
  if (cycles.length === 0) {
    console.log(`check-cycles: no import cycles in ${scope}.`);
    return 0;
  }
  const cwd = process.cwd();
  console.error(`check-cycles: ${complete ? cycles.length : `more than ${cycles.length}`} import cycle(s) in ${scope}:`);
  for (const cycle of cycles) console.error(`  ${formatCycle(cycle, cwd)}`);
  console.error('Break each one: move the shared piece into a module both can import, or pass it in. "→(type)" is a type-only import (it counts too; --values-only leaves it out).');
  return 1;
}

// Run only as a script, so a test can import the functions.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  process.exitCode = main(process.argv.slice(2));
}
