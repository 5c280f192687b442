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
 * The embed page (embed/index.html, served at /embed/) has the same budget and
 * is checked the same way when the build has it, printed after the console.
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

/** Pages checked after the console's index.html, when the build has them. */
export const OTHER_PAGES = ['embed/index.html'];

/** What a page (index.html by default) loads before anything runs: module scripts, stylesheets, preloaded modules. */
export function filesLoadedByHtml(html: string, page = 'index.html'): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const url = isScript ? attribute(tag, 'src') : rel.includes('stylesheet') || rel.includes('modulepreload') ? attribute(tag, 'href') : null;
    const path = url ? localPath(url, page) : null;
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

/** A page (index.html by default) plus everything it loads at start-up, following static imports between chunks. */
export function startupFiles(dir: string, page = 'index.html'): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  const seen = new Set<string>([page]);
  const queue = filesLoadedByHtml(html, page);
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

export function measure(dir: string, page = 'index.html'): { startup: BundleFile[]; lazy: BundleFile[]; total: number } {
  const startupNames = startupFiles(dir, page);
  const startup = startupNames.map((file) => sizeOf(dir, file)).sort((a, b) => b.gzip - a.gzip);
  const lazy = allAssets(dir)
    .filter((file) => !startupNames.includes(file))
    .map((file) => sizeOf(dir, file))
    .sort((a, b) => b.gzip - a.gzip);
  return { startup, lazy, total: startup.reduce((sum, f) => sum + f.gzip, 0) };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const row = (f: BundleFile) => `  ${f.file.padEnd(48)} ${kb(f.gzip).padStart(10)} gzip  ${kb(f.raw).padStart(10)} raw`;

/**
 * The report and exit code for a build: the console's start-up (and what loads on demand), then each other page's
 * start-up. 1 when any page is over budget.
 */
export function checkBundle(root: string, budgetKb: number): { lines: string[]; code: number } {
  const lines: string[] = [];
  const budget = budgetKb * 1000;
  const where = relative(process.cwd(), root) || '.';
  const console_ = measure(root);
  const consoleOver = console_.total > budget;
  lines.push(`check-bundle: start-up HTML+CSS+JS ${kb(console_.total)} gzip of a ${kb(budget)} budget${consoleOver ? ` — ${kb(console_.total - budget)} OVER` : ''} (${where}):`);
  for (const file of console_.startup) lines.push(row(file));
  if (console_.lazy.length > 0) {
    lines.push('loaded on demand (not counted):');
    for (const file of console_.lazy) lines.push(row(file));
  }
  let over = consoleOver;
  for (const page of OTHER_PAGES.filter((p) => existsSync(join(root, p)))) {
    const result = measure(root, page);
    const pageOver = result.total > budget;
    over ||= pageOver;
    lines.push(`check-bundle: ${page} start-up HTML+CSS+JS ${kb(result.total)} gzip of a ${kb(budget)} budget${pageOver ? ` — ${kb(result.total - budget)} OVER` : ''}:`);
    for (const file of result.startup) lines.push(row(file));
  }
  if (over) lines.push('Move what the first screen does not need behind a dynamic import(), or drop a dependency.');
  return { lines, code: over ? 1 : 0 };
}

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
  let report: ReturnType<typeof checkBundle>;
  try {
    report = checkBundle(root, budgetKb);
  } catch (error) {
    console.error(`check-bundle: ${(error as Error).message}`);
    return 2;
  }
  const print = report.code === 0 ? console.log : console.error;
  for (const line of report.lines) print(line);
  return report.code;
}

// Run only as a script, so a test can import the functions.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  process.exitCode = main(process.argv.slice(2));
}
