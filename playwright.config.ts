import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './bench/chromium';

/*
 * The web application's end-to-end suite (npm run test:web): real Chromium
 * (Debian's package; Playwright cannot download its own here), against the
 * built app served by the real API process, with the worker, PostgreSQL,
 * Redis and an SMTP server started by test/web/support/global-setup.ts.
 * One worker and generous timeouts: the machine is small and shared.
 */
export default defineConfig({
  testDir: 'test/web',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './test/web/support/global-setup.ts',
  use: {
    baseURL: process.env.WEB_BASE_URL,
    locale: 'es-MX',
    timezoneId: 'America/Mexico_City',
    viewport: { width: 1366, height: 768 },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
});
