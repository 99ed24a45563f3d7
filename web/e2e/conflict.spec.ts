import { checkPage, expect, LANGS, msg, signIn, test } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token } from './support/world';

for (const lang of LANGS) {
  test(`a change made at an old version says who changed it meanwhile, and Reload shows their change (${lang})`, async ({
    page,
    request,
  }) => {
    const world = await makeWorld(request, `Conflict ${lang}`);
    const nurse = await makePerson(request, world, {
      login: 'conflict-nurse',
      name: 'Nora Helsesøster',
      agency: 'school',
      roles: ['reporter'],
    });
    const concern = await logConcern(request, world, nurse, {
      subject: { fullName: 'Konrad Konflikt', dateOfBirth: '2011-04-04' },
      riskLevel: 'moderate',
    });

    await signIn(page, nurse, lang);
    await page.goto(`/concerns/${concern.id}`);
    await expect(page.getByText('Seen at the youth club on Friday evening.')).toBeVisible();

    // Meanwhile the same concern is changed elsewhere (another tab, another device).
    const bearer = await token(request, nurse);
    const current = await send<{ version: number }>(request, bearer, 'get', `/api/v1/concerns/${concern.id}`);
    await send(request, bearer, 'patch', `/api/v1/concerns/${concern.id}`, {
      version: current.version,
      narrative: 'Seen at the youth club on Friday evening. Also seen on Saturday by the caretaker.',
    });

    await page.getByLabel(msg(lang, 'concern.addLabel')).fill('He seemed calmer on Monday.');
    await page.getByRole('button', { name: msg(lang, 'concern.addSubmit') }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nora Helsesøster (' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(world.agencies.school.name);
    await checkPage(page, 'concern-conflict', lang);

    await alert.getByRole('button', { name: msg(lang, 'error.conflictReload') }).click();
    await expect(alert).toBeHidden();
    await expect(page.getByText(/Also seen on Saturday by the caretaker\./)).toBeVisible();
  });
}

test('a screen whose code cannot be fetched says so in the reader’s language inside the app, with a way to retry', async ({
  page,
}) => {
  await signIn(page, 'police.east', 'nb');
  await page.route('**/assets/NotificationsPage-*.js', (route) => route.abort('internetdisconnected'));
  await page
    .getByRole('navigation', { name: msg('nb', 'nav.label') })
    .getByRole('link', { name: msg('nb', 'nav.notifications'), exact: true })
    .click();
  const alert = page.getByRole('alert').filter({ hasText: msg('nb', 'error.network') });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: msg('nb', 'error.retry') })).toBeVisible();
  // The shell is still there: the reader can go elsewhere.
  await expect(page.getByRole('navigation', { name: msg('nb', 'nav.label') })).toBeVisible();
  await checkPage(page, 'screen-error', 'nb', { screenshots: true });
  await page.unrouteAll();
});
