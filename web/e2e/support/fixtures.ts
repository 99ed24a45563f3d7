import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { en, type MessageKey } from '../../src/app/messages/en';
import { nb } from '../../src/app/messages/nb';
import { sv } from '../../src/app/messages/sv';
import { da } from '../../src/app/messages/da';
import { fi } from '../../src/app/messages/fi';
import { DEMO_PASSWORD, demoEmail } from './demo';

/** The languages every flow runs in; a flow may add another of the app's languages to its own loop. */
export type Lang = 'en' | 'nb';
export const LANGS: Lang[] = ['en', 'nb'];
const CATALOGUES = { en, nb, sv, da, fi } as const;
/** Every language the app speaks. */
export type Language = keyof typeof CATALOGUES;

/** A message as the app shows it in `lang` (arguments left out: match those with a regular expression). */
export const msg = (lang: Language, key: MessageKey): string => CATALOGUES[lang][key];

export const SCREENSHOTS = join(__dirname, '..', '..', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * Axe on the page as it is now (no serious or critical violations), in every language a flow runs
 * in; and screenshots of it at 1280×800 and at a phone's width, named
 * `<name>-<lang>-<desktop|phone>.png`, taken once per screen: in English unless `screenshots` says
 * otherwise (for a screen a flow reaches only in another language). Axe runs as a single pass in the
 * page itself (the app has no frames), sparing the second page its frame-by-frame mode opens.
 */
export async function checkPage(
  page: Page,
  name: string,
  lang: Language,
  { screenshots = lang === 'en' }: { screenshots?: boolean } = {},
): Promise<void> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  expect(serious, `axe on ${name} (${lang})`).toEqual([]);
  if (screenshots) await screenshot(page, `${name}-${lang}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** Signs in through the form as a demo user, then makes sure the app speaks `lang` (saving it on the account). */
export async function signIn(page: Page, login: string, lang: Language, options: { totp?: () => string } = {}) {
  await page.goto('/sign-in');
  await chooseLanguage(page, lang);
  await page.getByLabel(msg(lang, 'signIn.email')).fill(demoEmail(login));
  await page.getByLabel(msg(lang, 'signIn.password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: msg(lang, 'signIn.submit') }).click();
  if (options.totp) {
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'signIn.totpTitle') })).toBeVisible();
    await page.getByLabel(msg(lang, 'signIn.totp')).fill(options.totp());
    await page.getByRole('button', { name: msg(lang, 'signIn.totpSubmit') }).click();
  }
  // The account's own language takes over once signed in; switch where it is not the one under test.
  const signOut = page.getByRole('button', {
    name: new RegExp(
      `^(${Object.values(CATALOGUES)
        .map((catalogue) => catalogue['shell.signOut'])
        .join('|')})$`,
    ),
  });
  await expect(signOut).toBeVisible();
  await chooseLanguage(page, lang);
  await expect(page.getByRole('button', { name: msg(lang, 'shell.signOut') })).toBeVisible();
}

/** The language switcher's button for `lang`, which names the language in itself. */
export async function chooseLanguage(page: Page, lang: Language): Promise<void> {
  const button = page.getByRole('button', { name: en[`language.${lang}`], exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * Every test: no Content-Security-Policy violation and no uncaught error in the page. The
 * listener is added by the test runner, outside the page's CSP.
 */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) {
          problems.push(message.text());
        }
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use();
      expect(problems, 'CSP violations and uncaught errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
