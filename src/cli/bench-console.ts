/**
 * `npm run bench:console` — the console figures of DESIGN.md §5, measured in
 * headless Chromium against the production build (run `npm run build` first;
 * `npm run bench` does both halves).
 *
 * For each cluster size (the worked example, 100 × 10,000, 1,000 × 100,000):
 * - load: `lab.load(scenario)` until the page has drawn it;
 * - frames: animation-frame intervals while the rebuild plays (p50/p95/max),
 *   and how much simulated time went by per wall second (1.00 = real time at 1×);
 * - busy and CPU: Chrome's main-thread TaskDuration (wall time in tasks, which a
 *   loaded machine inflates) and ThreadTime (CPU time) over wall time in the same
 *   window (a Web Worker's tasks are not the main thread's);
 * - the same at 1× in a window without the bench's frame loop (what a learner's
 *   page pays: the loop alone makes Chrome draw every refresh);
 * - seek: in a 10-minute run, `lab.seek(t)` to points ahead and behind, until
 *   the page has drawn the new moment.
 * Plus the start-up bytes, and, with `--raftscope <dir>`, RaftScope (5 servers)
 * measured the same way in the same sitting: the peer the budget names.
 *
 * Every driver call is awaited, so the figures hold whether the driver answers
 * at once or through the engine's worker.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
/** `--port <n>`: its own preview port, so benches run side by side never measure each other's server. */
const PORT = portOption();
const PEER_PORT = PORT + 1;
/** `--dist <dir>` measures another build (e.g. an earlier commit's, for a paired baseline in the same sitting). */
const DIST = path.resolve(option('--dist') ?? path.join(ROOT, 'dist'));
const QUICK = argv.includes('--quick');
const SECONDS = QUICK ? 4 : 10;
const JSON_OUT = argv.includes('--json');
const RAFTSCOPE = option('--raftscope');
const ONLY = option('--sizes')?.split(',');

/** `--port <n>` (default 4179): benches run side by side each need their own. */
function portOption(): number {
  const given = option('--port');
  if (given === undefined) return 4179;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`bench-console: --port ${JSON.stringify(given)} is not a port number (1–65535)`);
    process.exit(2);
  }
  return port;
}

