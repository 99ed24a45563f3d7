import { authenticator } from 'otplib';
import { checkPage, expect, LANGS, msg, signIn, test } from './support/fixtures';

/** A code for the next 30-second step: the one for this step was just used to confirm, and works once. */
function nextCode(secret: string): string {
  return authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
}

const ACCOUNT = { en: 'health.east', nb: 'childwelfare.east' } as const;

for (const lang of LANGS) {
  test(`set up a second factor, then sign in with a code (${lang})`, async ({ page }) => {
    await signIn(page, ACCOUNT[lang], lang);
    await page.getByRole('link', { name: msg(lang, 'nav.profile') }).click();
    await expect(page.getByText(msg(lang, 'profile.secondFactorOff'))).toBeVisible();
    await page.getByRole('link', { name: msg(lang, 'profile.secondFactorSetUp') }).click();

    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'enrol.title') })).toBeVisible();
    await expect(page.getByRole('img', { name: msg(lang, 'enrol.qrAlt') })).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await checkPage(page, 'enrol', lang);

    // A wrong code is shown by the field and in the summary.
    await page.getByLabel(msg(lang, 'enrol.code')).fill('000000');
    await page.getByRole('button', { name: msg(lang, 'enrol.confirm') }).click();
    await expect(page.getByLabel(msg(lang, 'enrol.code'))).toHaveAttribute('aria-invalid', 'true');
    await checkPage(page, 'enrol-error', lang);

    await page.getByLabel(msg(lang, 'enrol.code')).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: msg(lang, 'enrol.confirm') }).click();
    await expect(page.getByText(msg(lang, 'enrol.done'))).toBeVisible();
    await page.getByRole('button', { name: msg(lang, 'enrol.signInAgain') }).click();

    await signIn(page, ACCOUNT[lang], lang, { totp: () => nextCode(secret) });
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'home.title') })).toBeVisible();
    await page.getByRole('link', { name: msg(lang, 'nav.profile') }).click();
    await expect(page.getByText(msg(lang, 'profile.secondFactorOn'))).toBeVisible();
  });
}
