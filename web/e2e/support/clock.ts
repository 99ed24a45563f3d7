import type { Browser, BrowserContext, Page } from '@playwright/test';
import { signIn, type Language } from './fixtures';

/**
 * The movable-clock service's time (web/e2e/support/clock-control.ts), for the tests tagged
 * @movable-clock, which alone use that service, one at a time. Moving it moves the API's and the
 * worker's clock. A session started before a move past its SESSION_MAX_HOURS has ended, as it
 * would have in that much time: a reload (which renews the session from its cookie) signs the reader
 * out. Tests sign in after such a move and then move about inside the app (`openInApp`).
 */
function control(path: string): string {
  const port = process.env.SAMVIRKE_E2E_CLOCK_CONTROL_PORT;
  if (!port) throw new Error('SAMVIRKE_E2E_CLOCK_CONTROL_PORT is not set');
  return `http://127.0.0.1:${port}${path}`;
}

async function answer(response: Response): Promise<Date> {
  if (!response.ok) throw new Error(`the clock refused: ${await response.text()}`);
  return new Date(((await response.json()) as { now: string }).now);
}

/** The service's time now. */
export async function clockNow(): Promise<Date> {
  return answer(await fetch(control('/now')));
}

/** Moves the service's time forward by `ms`, and the browsers' named (so screens that compare with now agree). */
export async function moveClock(ms: number, ...browsers: (Page | BrowserContext)[]): Promise<Date> {
  const now = await answer(
    await fetch(control('/advance'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms }),
    }),
  );
  for (const target of browsers) await target.clock.setSystemTime(now);
  return now;
}

/** Moves the service's time forward to `at`. */
export async function moveClockTo(at: Date, ...browsers: (Page | BrowserContext)[]): Promise<Date> {
  return moveClock(Math.max(0, at.getTime() - (await clockNow()).getTime()), ...browsers);
}

/** The browser's time made the service's (before the page loads), flowing on from there. */
export async function followClock(target: Page | BrowserContext): Promise<void> {
  await target.clock.install({ time: await clockNow() });
}

/** A person at their own browser, whose time is the service's, signed in. */
export async function signInAt(browser: Browser, login: string, lang: Language): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Oslo' });
  await followClock(context);
  const page = await context.newPage();
  await signIn(page, login, lang);
  return page;
}

/** Opens `path` inside the running app, as a link would (no reload, so the session in memory stays). */
export async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}
