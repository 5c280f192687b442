/**
 * How much the console rewrites while it plays (not a test, not a benchmark
 * gate): opens the worked example, seeks to the failure, plays at each speed
 * for a window and counts, in the page,
 *
 * - DOM mutation records (a MutationObserver on the whole document), split by
 *   where they land (cluster layers, charts, event log, the rest);
 * - publishes: changes of the playback clock's text (one per store publish);
 * - rendering passes: Chrome's style recalculations and layouts (CDP
 *   `Performance.getMetrics`), and animation-frame callbacks run by the page.
 *
 *   npx tsx scripts/render-churn.ts --url http://127.0.0.1:5173/ [--seconds 10] [--speeds 1,4]
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const base = arg('url', 'http://127.0.0.1:5173/');
const seconds = Number(arg('seconds', '10'));
const speeds = arg('speeds', '1,4').split(',').map(Number);
const seekMs = Number(arg('seek', '6000'));
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  for (const speed of speeds) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
    // Counts animation-frame callbacks the page runs (any script's).
    await page.addInitScript(`(() => {
      window.__rafRuns = 0;
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => raf((t) => { window.__rafRuns++; cb(t); });
    })()`);
    await page.goto(`${base}?scenario=rehome-worked-example&reducedMotion=0`);
    await page.waitForFunction(() => window.failoverLab !== undefined);
    await page.evaluate(() => window.failoverLab!.ready);
    await page.evaluate(`(async () => { await window.failoverLab.seek(${seekMs}); })()`);
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return { styles: get('RecalcStyleCount'), layouts: get('LayoutCount'), task: get('TaskDuration') };
    };
    const before = await metric();
    const result = (await page.evaluate(`(async () => {
      const where = (node) => {
        const el = node.nodeType === 1 ? node : node.parentElement;
        if (!el) return 'other';
        const layer = el.closest('.cv-layer, .cv-overlay, .cv-svg');
        if (layer) return layer.classList.contains('cv-layer') ? [...layer.classList].find((c) => c.startsWith('cv-layer-')) : layer.classList[0];
        if (el.closest('.mini-chart')) return 'charts';
        if (el.closest('.event-log')) return 'event-log';
        return 'other';
      };
      const byPlace = {};
      let records = 0;
      let batches = 0;
      const observer = new MutationObserver((list) => {
        batches++;
        records += list.length;
        for (const r of list) { const k = where(r.target); byPlace[k] = (byPlace[k] || 0) + 1; }
      });
      observer.observe(document.documentElement, { subtree: true, attributes: true, childList: true, characterData: true });
      const clock = document.querySelector('[data-testid="control-time"]');
      let publishes = 0;
      let lastText = clock ? clock.textContent : '';
      const clockWatch = new MutationObserver(() => { if (clock.textContent !== lastText) { lastText = clock.textContent; publishes++; } });
      if (clock) clockWatch.observe(clock, { subtree: true, characterData: true, childList: true });
      const lab = window.failoverLab;
      await lab.setSpeed(${speed});
      const raf0 = window.__rafRuns;
      const t0 = performance.now();
      await lab.play();
      await new Promise((r) => setTimeout(r, ${seconds} * 1000));
      await lab.pause();
      const wall = (performance.now() - t0) / 1000;
      observer.disconnect();
      clockWatch.disconnect();
      return { wall, records, batches, byPlace, publishes, rafRuns: window.__rafRuns - raf0, simMs: (await lab.getState()).timeMs };
    })()`)) as { wall: number; records: number; batches: number; byPlace: Record<string, number>; publishes: number; rafRuns: number; simMs: number };
    const after = await metric();
    const per = (n: number) => (n / result.wall).toFixed(1);
    console.log(
      JSON.stringify(
        {
          speed,
          wallS: result.wall.toFixed(1),
          simReachedMs: result.simMs,
          mutationRecordsPer10s: Math.round((result.records / result.wall) * 10),
          mutationBatchesPerS: per(result.batches),
          byPlacePer10s: Object.fromEntries(
            Object.entries(result.byPlace)
              .sort((a, b) => b[1] - a[1])
              .map(([k, v]) => [k, Math.round((v / result.wall) * 10)]),
          ),
          publishesPerS: per(result.publishes),
          styleRecalcsPerS: per(after.styles - before.styles),
          layoutsPerS: per(after.layouts - before.layouts),
          rafCallbacksPerS: per(result.rafRuns),
          mainThreadBusy: `${(((after.task - before.task) / result.wall) * 100).toFixed(0)} %`,
        },
        null,
        1,
      ),
    );
    await page.close();
  }
} finally {
  await browser.close();
}
