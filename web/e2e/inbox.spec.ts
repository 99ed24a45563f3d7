import type { APIRequestContext, Browser, Page } from '@playwright/test';
import type { MessageKey } from '../src/app/messages/en';
import { checkPage, expect, LANGS, msg, signIn, test, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token, type World } from './support/world';

/** A plural message for a count, as the app shows it: its `=n` or `one` branch, else `other`, `#` filled in. */
function plural(lang: Language, key: MessageKey, count: number): string {
  const text = msg(lang, key);
  const branch = (name: string) => new RegExp(`${name} \\{([^}]*)\\}`).exec(text)?.[1];
  const chosen = branch(`=${count}`) ?? (count === 1 ? branch('one') : undefined) ?? branch('other') ?? text;
  return chosen.split('#').join(String(count));
}

/** The start of a message, up to its first argument. */
const lead = (lang: Language, key: MessageKey) => msg(lang, key).split('{')[0];

/** A browser of its own: no cookie, no storage, nothing the app kept from an earlier visit (another device). */
async function freshBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

/** A referral to social services, from a concern logged by the reporter and triaged `refer`, through the API. */
async function refer(
  request: APIRequestContext,
  world: World,
  people: { reporter: string; coordinator: string },
  fullName: string,
): Promise<{ id: string; pseudonym: string }> {
  const concern = await logConcern(request, world, people.reporter, {
    subject: { fullName, dateOfBirth: '2012-05-06' },
    riskLevel: 'moderate',
  });
  const coordinator = await token(request, people.coordinator);
  await send(request, coordinator, 'post', `/api/v1/concerns/${concern.id}/triage`, {
    outcome: 'refer',
    note: 'Social services to follow up with the family.',
  });
  return send(request, coordinator, 'post', '/api/v1/referrals', {
    concernId: concern.id,
    toAgencyId: world.agencies.social.id,
    legalBasis: 'statutory_duty',
    reason: 'Needs support at home.',
    reviewDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  });
}

/** The case worker opens the inbox from the navigation; answers once the app has recorded this look on the server. */
async function openInbox(page: Page, lang: Language) {
  const looked = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/me/inboxes/referrals/seen') && response.status() === 200,
  );
  await page
    .getByRole('navigation', { name: msg(lang, 'nav.label') })
    .getByRole('link', { name: msg(lang, 'nav.referralInbox'), exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'inbox.title') })).toBeVisible();
  await looked;
}

for (const lang of LANGS) {
  test.describe(`the referral inbox remembers the last look (${lang})`, () => {
    test('a referral is new to the case worker until they have looked; in a fresh browser it is no longer new; one sent or changed after that is new again', async ({
      page,
      browser,
      request,
    }) => {
      test.setTimeout(300_000);
      const world = await makeWorld(request, 'Fjord');
      const reporter = await makePerson(request, world, {
        login: 'teacher',
        name: 'Tor Teacher',
        agency: 'school',
        roles: ['reporter'],
      });
      const coordinator = await makePerson(request, world, {
        login: 'coordinator',
        name: 'Cecilie Coordinator',
        agency: 'coordination',
        roles: ['coordinator'],
      });
      const caseWorker = await makePerson(request, world, {
        login: 'worker',
        name: 'Siri Social',
        agency: 'social',
        roles: ['case_worker'],
      });
      const colleague = await makePerson(request, world, {
        login: 'colleague',
        name: 'Kari Colleague',
        agency: 'social',
        roles: ['case_worker'],
      });
      const people = { reporter, coordinator };
      const first = await refer(request, world, people, 'Ola Berg');
      const rowOf = (where: Page, referral: { pseudonym: string }) =>
        where.getByRole('row').filter({ hasText: referral.pseudonym });
      const newCount = (where: Page, count: number) =>
        expect(where.getByText(plural(lang, 'inbox.newCount', count), { exact: true })).toBeVisible();

      // The first look: the home page counts it new, the inbox marks it so.
      await signIn(page, caseWorker, lang);
      const homeCard = page.getByRole('link', { name: new RegExp(plural(lang, 'home.referralsNew', 1)) });
      await expect(homeCard).toBeVisible();
      await checkPage(page, 'inbox-home-new', lang);
      await openInbox(page, lang);
      await expect(page.getByText(msg(lang, 'inbox.firstLook'))).toBeVisible();
      await expect(rowOf(page, first)).toContainText(msg(lang, 'inbox.new'));
      await newCount(page, 1);
      await checkPage(page, 'inbox-first-look', lang);
      // Opened: the agency's receipt. Nothing of it changes after this look.
      await rowOf(page, first).getByRole('link').click();
      await expect(
        page.getByRole('heading', { level: 1, name: new RegExp(`${world.agencies.social.name}$`) }),
      ).toBeVisible();

      // Another browser, signed in afresh: the look was kept on the server, so the referral is no longer new.
      const second = await freshBrowser(browser);
      await signIn(second, caseWorker, lang);
      // The home page: still waiting for an answer, but nothing new in the inbox (no count after it).
      await expect(
        second.getByRole('link', { name: plural(lang, 'home.referralsWaiting', 1), exact: true }),
      ).toBeVisible();
      await openInbox(second, lang);
      await expect(second.getByText(new RegExp(lead(lang, 'inbox.lastLooked')))).toBeVisible();
      await expect(rowOf(second, first)).toBeVisible();
      await expect(rowOf(second, first)).not.toContainText(msg(lang, 'inbox.new'));
      await newCount(second, 0);
      await checkPage(second, 'inbox-nothing-new', lang);
      await second.context().close();

      // After that look: a new referral is sent, and the colleague accepts the first one (a change).
      const later = await refer(request, world, people, 'Liv Dahl');
      const colleagueToken = await token(request, colleague);
      const me = await send<{ id: string }>(request, colleagueToken, 'get', '/api/v1/me');
      const current = await send<{ version: number }>(request, colleagueToken, 'get', `/api/v1/referrals/${first.id}`);
      await send(request, colleagueToken, 'post', `/api/v1/referrals/${first.id}/accept`, {
        caseWorkerId: me.id,
        version: current.version,
      });

      // A third browser: both are new to the case worker, on the home page and in the inbox.
      const third = await freshBrowser(browser);
      await signIn(third, caseWorker, lang);
      await expect(third.getByRole('link', { name: new RegExp(plural(lang, 'home.referralsNew', 2)) })).toBeVisible();
      await openInbox(third, lang);
      const pending = third.getByRole('region', { name: msg(lang, 'inbox.pending') });
      const others = third.getByRole('region', { name: msg(lang, 'inbox.others') });
      await expect(rowOf(third, later)).toContainText(msg(lang, 'inbox.new'));
      await expect(pending.getByRole('row').filter({ hasText: later.pseudonym })).toBeVisible();
      await expect(others.getByRole('row').filter({ hasText: first.pseudonym })).toContainText(msg(lang, 'inbox.new'));
      await newCount(third, 2);
      await checkPage(third, 'inbox-new-since', lang);

      // A reload: the accepted one was seen at the last look; the pending one stays new until the agency opens it.
      await third.reload();
      await expect(third.getByRole('heading', { level: 1, name: msg(lang, 'inbox.title') })).toBeVisible();
      await newCount(third, 1);
      await expect(others.getByRole('row').filter({ hasText: first.pseudonym })).not.toContainText(
        msg(lang, 'inbox.new'),
      );
      await expect(rowOf(third, later)).toContainText(msg(lang, 'inbox.new'));
      await third.context().close();
    });
  });
}
