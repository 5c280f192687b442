/**
 * Screenshots for reviewing a view by eye (not a test): opens the console at
 * `--url`, optionally runs a driver snippet, and writes one PNG per width ×
 * theme. Usage:
 *
 *   npx tsx scripts/shoot.ts --url 'http://127.0.0.1:5173/?scenario=rehome-worked-example' \
 *     --eval 'await lab.pause(); await lab.advanceBy(20000); await lab.select({ kind: "node", id: "n3" })' \
 *     --out /tmp/shots/worked [--widths 1440,390] [--themes light,dark] [--full]
 *
 * `lab` in the snippet is `window.failoverLab`; the snippet runs inside an async function, so `await` every call,
 * e.g. `(await lab.getState()).timeMs` (right for today's driver and for the engine-in-a-worker one, whose calls
 * return Promises). Uses /usr/bin/chromium when present.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const url = arg('url');
if (!url) throw new Error('--url is required');
const out = arg('out', '/tmp/shots/shot')!;
const snippet = arg('eval', '')!;
const widths = arg('widths', '1440,390')!.split(',').map(Number);
const themes = arg('themes', 'light,dark')!.split(',');
const full = process.argv.includes('--full');
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

fs.mkdirSync(path.dirname(out), { recursive: true });
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const width of widths) {
    for (const theme of themes) {
      const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: theme as 'light' | 'dark' });
      page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
      const sep = url.includes('?') ? '&' : '?';
      await page.goto(`${url}${sep}theme=${theme}`);
      await page.waitForFunction(() => window.failoverLab !== undefined);
      await page.evaluate(async () => {
        await window.failoverLab!.ready;
      });
      if (snippet) {
        await page.evaluate(`(async () => { const lab = window.failoverLab; ${snippet}; })()`);
        // One more awaited (and cheap) call: it answers after every call the snippet made has been applied.
        await page.evaluate(async () => {
          await window.failoverLab!.digest();
        });
      }
      // Let the view draw the moment and finish its transitions before the picture.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForTimeout(400);
      const file = `${out}-${width}-${theme}.png`;
      await page.screenshot({ path: file, fullPage: full });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
