import { defineConfig, devices } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Chosen once, in the runner's process; the workers it forks inherit them. Below Linux's ephemeral
// range (32768 up), where the services' own connections to PostgreSQL and Redis could hold them.
process.env.SAMVIRKE_E2E_PORT ??= String(20000 + 4 * Math.floor(Math.random() * 3000));
process.env.SAMVIRKE_E2E_MFA_PORT ??= String(Number(process.env.SAMVIRKE_E2E_PORT) + 1);
process.env.SAMVIRKE_E2E_CLOCK_PORT ??= String(Number(process.env.SAMVIRKE_E2E_PORT) + 2);
process.env.SAMVIRKE_E2E_CLOCK_CONTROL_PORT ??= String(Number(process.env.SAMVIRKE_E2E_PORT) + 3);
const port = process.env.SAMVIRKE_E2E_PORT;
// The second service, where a second factor is required of coordinators (web/e2e/forced-enrolment.spec.ts).
const mfaPort = process.env.SAMVIRKE_E2E_MFA_PORT;
// The third, whose clock the tests tagged @movable-clock move (web/e2e/support/clock.ts).
const clockPort = process.env.SAMVIRKE_E2E_CLOCK_PORT;
const clockControlPort = process.env.SAMVIRKE_E2E_CLOCK_CONTROL_PORT;
const chromium = { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } };
const root = join(__dirname, '..');
// Each run builds the app and keeps its results apart, so two runs on one machine never delete each other's files.
const webDir = join(tmpdir(), `samvirke-web-e2e-${port}`);
const env = { SAMVIRKE_E2E_WEB_DIR: webDir };

/**
 * The browser tests: Debian's chromium (Playwright's own browser download is not reachable here),
 * against the real API, PostgreSQL and Redis, which webServer builds and starts (and stops).
 */
export default defineConfig({
  testDir: join(__dirname, 'e2e'),
  outputDir: join(__dirname, 'test-results', port),
  // Generous for a small machine running three services, their database and the browsers at once.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A trace records every action's screen and DOM: a third of the suite's time. Ask for one when debugging
    // (`--trace retain-on-failure`).
    trace: 'off',
    locale: 'en-GB',
    timezoneId: 'Europe/Oslo',
    // No spinners or transitions drawn frame by frame: the same screens for a fraction of the browser's time.
    contextOptions: { reducedMotion: 'reduce' },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  projects: [
    {
      // Moving time moves it for everything on that service: its tests run one at a time, and only they use it.
      // Listed first, so that their one-at-a-time run starts at once beside the others rather than after them.
      name: 'movable-clock',
      use: { ...chromium, baseURL: `http://127.0.0.1:${clockPort}` },
      grep: /@movable-clock/,
      workers: 1,
    },
    { name: 'chromium', use: chromium, grepInvert: /@movable-clock/ },
  ],
  webServer: [
    {
      command: `npm run build:web -- --outDir ${webDir} --emptyOutDir && node -r @swc-node/register web/e2e/support/stack.ts`,
      env,
      cwd: root,
      url: `http://127.0.0.1:${port}/health/ready`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      // It waits for the first to answer, so that the app it serves is built.
      command: 'node -r @swc-node/register web/e2e/support/stack.ts --mfa-enforced',
      env,
      cwd: root,
      url: `http://127.0.0.1:${mfaPort}/health/ready`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      // Also after the first; ready once its clock's control listener answers (after the API and the worker).
      command: 'node -r @swc-node/register web/e2e/support/stack.ts --movable-clock',
      env,
      cwd: root,
      url: `http://127.0.0.1:${clockControlPort}/now`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
