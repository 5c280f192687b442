/**
 * Start-up bundle-size check: the HTML, CSS and JS a visitor loads before the
 * console is usable must stay within DESIGN.md §5's budget, 150 KB gzip.
 *
 *   npx tsx scripts/check-bundle.ts [--dir dist] [--budget-kb 150]
 *
 * Start-up files are index.html, what it loads (module scripts, stylesheets,
 * modulepreload links) and every chunk those scripts import statically.
 * Chunks reached only through dynamic `import()` (the statechart panel…) load
 * on demand and are listed apart, not counted. Sizes are gzip level 9, the
 * same measure as `npm run bench:console` (BENCHMARKS.md); KB = 1,000 bytes.
 *
 * Exit codes: 0 within budget, 1 over budget (each start-up file named with
 * its size), 2 no build to read / bad arguments.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

export const BUDGET_KB = 150;

export interface BundleFile {
  /** Path inside the build directory, e.g. `assets/index-abc.js`. */
  file: string;
  raw: number;
  gzip: number;
}

/** `/assets/x.js`, `./assets/x.js`, `assets/x.js` → `assets/x.js`; external URLs → null. */
function localPath(url: string, fromFile: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return null;
  const clean = url.split(/[?#]/)[0];
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(fromFile), clean));
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : null;
}

/** What index.html loads before anything runs: module scripts, stylesheets, preloaded modules. */
export function filesLoadedByHtml(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const url = isScript ? attribute(tag, 'src') : rel.includes('stylesheet') || rel.includes('modulepreload') ? attribute(tag, 'href') : null;
    const path = url ? localPath(url, 'index.html') : null;
    if (path) files.push(path);
  }
  return files;
}

/** Static `import … from` / `export … from` / `import "…"` of a built chunk; dynamic `import()` is not start-up. */
export function staticImportsOf(code: string, chunk: string): string[] {
  const source = ts.createSourceFile(chunk, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const imports: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const path = localPath(specifier.text, chunk);
    if (path) imports.push(path);
  }
  return imports;
}

function sizeOf(dir: string, file: string): BundleFile {
  const bytes = readFileSync(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** index.html plus everything it loads at start-up, following static imports between chunks. */
export function startupFiles(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const seen = new Set<string>(['index.html']);
  const queue = filesLoadedByHtml(html);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    if (!existsSync(join(dir, file))) throw new Error(`${file} is loaded by the page but is not in ${dir}`);
    seen.add(file);
    if (/\.m?js$/.test(file)) queue.push(...staticImportsOf(readFileSync(join(dir, file), 'utf8'), file));
  }
  return [...seen];
}

function allAssets(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, sub))) {
    const file = sub ? `${sub}/${name}` : name;
    if (statSync(join(dir, file)).isDirectory()) out.push(...allAssets(dir, file));
    else if (/\.(m?js|css)$/.test(name)) out.push(file);
  }
  return out.sort();
}

export function measure(dir: string): { startup: BundleFile[]; lazy: BundleFile[]; total: number } {
  const startupNames = startupFiles(dir);
  const startup = startupNames.map((file) => sizeOf(dir, file)).sort((a, b) => b.gzip - a.gzip);
  const lazy = allAssets(dir)
    .filter((file) => !startupNames.includes(file))
    .map((file) => sizeOf(dir, file))
    .sort((a, b) => b.gzip - a.gzip);
  return { startup, lazy, total: startup.reduce((sum, f) => sum + f.gzip, 0) };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const row = (f: BundleFile) => `  ${f.file.padEnd(48)} ${kb(f.gzip).padStart(10)} gzip  ${kb(f.raw).padStart(10)} raw`;

function main(argv: string[]): number {
  let dir = 'dist';
  let budgetKb = BUDGET_KB;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir' && argv[i + 1]) dir = argv[++i];
    else if (arg === '--budget-kb' && argv[i + 1] && Number(argv[i + 1]) > 0) budgetKb = Number(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: tsx scripts/check-bundle.ts [--dir dist] [--budget-kb 150]');
      return 0;
    } else {
      console.error(`check-bundle: unknown or incomplete argument "${arg}" (takes --dir <build dir>, --budget-kb <positive number>)`);
      return 2;
    }
  }
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`check-bundle: no ${join(relative(process.cwd(), root) || '.', 'index.html')}: build first (npm run build, or npx vite build --outDir <dir>)`);
    return 2;
  }
  let result: ReturnType<typeof measure>;
  try {
    result = measure(root);
  } catch (error) {
    console.error(`check-bundle: ${(error as Error).message}`);
    return 2;
  }
  const budget = budgetKb * 1000;
  const over = result.total > budget;
  const print = over ? console.error : console.log;
  print(`check-bundle: start-up HTML+CSS+JS ${kb(result.total)} gzip of a ${kb(budget)} budget${over ? ` — ${kb(result.total - budget)} OVER` : ''} (${relative(process.cwd(), root) || '.'}):`);
  for (const file of result.startup) print(row(file));
  if (result.lazy.length > 0) {
    print('loaded on demand (not counted):');
    for (const file of result.lazy) print(row(file));
  }
  if (over) print('Move what the first screen does not need behind a dynamic import(), or drop a dependency.');
  return over ? 1 : 0;
}

// Run only as a script, so a test can import the functions.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  process.exitCode = main(process.argv.slice(2));
}
