/**
 * What a docs page pays for an embed, beside the full console (BENCHMARKS.md; not a test, never asserts time):
 * the console at 1440×900, the embed page at 760×480, and the embed with `poster=1` (until its Run button shows),
 * measured in turns in one browser so the machine's load falls on all three alike. For each: wall time from
 * navigation to ready (the driver's `ready`, or the poster's button), requests made and bytes
 * received as served (gzip from `vite preview`), from Resource Timing.
 *
 *   npx tsx scripts/embed-load.ts --url http://127.0.0.1:4173 [--runs 5]
 *
 * Serve a production build first (`npm run build && npm run preview`). Uses /usr/bin/chromium when present.
 */
import fs from 'node:fs';
import { chromium, type Page } from '@playwright/test';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const base = arg('url', 'http://127.0.0.1:4173').replace(/\/$/, '');
const runs = Number(arg('runs', '5'));
const moment = 'scenario=rehome-worked-example&t=18000';

interface Case {
  name: string;
  path: string;
  viewport: { width: number; height: number };
  ready(page: Page): Promise<void>;
}

const driverReady = async (page: Page) => {
  await page.waitForFunction(() => window.failoverLab !== undefined);
  await page.evaluate(async () => {
    await window.failoverLab!.ready;
  });
};

const cases: Case[] = [
  { name: 'console', path: `/?${moment}`, viewport: { width: 1440, height: 900 }, ready: driverReady },
  { name: 'embed', path: `/embed/?${moment}`, viewport: { width: 760, height: 480 }, ready: driverReady },
  {
    name: 'embed poster=1',
    path: `/embed/?${moment}&poster=1`,
    viewport: { width: 760, height: 480 },
    ready: (page) => page.getByTestId('embed-run').waitFor(),
  },
];

interface Sample {
  ms: number;
  requests: number;
  kb: number;
}

const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
try {
  for (let run = 0; run < runs; run++) {
    for (const c of cases) {
      // A fresh context each time: nothing cached, as for a reader's first visit.
      const context = await browser.newContext({ viewport: c.viewport });
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${base}${c.path}`);
      await c.ready(page);
      const ms = Date.now() - start;
      await page.waitForTimeout(300);
      // Resource Timing sees what the page fetched, the engine worker's script and its chunks included.
      const { requests, bytes } = await page.evaluate(() => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
        return { requests: entries.length, bytes: entries.reduce((sum, e) => sum + e.encodedBodySize, 0) };
      });
      samples.get(c.name)!.push({ ms, requests, kb: bytes / 1000 });
      await context.close();
    }
  }
} finally {
  await browser.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const consoleMs = median(samples.get('console')!.map((s) => s.ms));
console.log(`| page | ready, median (min–max) | vs console | requests | KB received (gzip, as served) |`);
console.log(`|---|---|---|---|---|`);
for (const [name, list] of samples) {
  const ms = list.map((s) => s.ms);
  console.log(
    `| ${name} | ${median(ms)} ms (${Math.min(...ms)}–${Math.max(...ms)}) | ${(median(ms) / consoleMs).toFixed(2)} | ${median(list.map((s) => s.requests))} | ${median(list.map((s) => s.kb)).toFixed(0)} |`,
  );
}
