import type { Browser, Page } from '@playwright/test';
import type { MessageKey } from '../src/app/messages/en';
import { DEMO_PASSWORD, demoEmail } from './support/demo';
import { checkPage, expect, LANGS, msg, signIn, test, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token } from './support/world';

/** A plural message for a count, as the app shows it: its `=n` or `one` branch, else `other`, `#` filled in. */
function plural(lang: Language, key: MessageKey, count: number): string {
  const text = msg(lang, key);
  const branch = (name: string) => new RegExp(`${name} \\{([^}]*)\\}`).exec(text)?.[1];
  const chosen = branch(`=${count}`) ?? (count === 1 ? branch('one') : undefined) ?? branch('other') ?? text;
  return chosen.split('#').join(String(count));
}

/** A browser of its own, for another person at the same time. */
async function freshBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

for (const lang of LANGS) {
  test.describe(`a leaving case worker’s work handed over (${lang})`, () => {
    test('deactivating a case worker who owns an accepted referral and a follow-up is refused naming both; the admin hands everything to a colleague in one step, the deactivation goes through, and the colleague finds the work theirs', async ({
      page,
      browser,
      request,
    }) => {
      test.setTimeout(300_000);
      const world = await makeWorld(request, 'Leave');
      const reporter = await makePerson(request, world, {
        login: 'teacher',
        name: 'Trude Teacher',
        agency: 'school',
        roles: ['reporter'],
      });
      const coordinator = await makePerson(request, world, {
        login: 'coordinator',
        name: 'Conrad Coordinator',
        agency: 'coordination',
        roles: ['coordinator'],
      });
      const leavingName = `Lars Leaving ${world.tag}`;
      const leaving = await makePerson(request, world, {
        login: 'leaving',
        name: leavingName,
        agency: 'social',
        roles: ['case_worker'],
      });
      const keeperName = `Kari Keeper ${world.tag}`;
      const keeper = await makePerson(request, world, {
        login: 'keeper',
        name: keeperName,
        agency: 'social',
        roles: ['case_worker'],
      });

      // The leaving case worker's work: a referral they accepted, and a follow-up on it they own.
      const concern = await logConcern(request, world, reporter, {
        subject: { fullName: 'Emil Strand', dateOfBirth: '2011-09-12' },
        riskLevel: 'moderate',
      });
      const coordinatorToken = await token(request, coordinator);
      await send(request, coordinatorToken, 'post', `/api/v1/concerns/${concern.id}/triage`, {
        outcome: 'refer',
        note: 'Social services to support the family.',
      });
      const referral = await send<{ id: string; pseudonym: string; version: number }>(
        request,
        coordinatorToken,
        'post',
        '/api/v1/referrals',
        {
          concernId: concern.id,
          toAgencyId: world.agencies.social.id,
          legalBasis: 'statutory_duty',
          reason: 'Family support.',
          reviewDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        },
      );
      const leavingToken = await token(request, leaving);
      const leavingMe = await send<{ id: string }>(request, leavingToken, 'get', '/api/v1/me');
      const opened = await send<{ version: number }>(request, leavingToken, 'get', `/api/v1/referrals/${referral.id}`);
      await send(request, leavingToken, 'post', `/api/v1/referrals/${referral.id}/accept`, {
        caseWorkerId: leavingMe.id,
        version: opened.version,
      });
      const followUpText = `Call the family about the support plan ${world.tag}`;
      await send(request, leavingToken, 'post', '/api/v1/follow-ups', {
        referralId: referral.id,
        ownerId: leavingMe.id,
        text: followUpText,
        dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      });

      // The admin tries to deactivate them: refused, saying what they still own.
      await signIn(page, 'admin', lang);
      await page.getByRole('link', { name: msg(lang, 'nav.admin') }).click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'admin.users.title') })).toBeVisible();
      await page.getByLabel(msg(lang, 'admin.agency')).first().selectOption({ label: world.agencies.social.name });
      await page.getByRole('button', { name: msg(lang, 'admin.editUser').replace('{name}', leavingName) }).click();
      await page.getByRole('button', { name: msg(lang, 'admin.deactivate') }).click();
      await expect(page.getByText(msg(lang, 'admin.openWork'))).toBeVisible();
      await expect(page.getByText(plural(lang, 'admin.openWork.referrals', 1), { exact: true })).toBeVisible();
      await expect(page.getByText(plural(lang, 'admin.openWork.followUps', 1), { exact: true })).toBeVisible();
      await checkPage(page, 'admin-open-work', lang);
      // Still active: their sign-in works.
      const stillIn = await request.post('/api/v1/auth/login', {
        data: { email: demoEmail(leaving), password: DEMO_PASSWORD },
      });
      expect(stillIn.status()).toBe(200);

      // Everything to the colleague in one step; the deactivation follows.
      const handTo = page.getByLabel(msg(lang, 'admin.handOverTo'));
      await expect(handTo.getByRole('option', { name: keeperName })).toHaveCount(1);
      await expect(handTo.getByRole('option', { name: leavingName })).toHaveCount(0);
      await handTo.selectOption({ label: keeperName });
      await page.getByRole('button', { name: msg(lang, 'admin.handOver') }).click();
      // "Handed over to Kari Keeper: 1 referral and 1 follow-up. The user is deactivated."
      const handedOver = page.getByText(msg(lang, 'admin.handedOver').replace('{name}', keeperName).split('{')[0]);
      await expect(handedOver).toBeVisible();
      await expect(page.getByText(msg(lang, 'admin.openWork'))).toHaveCount(0);
      await checkPage(page, 'admin-handed-over', lang);
      const refused = await request.post('/api/v1/auth/login', {
        data: { email: demoEmail(leaving), password: DEMO_PASSWORD },
      });
      expect(refused.status()).toBe(401);

      // The colleague: the follow-up is among theirs, and the referral is theirs.
      const colleague = await freshBrowser(browser);
      await signIn(colleague, keeper, lang);
      await colleague
        .getByRole('navigation', { name: msg(lang, 'nav.label') })
        .getByRole('link', { name: msg(lang, 'nav.followUps'), exact: true })
        .click();
      await expect(colleague.getByRole('heading', { level: 1, name: msg(lang, 'followUps.title') })).toBeVisible();
      await expect(colleague.getByText(followUpText)).toBeVisible();
      await checkPage(colleague, 'hand-over-colleague-follow-ups', lang);
      await colleague
        .getByRole('navigation', { name: msg(lang, 'nav.label') })
        .getByRole('link', { name: msg(lang, 'nav.referralInbox'), exact: true })
        .click();
      await colleague
        .getByRole('region', { name: msg(lang, 'inbox.others') })
        .getByRole('row')
        .filter({ hasText: referral.pseudonym })
        .getByRole('link')
        .click();
      await expect(colleague.getByText(msg(lang, 'referral.caseWorkerYou'), { exact: true })).toBeVisible();
      await checkPage(colleague, 'hand-over-colleague-referral', lang);
      await colleague.context().close();
    });
  });
}
