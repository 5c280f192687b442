import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const isCI = !!process.env.CI;
const PORT = 4173;
/** E2E_BASE_URL points the specs at a server you already run (a dev server on your own port); otherwise the build is previewed. */
const EXTERNAL_URL = process.env.E2E_BASE_URL;
const BASE_URL = EXTERNAL_URL ?? `http://127.0.0.1:${PORT}`;
/** scripts/serve-hosts.ts: the host pages of the embed specs, on another origin than the app. */
const HOSTS_PORT = 4174;

/**
 * Browser selection:
 *  1. PLAYWRIGHT_CHROMIUM_PATH, if set;
 *  2. else the Debian/Ubuntu system Chromium at /usr/bin/chromium, if present
 *     (Playwright cannot download its own browsers on every machine we run on);
 *  3. else undefined, so a Playwright-managed browser (`npx playwright install chromium`) is used.
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ||
  (fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

const systemChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: isCI,
  // No retries: a flaky spec must show itself. Slow specs get their own timeouts instead.
  retries: 0,
  workers: 2,
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: executablePath
          ? { executablePath, args: systemChromiumArgs }
          : {},
      },
    },
    {
      // The @failover-lab/playwright kit's own examples, run the way an outside author runs them (imports from
      // the package only) against the same server.
      name: 'kit-examples',
      testDir: 'packages/playwright/examples',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: executablePath
          ? { executablePath, args: systemChromiumArgs }
          : {},
      },
    },
  ],
  // Serves the production build; `npm test` runs `npm run build` before `npm run test:e2e`.
  webServer: [
    ...(EXTERNAL_URL
      ? []
      : [
          {
            command: 'npm run preview',
            url: BASE_URL,
            reuseExistingServer: !isCI,
            timeout: 60_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
          },
        ]),
    {
      // The embed specs' host pages (e2e/hosts/) on a second origin, also with E2E_BASE_URL; a page gets the
      // app's URL as ?app=<baseURL>.
      command: `npx tsx scripts/serve-hosts.ts --port ${HOSTS_PORT}`,
      url: `http://127.0.0.1:${HOSTS_PORT}/host.css`,
      reuseExistingServer: !isCI,
      timeout: 30_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    },
  ],
});