function option(name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

interface Size {
  key: string;
  label: string;
  scenario: string | object;
  /** Where the rebuild is under way: playback starts here. */
  playFromMs: number;
  speeds: number[];
}

/**
 * A fleet where n3 dies, then two more nodes 17 s apart: re-homing (detection, copies) goes on until about 55 s, so
 * a 10 s window at 4× from 14 s measures a working console. With n3 alone a fleet is idle by ~20 s and playing pauses
 * itself there, which once read as the worker falling behind (0.30× "keeps up" at 100 × 10,000, 4×).
 */
function fleet(id: string, nodes: number, racks: number, shards: number): object {
  const crash = (atMs: number, node: string) => ({ atMs, command: { type: 'node.crash', node } });
  return { id, title: id, nodes, racks, shards, replicationFactor: 3, timeline: [crash(5000, 'n3'), crash(22_000, `n${Math.round(nodes * 0.57)}`), crash(39_000, `n${Math.round(nodes * 0.91)}`)] };
}

const SIZES: Size[] = [
  { key: 'worked', label: 'worked example, 6 × 400', scenario: 'rehome-worked-example', playFromMs: 14_000, speeds: [1, 4] },
  { key: '100', label: '100 × 10,000', scenario: fleet('bench-console-100', 100, 10, 10_000), playFromMs: 14_000, speeds: [1, 4] },
  { key: '1000', label: '1,000 × 100,000', scenario: fleet('bench-console-1000', 1000, 20, 100_000), playFromMs: 14_000, speeds: [1] },
].filter((s) => !ONLY || ONLY.includes(s.key));

/** Seek targets in a 10-minute run, visited in this order: each is ahead of or behind the one before. */
const SEEK_TARGETS_MS = [300_000, 30_000, 590_000, 150_000, 450_000, 60_000, 520_000, 10_000];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (values: number[]) => percentile(values, 50);

function bundleBytes(): { raw: number; gzip: number; files: string[] } {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = ['index.html', ...assets];
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(DIST, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

// Page-side code is sent as source text: tsx would otherwise wrap inner functions in a helper (`__name`) the page lacks.
const TWO_FRAMES = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))`;

/** Animation-frame intervals for `seconds` of wall time while `start` runs, then `stop`. */
function frameWindow(seconds: number, start: string, stop: string): string {
  return `(async () => {
    const lab = window.failoverLab;
    const intervals = [];
    const simBefore = lab ? (await lab.getState()).timeMs : 0;
    ${start};
    let last = performance.now();
    const wallStart = last;
    const end = last + ${seconds} * 1000;
    await new Promise((resolve) => {
      const tick = (now) => {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const pausedItself = (document.querySelector('[data-testid="pause-reason"]')?.textContent ?? '').trim().startsWith('Paused');
    ${stop};
    const wallMs = performance.now() - wallStart;
    const simAfter = lab ? (await lab.getState()).timeMs : 0;
    return { intervals: intervals.slice(2), wallMs, simMs: simAfter - simBefore, pausedItself };
  })()`;
}

interface FrameFigures {
  speed: number;
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Simulated ms per wall ms, divided by the speed asked for (1.00 = keeping up). */
  keepUp: number;
  busyPercent: number;
  cpuPercent: number;
  /** Playing paused by itself in the window (the run went idle): then keepUp and the frames say little. */
  pausedItself: boolean;
}

/**
 * The main thread's time so far, in ms: `taskMs` (Chrome's TaskDuration: wall time inside tasks, which grows when a
 * loaded machine pre-empts the thread mid-task) and `cpuMs` (ThreadTime: the thread's CPU time, what the issue's
 * "main-thread CPU" budget means).
 */
type MainThreadClock = () => Promise<{ taskMs: number; cpuMs: number }>;

async function mainThreadClock(page: Page): Promise<MainThreadClock> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { taskMs: ms('TaskDuration'), cpuMs: ms('ThreadTime') };
  };
}

interface QuietFigures {
  speed: number;
  busyPercent: number;
  cpuPercent: number;
  pausedItself: boolean;
}

/**
 * The main thread's share while the page plays on its own, with no frame loop of the bench's: the frame windows'
 * requestAnimationFrame loop makes Chrome draw every refresh (and tick every running animation's style), costing a
 * few per cent a learner's page does not pay.
 */
async function measureQuiet(page: Page, clock: MainThreadClock, speed: number, start: string, stop: string): Promise<QuietFigures> {
  const before = await clock();
  const wallBefore = Date.now();
  const pausedItself = (await page.evaluate(`(async () => {
    const lab = window.failoverLab;
    ${start};
    await new Promise((r) => setTimeout(r, ${SECONDS} * 1000));
    const paused = (document.querySelector('[data-testid="pause-reason"]')?.textContent ?? '').trim().startsWith('Paused');
    ${stop};
    return paused;
  })()`)) as boolean;
  const after = await clock();
  const wall = Date.now() - wallBefore;
  return { speed, busyPercent: ((after.taskMs - before.taskMs) / wall) * 100, cpuPercent: ((after.cpuMs - before.cpuMs) / wall) * 100, pausedItself };
}

async function measureFrames(page: Page, clock: MainThreadClock, speed: number, start: string, stop: string): Promise<FrameFigures> {
  const before = await clock();
  const wallBefore = Date.now();
  const window = (await page.evaluate(frameWindow(SECONDS, start, stop))) as { intervals: number[]; wallMs: number; simMs: number; pausedItself: boolean };
  const after = await clock();
  const wall = Date.now() - wallBefore;
  return {
    speed,
    frames: window.intervals.length,
    p50Ms: median(window.intervals),
    p95Ms: percentile(window.intervals, 95),
    maxMs: Math.max(...window.intervals),
    keepUp: window.simMs / window.wallMs / speed,
    busyPercent: ((after.taskMs - before.taskMs) / wall) * 100,
    cpuPercent: ((after.cpuMs - before.cpuMs) / wall) * 100,
    pausedItself: window.pausedItself,
  };
}

async function measureSize(browser: Browser, size: Size) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`http://127.0.0.1:${PORT}/?reducedMotion=0`);
    await page.waitForFunction(() => window.failoverLab !== undefined);
    await page.evaluate(() => window.failoverLab!.ready);
    const loadMs = (await page.evaluate(`(async () => {
      const t0 = performance.now();
      await window.failoverLab.load(${JSON.stringify(size.scenario)});
      await ${TWO_FRAMES};
      return performance.now() - t0;
    })()`)) as number;
    const clock = await mainThreadClock(page);
    const frames: FrameFigures[] = [];
    const quiet: QuietFigures[] = [];
    const seekToStart = `(async () => { await window.failoverLab.seek(${size.playFromMs}); await ${TWO_FRAMES}; })()`;
    for (const speed of size.speeds) {
      await page.evaluate(seekToStart);
      frames.push(await measureFrames(page, clock, speed, `await lab.setSpeed(${speed}); await lab.play()`, `await lab.pause()`));
    }
    await page.evaluate(seekToStart);
    quiet.push(await measureQuiet(page, clock, 1, `await lab.setSpeed(1); await lab.play()`, `await lab.pause()`));
    // A 10-minute run, then seeks to moments ahead of and behind the one shown.
    await page.evaluate(`(async () => { const lab = window.failoverLab; await lab.advanceBy(600000 - (await lab.getState()).timeMs); })()`);
    const seeks = (await page.evaluate(`(async () => {
      const lab = window.failoverLab;
      const out = [];
      let at = (await lab.getState()).timeMs;
      for (const t of ${JSON.stringify(SEEK_TARGETS_MS)}) {
        const t0 = performance.now();
        await lab.seek(t);
        await ${TWO_FRAMES};
        out.push({ fromMs: at, toMs: t, ms: performance.now() - t0 });
        at = t;
      }
      return out;
    })()`)) as { fromMs: number; toMs: number; ms: number }[];
    const back = seeks.filter((s) => s.toMs < s.fromMs).map((s) => s.ms);
    const forward = seeks.filter((s) => s.toMs > s.fromMs).map((s) => s.ms);
    return {
      key: size.key,
      label: size.label,
      loadMs,
      frames,
      quiet,
      seek: {
        backMedianMs: median(back),
        backMaxMs: Math.max(...back),
        forwardMedianMs: median(forward),
        forwardMaxMs: Math.max(...forward),
        samples: seeks.length,
      },
    };
  } finally {
    await page.close();
  }
}

/** RaftScope's own page (5 servers, playing at its default speed), measured like the console. */
async function measureRaftScope(browser: Browser, dir: string) {
  const server = serveStatic(dir, PEER_PORT);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`http://127.0.0.1:${PEER_PORT}/index.html`);
    await page.waitForTimeout(1000);
    const clock = await mainThreadClock(page);
    return { frames: await measureFrames(page, clock, 1, '', ''), quiet: await measureQuiet(page, clock, 1, '', '') };
  } finally {
    await page.close();
    server.close();
  }
}

