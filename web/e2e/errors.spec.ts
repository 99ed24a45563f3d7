import { checkPage, chooseLanguage, expect, LANGS, msg, signIn, test } from './support/fixtures';

// Accounts no other test signs in with, so that none of them changes another's saved language or second factor.
const ACCOUNT = { en: 'admin', nb: 'auditor' } as const;

function problem(status: number, code: string, detail: string) {
  return {
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: `https://samvirke.example/problems/${code}`, title: 'Error', status, detail }),
  };
}

for (const lang of LANGS) {
  test(`network loss, a 503 and a 409 are each said plainly, never a blank screen (${lang})`, async ({
    page,
    context,
  }) => {
    await signIn(page, ACCOUNT[lang], lang);
    await page.getByRole('link', { name: msg(lang, 'nav.profile') }).click();
    const other = lang === 'en' ? 'nb' : 'en';
    const choice = page.getByRole('radio', { name: msg(lang, `language.${other}`) });

    await context.setOffline(true);
    await choice.click();
    await expect(page.getByRole('alert').filter({ hasText: msg(lang, 'error.network') })).toBeVisible();
    await context.setOffline(false);
    // Nothing was saved: the choice is still the old one.
    await expect(choice).not.toBeChecked();

    await page.route('**/api/v1/me', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill(problem(503, 'unavailable', 'The database is busy'))
        : route.fallback(),
    );
    await choice.click();
    await expect(page.getByRole('alert').filter({ hasText: msg(lang, 'error.unavailable') })).toBeVisible();
    await checkPage(page, 'error-unavailable', lang);
    await page.unrouteAll();

    await page.route('**/api/v1/me', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill(problem(409, 'conflict', 'Kari Nordmann changed the language at 10:02.'))
        : route.fallback(),
    );
    await choice.click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Kari Nordmann changed the language at 10:02.' }),
    ).toBeVisible();
    await page.unrouteAll();

    // The page is still there and still works.
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'profile.title') })).toBeVisible();
  });
}

test('a session ended elsewhere (signed out in another tab) sends this tab to sign-in, then back', async ({
  page,
  context,
}) => {
  await signIn(page, 'police.east', 'en');
  await page.getByRole('link', { name: msg('en', 'nav.profile') }).click();

  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: msg('en', 'shell.signOut') }).click();
  await expect(other.getByText(msg('en', 'signIn.signedOut'))).toBeVisible();

  await page.getByRole('radio', { name: msg('en', 'language.nb') }).click();
  await expect(page.getByText(msg('en', 'signIn.expired'))).toBeVisible();
  await signIn(page, 'police.east', 'en');
  await expect(page).toHaveURL(/\/profile$/);
});

test('the API’s problem document is shown by the fields it names and in the error summary', async ({ page }) => {
  await page.route('**/api/v1/auth/login', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'https://samvirke.example/problems/invalid-input',
        title: 'Bad Request',
        status: 400,
        detail: 'The request is not valid',
        errors: [{ field: 'email', message: 'email must be an e-mail address of at most 254 characters' }],
      }),
    }),
  );
  await page.goto('/sign-in');
  await chooseLanguage(page, 'en');
  await page.getByLabel(msg('en', 'signIn.email')).fill('someone@');
  await page.getByLabel(msg('en', 'signIn.password')).fill('a password');
  await page.getByRole('button', { name: msg('en', 'signIn.submit') }).click();
  const email = page.getByLabel(msg('en', 'signIn.email'));
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('email must be an e-mail address of at most 254 characters').first()).toBeVisible();
  const link = page.getByRole('link', { name: /email must be an e-mail address/ });
  await link.click();
  await expect(email).toBeFocused();
});
