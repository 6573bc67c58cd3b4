import type { LaunchOptions } from '@playwright/test';

/**
 * The Chromium that drives the web application, in its end-to-end tests (playwright.config.ts) and in its
 * measurement (npm run bench:web): Debian's package (Playwright cannot download its own here), with no sandbox
 * (they may run as root) and nothing of Chromium's own updates or sync, in Mexican Spanish.
 */
export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
    '--lang=es-MX',
  ],
};
