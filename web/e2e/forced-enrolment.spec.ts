import { authenticator } from 'otplib';
import { DEMO_PASSWORD, demoEmail } from './support/demo';
import { checkPage, chooseLanguage, expect, LANGS, msg, test } from './support/fixtures';

// The second service of playwright.config.ts, with MFA_ENFORCED on.
test.use({ baseURL: `http://127.0.0.1:${process.env.SAMVIRKE_E2E_MFA_PORT}` });

const ACCOUNT = { en: 'coordinator.east', nb: 'coordinator.west' } as const;

for (const lang of LANGS) {
  test(`a coordinator without a second factor must set one up before anything else (${lang})`, async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await chooseLanguage(page, lang);
    await page.getByLabel(msg(lang, 'signIn.email')).fill(demoEmail(ACCOUNT[lang]));
    await page.getByLabel(msg(lang, 'signIn.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: msg(lang, 'signIn.submit') }).click();

    await expect(page).toHaveURL(/\/enrol$/);
    await chooseLanguage(page, lang);
    await expect(page.getByText(msg(lang, 'enrol.required'))).toBeVisible();
    await checkPage(page, 'enrol-required', lang);
    // Nothing else opens until then.
    await page.getByRole('link', { name: msg(lang, 'nav.home') }).click();
    await expect(page).toHaveURL(/\/enrol$/);

    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    await page.getByLabel(msg(lang, 'enrol.code')).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: msg(lang, 'enrol.confirm') }).click();
    await page.getByRole('button', { name: msg(lang, 'enrol.signInAgain') }).click();

    await page.getByLabel(msg(lang, 'signIn.email')).fill(demoEmail(ACCOUNT[lang]));
    await page.getByLabel(msg(lang, 'signIn.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: msg(lang, 'signIn.submit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'signIn.totpTitle') })).toBeVisible();
    await checkPage(page, 'sign-in-code', lang);
    const code = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    await page.getByLabel(msg(lang, 'signIn.totp')).fill(code);
    await page.getByRole('button', { name: msg(lang, 'signIn.totpSubmit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'home.title') })).toBeVisible();
  });
}
