import type { MessageKey } from '../src/app/messages/en';
import { DEMO_PASSWORD, demoEmail } from './support/demo';
import { checkPage, chooseLanguage, expect, LANGS, msg, signIn, test } from './support/fixtures';

/** One demo account per language, so the two runs never change each other's saved language. */
const ACCOUNT = { en: 'social.east', nb: 'school.east' } as const;

for (const lang of LANGS) {
  test.describe(`a session in the browser (${lang})`, () => {
    test('sign in, the shell and profile, reload keeps the session, sign-out ends it', async ({ page, context }) => {
      await page.goto('/sign-in');
      await chooseLanguage(page, lang);
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'signIn.title') })).toBeVisible();
      await checkPage(page, 'sign-in', lang);

      // The form's own checks: errors by the fields and in a summary that links to them.
      await page.getByRole('button', { name: msg(lang, 'signIn.submit') }).click();
      await expect(page.getByRole('link', { name: new RegExp(msg(lang, 'signIn.emailRequired')) })).toBeVisible();
      await expect(page.getByLabel(msg(lang, 'signIn.email'))).toHaveAttribute('aria-invalid', 'true');
      await checkPage(page, 'sign-in-errors', lang);

      // A wrong password is refused plainly.
      await page.getByLabel(msg(lang, 'signIn.email')).fill(`${ACCOUNT[lang]}@demo.samvirke.test`);
      await page.getByLabel(msg(lang, 'signIn.password')).fill('not the password');
      await page.getByRole('button', { name: msg(lang, 'signIn.submit') }).click();
      await expect(page.getByRole('alert').filter({ hasText: msg(lang, 'signIn.invalidCredentials') })).toBeVisible();

      await signIn(page, ACCOUNT[lang], lang);
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'home.title') })).toBeVisible();
      await expect(page.getByRole('navigation', { name: msg(lang, 'nav.label') })).toBeVisible();
      await checkPage(page, 'home', lang);

      // The refresh token is in an HttpOnly, SameSite=Strict cookie on the auth path, out of the page's reach.
      const refresh = (await context.cookies()).find((cookie) => cookie.name === 'samvirke_refresh');
      expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
      expect(await page.evaluate(() => document.cookie)).not.toContain('samvirke_refresh');

      // Nothing personal in the browser's storage: at most the device's language.
      const stored = await page.evaluate(async () => ({
        local: Object.keys(localStorage),
        session: Object.keys(sessionStorage),
        indexedDb: (await indexedDB.databases()).map((database) => database.name),
      }));
      expect(stored).toEqual({ local: ['samvirke.locale'], session: [], indexedDb: [] });

      await page.getByRole('link', { name: msg(lang, 'nav.profile') }).click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'profile.title') })).toBeVisible();
      await expect(page.getByRole('radio', { name: msg(lang, `language.${lang}`) })).toBeChecked();
      await checkPage(page, 'profile', lang);

      // A reload of a deep link: the cookie restores the session, on the same page.
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'profile.title') })).toBeVisible();
      await expect(page).toHaveURL(/\/profile$/);

      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'notFound.title') })).toBeVisible();
      await checkPage(page, 'not-found', lang);

      await page.getByRole('button', { name: msg(lang, 'shell.signOut') }).click();
      await expect(page.getByText(msg(lang, 'signIn.signedOut'))).toBeVisible();
      expect((await context.cookies()).find((cookie) => cookie.name === 'samvirke_refresh')).toBeUndefined();
      await page.goto('/profile');
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'signIn.title') })).toBeVisible();
    });

    test('the language is kept on the account and follows the user', async ({ page, browser }) => {
      const account = lang === 'en' ? 'ngo.east' : 'police.west';
      await signIn(page, account, lang);
      // Another browser (another computer) with the other language on its sign-in page.
      const other = await browser.newContext({ locale: lang === 'en' ? 'nb-NO' : 'en-GB' });
      const elsewhere = await other.newPage();
      await elsewhere.goto('/sign-in');
      const either = (key: MessageKey) => new RegExp(`^(${msg('en', key)}|${msg('nb', key)})$`);
      await elsewhere.getByLabel(either('signIn.email')).fill(demoEmail(account));
      await elsewhere.getByLabel(either('signIn.password')).fill(DEMO_PASSWORD);
      await elsewhere.getByRole('button', { name: either('signIn.submit') }).click();
      await expect(elsewhere.getByRole('heading', { level: 1, name: msg(lang, 'home.title') })).toBeVisible();
      await expect(elsewhere.locator('html')).toHaveAttribute('lang', lang);
      await other.close();
    });
  });
}
