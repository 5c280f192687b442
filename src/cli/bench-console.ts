/**
 * `npm run bench:console` — the console figures of DESIGN.md §5, measured in
 * headless Chromium against the production build (run `npm run build` first;
 * `npm run bench` does both halves).
 *
 * - bytes: gzip size of the HTML, JS and CSS the page loads before it is usable;
 * - frame time at 4×: per-frame main-thread work (rAF callback to the next idle
 *   point, via long-task-free sampling of frame intervals) while the worked
 *   example rebuilds at 4× speed — reported as p50/p95 of frame intervals and
 *   of the console's own per-frame JS time;
 * - main-thread busy at 1×: Chrome's TaskDuration over wall time while the
 *   rebuild plays at 1×.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4179;
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const SECONDS = process.argv.includes('--quick') ? 4 : 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

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

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('no dist/: run `npm run build` first');
  const bytes = bundleBytes();
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
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
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/?reducedMotion=0`);
    await page.waitForFunction(() => window.failoverLab !== undefined);
    await page.evaluate(() => window.failoverLab!.ready);

    // Frame intervals and the console's own per-frame work at 4×, during detection and rebuild.
    await page.evaluate(() => window.failoverLab!.seek(12_000));
    // Sent as source text: tsx would otherwise wrap the inner function in a helper (`__name`) the page lacks.
    const frames = (await page.evaluate(`(async () => {
      const lab = window.failoverLab;
      const intervals = [];
      let last = performance.now();
      lab.setSpeed(4);
      lab.play();
      const end = last + ${SECONDS} * 1000;
      await new Promise((resolve) => {
        const tick = (now) => {
          intervals.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      lab.pause();
      return { intervals: intervals.slice(2), simTimeMs: lab.getState().timeMs };
    })()`)) as { intervals: number[]; simTimeMs: number };

    // Main-thread busy at 1×, from Chrome's own task accounting.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate(() => {
      window.failoverLab!.seek(14_000);
      window.failoverLab!.setSpeed(1);
    });
    const taskDuration = async () =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) as number;
    const busyStart = await taskDuration();
    const wallStart = Date.now();
    await page.evaluate(() => window.failoverLab!.play());
    await page.waitForTimeout(SECONDS * 1000);
    await page.evaluate(() => window.failoverLab!.pause());
    const busy = (await taskDuration()) - busyStart;
    const wall = (Date.now() - wallStart) / 1000;
    await browser.close();

    const result = {
      bundle: { files: bytes.files.length, rawKiB: bytes.raw / 1024, gzipKiB: bytes.gzip / 1024 },
      frames4x: {
        frames: frames.intervals.length,
        p50Ms: percentile(frames.intervals, 50),
        p95Ms: percentile(frames.intervals, 95),
        maxMs: Math.max(...frames.intervals),
        simulatedTo: frames.simTimeMs,
      },
      busy1x: { seconds: wall, busyPercent: (busy / wall) * 100 },
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (n: number) => n.toFixed(1);
      console.log('\nConsole (headless Chromium, production build, 1440×900):\n');
      console.log('| figure | measured |');
      console.log('|---|---|');
      console.log(`| HTML+CSS+JS before usable, gzip | ${f(result.bundle.gzipKiB)} KiB (${result.bundle.files} files, ${f(result.bundle.rawKiB)} KiB raw) |`);
      console.log(
        `| frame interval at 4×, worked example (${result.frames4x.frames} frames) | p50 ${f(result.frames4x.p50Ms)} ms, p95 ${f(result.frames4x.p95Ms)} ms, max ${f(result.frames4x.maxMs)} ms |`,
      );
      console.log(`| main-thread busy at 1× during the rebuild (${f(result.busy1x.seconds)} s) | ${f(result.busy1x.busyPercent)} % |`);
    }
  } finally {
    try {
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
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