function serveStatic(dir: string, port: number): http.Server {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  server.listen(port, '127.0.0.1');
  return server;
}

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`no build in ${DIST}: run \`npm run build\` first`);
  if (RAFTSCOPE && !fs.existsSync(path.join(RAFTSCOPE, 'index.html'))) throw new Error(`--raftscope ${RAFTSCOPE}: no index.html there`);
  const bytes = bundleBytes();
  const load = os.loadavg();
  const server = spawn('npx', ['vite', 'preview', '--outDir', DIST, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'ignore',
    // Its own process group, so stopping it also stops the vite process npx started.
    detached: true,
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const sizes = [];
    for (const size of SIZES) sizes.push(await measureSize(browser, size));
    const raftscope = RAFTSCOPE ? await measureRaftScope(browser, RAFTSCOPE) : null;
    await browser.close();

    const result = {
      loadAverage: { before: load, after: os.loadavg() },
      bundle: { files: bytes.files.length, rawKiB: bytes.raw / 1024, gzipKiB: bytes.gzip / 1024 },
      sizes,
      raftscope,
    };
    if (JSON_OUT) console.log(JSON.stringify(result, null, 2));
    else printTable(result);
  } finally {
    try {
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

const PAUSED = ' — paused itself (the run went idle)';

function printTable(result: {
  loadAverage: { before: number[]; after: number[] };
  bundle: { files: number; rawKiB: number; gzipKiB: number };
  sizes: Awaited<ReturnType<typeof measureSize>>[];
  raftscope: { frames: FrameFigures; quiet: QuietFigures } | null;
}) {
  const f = (n: number) => n.toFixed(1);
  const frames = (x: FrameFigures, keepUp = true) =>
    `p50 ${f(x.p50Ms)} / p95 ${f(x.p95Ms)} / max ${f(x.maxMs)} ms (${x.frames} frames)${keepUp ? `, keeps up ${x.keepUp.toFixed(2)}` : ''}, main thread busy ${f(x.busyPercent)} %, CPU ${f(x.cpuPercent)} %${x.pausedItself ? PAUSED : ''}`;
  const quiet = (x: QuietFigures) => `busy ${f(x.busyPercent)} %, CPU ${f(x.cpuPercent)} %${x.pausedItself ? PAUSED : ''}`;
  console.log(`\nConsole (headless Chromium, production build, 1440×900, ${SECONDS} s windows; load ${result.loadAverage.before.map((l) => l.toFixed(2)).join(' ')}):\n`);
  console.log('| figure | measured |');
  console.log('|---|---|');
  console.log(`| HTML+CSS+JS before usable, gzip | ${f(result.bundle.gzipKiB)} KiB (${result.bundle.files} files, ${f(result.bundle.rawKiB)} KiB raw) |`);
  for (const size of result.sizes) {
    console.log(`| ${size.label}: load | ${f(size.loadMs)} ms |`);
    for (const x of size.frames) console.log(`| ${size.label}: playing at ${x.speed}× | ${frames(x)} |`);
    for (const x of size.quiet) console.log(`| ${size.label}: main thread at ${x.speed}×, no frame loop | ${quiet(x)} |`);
    console.log(
      `| ${size.label}: seek in a 10-minute run (${size.seek.samples}) | back median ${f(size.seek.backMedianMs)} ms (max ${f(size.seek.backMaxMs)}), forward median ${f(size.seek.forwardMedianMs)} ms (max ${f(size.seek.forwardMaxMs)}) |`,
    );
  }
  if (result.raftscope) {
    console.log(`| RaftScope (5 servers), playing | ${frames(result.raftscope.frames, false)} |`);
    console.log(`| RaftScope (5 servers), main thread, no frame loop | ${quiet(result.raftscope.quiet)} |`);
  }
  console.log(`\nload average after: ${result.loadAverage.after.map((l) => l.toFixed(2)).join(' ')}`);
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`preview server did not start at ${url}`);
}

await main();
