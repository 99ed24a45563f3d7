import { randomBytes } from 'node:crypto';
import { checkPage, chooseLanguage, expect, LANGS, msg, signIn, test } from './support/fixtures';
import { send, token } from './support/world';

for (const lang of LANGS) {
  test(`the admin creates a district with its time zone and emergency police, then moves both (${lang})`, async ({
    page,
    request,
  }) => {
    // Axe reads every district's card on the page (one per district the suite has made), on a loaded machine.
    test.setTimeout(360_000);
    const tag = randomBytes(3).toString('hex');
    const admin = await token(request, 'admin');
    // Two police agencies of the whole city: the only ones a district not yet created can name.
    const police = async (name: string) =>
      send<{ id: string; name: string }>(request, admin, 'post', '/api/v1/agencies', {
        name: `${name} ${tag}`,
        kind: 'police',
        districtId: null,
      });
    const first = await police('City Police');
    const second = await police('Harbour Police');
    const name = `Vallila ${tag}`;

    await signIn(page, 'admin', lang);
    await page.getByRole('link', { name: msg(lang, 'nav.admin') }).click();
    await page.getByRole('link', { name: msg(lang, 'admin.nav.districts') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'admin.districts.title') })).toBeVisible();
    await page.locator('#district-name').fill(name);
    await page.locator('#district-zone').fill('Europe/Helsinki');
    await page.locator('#district-police').selectOption({ label: first.name });
    await checkPage(page, 'admin-districts-create', lang);
    await page.getByRole('button', { name: msg(lang, 'admin.create') }).click();

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name }) });
    await expect(card.getByText(msg(lang, 'admin.zoneIs').replace('{zone}', 'Europe/Helsinki'))).toBeVisible();
    await expect(card.getByLabel(msg(lang, 'admin.emergencyPolice'))).toHaveValue(first.id);

    // Moved to another zone and another police agency; an unknown zone is refused first, changing nothing.
    await card.getByLabel(msg(lang, 'admin.timeZone')).fill('Mars/Olympus');
    await card.getByRole('button', { name: msg(lang, 'admin.save') }).click();
    await expect(card.getByRole('alert')).toBeVisible();
    await card.getByLabel(msg(lang, 'admin.timeZone')).fill('Europe/Stockholm');
    await card.getByLabel(msg(lang, 'admin.emergencyPolice')).selectOption({ label: second.name });
    await card.getByRole('button', { name: msg(lang, 'admin.save') }).click();
    await expect(card.getByText(msg(lang, 'admin.saved'), { exact: true })).toBeVisible();

    // Read back from the server: the page loaded afresh (in the account's own language, so the test's is chosen again).
    await page.reload();
    await chooseLanguage(page, lang);
    // The page of every district loads slowly while the other language's axe runs beside it.
    await expect(card.getByText(msg(lang, 'admin.zoneIs').replace('{zone}', 'Europe/Stockholm'))).toBeVisible({
      timeout: 60_000,
    });
    await expect(card.getByLabel(msg(lang, 'admin.timeZone'))).toHaveValue('Europe/Stockholm');
    await expect(card.getByLabel(msg(lang, 'admin.emergencyPolice'))).toHaveValue(second.id);
    await checkPage(page, 'admin-districts-edited', lang);
  });
}
