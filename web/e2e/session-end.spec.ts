import { checkPage, expect, LANGS, msg, signIn, test } from './support/fixtures';

const ACCOUNT = { en: 'social.west', nb: 'coordinator.west' } as const;

for (const lang of LANGS) {
  test(`an idle session warns, can be kept, then ends and returns to the same page (${lang})`, async ({ page }) => {
    // The page's clock is the test's: 15 minutes of idleness pass in a moment (the server's clock does not move).
    await page.clock.install();
    await signIn(page, ACCOUNT[lang], lang);
    await page.getByRole('link', { name: msg(lang, 'nav.profile') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'profile.title') })).toBeVisible();

    // Someone at work (they clicked since the last renewal) is renewed quietly, without a warning.
    const warning = page.getByRole('alertdialog', { name: msg(lang, 'session.warningTitle') });
    const renewed = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
    await page.clock.fastForward('14:10');
    expect((await renewed).status()).toBe(200);
    await expect(warning).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'profile.title') })).toBeVisible();

    // Someone away is warned before the session ends.
    await page.clock.fastForward('14:10');
    await expect(warning).toBeVisible();
    // Axe measures contrast: wait for the dialog's opening animation to end.
    await expect(warning).toHaveCSS('opacity', '1');
    await checkPage(page, 'session-warning', lang);
    await warning.getByRole('button', { name: msg(lang, 'session.stay') }).click();
    await expect(warning).toBeHidden();

    await page.clock.fastForward('14:10');
    await expect(warning).toBeVisible();
    await page.clock.fastForward('01:00');
    await expect(page.getByText(msg(lang, 'signIn.expired'))).toBeVisible();

    await signIn(page, ACCOUNT[lang], lang);
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'profile.title') })).toBeVisible();
    await expect(page).toHaveURL(/\/profile$/);
  });
}

test('after the computer slept past the token’s end, the next action renews it first and goes through', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, 'coordinator.east', 'en');
  await page.getByRole('link', { name: msg('en', 'nav.profile') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg('en', 'profile.title') })).toBeVisible();

  // Time jumps 20 minutes with no timer run, as in a sleep.
  await page.clock.setSystemTime(Date.now() + 20 * 60_000);
  const renewed = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
  const saved = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
  );
  await page.getByRole('radio', { name: msg('en', 'language.nb') }).click();
  expect((await renewed).status()).toBe(200);
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: msg('nb', 'profile.title') })).toBeVisible();
});
