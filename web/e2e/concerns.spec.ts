import type { Page } from '@playwright/test';
import type { MessageKey } from '../src/app/messages/en';
import { checkPage, expect, LANGS, msg, signIn, test, type Lang, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld } from './support/world';

/** A message with its arguments filled in, as the app shows it (plurals left to the caller). */
function fill(lang: Language, key: MessageKey, values: Record<string, string>): string {
  return Object.entries(values).reduce((text, [name, value]) => text.split(`{${name}}`).join(value), msg(lang, key));
}

async function openNav(page: Page, lang: Language, key: MessageKey) {
  await page
    .getByRole('navigation', { name: msg(lang, 'nav.label') })
    .getByRole('link', { name: msg(lang, key), exact: true })
    .click();
}

/** The first step of logging a concern: search by name and birth date, then register the person (pre-filled). */
async function findOrRegister(page: Page, lang: Language, name: string, dateOfBirth: string, hit?: string) {
  await page.getByLabel(msg(lang, 'log.name'), { exact: true }).fill(name);
  await page.getByLabel(msg(lang, 'log.dateOfBirth')).fill(dateOfBirth);
  await page.getByRole('button', { name: msg(lang, 'log.search'), exact: true }).click();
  if (hit) {
    // The hit says why it matched; the reporter judges it is someone else and registers a new person.
    const card = page.getByRole('listitem').filter({ hasText: hit });
    await expect(card).toContainText(msg(lang, 'log.matchedDateOfBirth'));
    await expect(card.getByRole('button', { name: fill(lang, 'log.choose', { name: hit }) })).toBeVisible();
  } else {
    await expect(page.getByText(msg(lang, 'log.noHits'))).toBeVisible();
  }
  await page.getByRole('button', { name: msg(lang, 'log.registerNew') }).click();
  const form = page.getByRole('form', { name: msg(lang, 'log.registerTitle') });
  // Pre-filled with what was typed in the search.
  await expect(form.getByLabel(msg(lang, 'log.name'), { exact: true })).toHaveValue(name);
  await expect(form.getByLabel(msg(lang, 'log.dateOfBirth'))).toHaveValue(dateOfBirth);
}

/** What the flow reads with a number or a browser locale in it, per language it runs in. */
const SAID: Record<
  Lang | 'sv',
  Record<'browser' | 'noneUnread' | 'threeWaiting' | 'minutes' | 'nothingNew', string>
> = {
  en: {
    browser: 'en-GB',
    noneUnread: 'none unread',
    threeWaiting: '^3 concerns waiting',
    minutes: '\\d+ minutes?',
    nothingNew: '^Nothing new since',
  },
  nb: {
    browser: 'nb-NO',
    noneUnread: 'ingen uleste',
    threeWaiting: '^3 bekymringer venter',
    minutes: '\\d+ minutt(er)?',
    nothingNew: '^Ingenting nytt siden',
  },
  sv: {
    browser: 'sv-SE',
    noneUnread: 'inga olästa',
    threeWaiting: '^3 anmälningar väntar',
    minutes: '\\d+ minut(er)?',
    nothingNew: '^Inget nytt sedan',
  },
};

// Both languages of every flow, and Swedish for the front line's and the intake's.
for (const lang of [...LANGS, 'sv' as const]) {
  test.describe(`concerns in the browser (${lang})`, () => {
    test('a police officer logs an immediate-danger concern, is told the police are alerted and to call 112, and is notified', async ({
      page,
      request,
    }) => {
      test.setTimeout(90_000);
      const world = await makeWorld(request, 'Harbour');
      const officer = await makePerson(request, world, {
        login: 'officer',
        name: 'Olav Officer',
        agency: 'police',
        roles: ['reporter', 'case_worker'],
      });
      const colleague = await makePerson(request, world, {
        login: 'colleague',
        name: 'Kari Konstabel',
        agency: 'police',
        roles: ['reporter'],
      });
      // The page's timers under the test's hand, so that the bell's polling can be moved on (time still flows).
      await page.clock.install();
      await signIn(page, officer, lang);
      await openNav(page, lang, 'nav.logConcern');
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'log.title') })).toBeVisible();
      await checkPage(page, 'log-concern', lang);

      await findOrRegister(page, lang, 'Ali Haugen', '2009-11-02');
      await page.getByRole('button', { name: msg(lang, 'log.register') }).click();
      await expect(page.getByText(fill(lang, 'log.chosen', { name: 'Ali Haugen' }))).toBeVisible();

      // Sent empty: each field says what it needs, and a summary links to them; nothing is logged.
      await page.getByRole('button', { name: msg(lang, 'log.submit') }).click();
      for (const [label, error] of [
        ['log.category', 'log.categoryRequired'],
        ['log.risk', 'log.riskRequired'],
        ['log.narrative', 'log.narrativeRequired'],
        ['log.source', 'log.sourceRequired'],
      ] as const) {
        await expect(page.getByRole('link', { name: `${msg(lang, label)}: ${msg(lang, error)}` })).toBeVisible();
      }
      await expect(page.getByLabel(msg(lang, 'log.narrative'))).toHaveAttribute('aria-invalid', 'true');
      await checkPage(page, 'log-concern-errors', lang);

      await page.getByLabel(msg(lang, 'log.category')).selectOption({ label: msg(lang, 'category.gang_crime') });
      // Before anything is sent: the warning appears as soon as immediate danger is chosen.
      await expect(page.getByText(msg(lang, 'log.emergencyTitle'))).toHaveCount(0);
      await page.getByRole('radio', { name: msg(lang, 'risk.immediate_danger') }).check();
      await expect(page.getByRole('heading', { name: msg(lang, 'log.emergencyTitle') })).toBeVisible();
      await expect(page.getByText(msg(lang, 'log.emergencyBody'))).toBeVisible();
      await checkPage(page, 'log-concern-emergency', lang);

      await page.getByLabel(msg(lang, 'log.narrative')).fill('Threatened with a knife outside the station.');
      await page.getByLabel(msg(lang, 'log.source')).selectOption({ label: msg(lang, 'source.professional') });
      await page.getByRole('button', { name: msg(lang, 'log.submit') }).click();

      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'log.loggedTitle') })).toBeVisible();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(fill(lang, 'log.policeAlerted', { agency: world.agencies.police.name }));
      await expect(alert).toContainText('112');
      await checkPage(page, 'concern-logged-emergency', lang);

      // The officer's agency receives the alert: the bell counts it, the list links to the concern.
      const bell = page.getByRole('link', { name: new RegExp(`^${msg(lang, 'nav.notifications')}, 1 `) });
      await expect(bell).toBeVisible();
      await bell.click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'notifications.title') })).toBeVisible();
      await expect(page.getByRole('link', { name: msg(lang, 'notification.concern.alert_police') })).toBeVisible();
      await checkPage(page, 'notifications', lang);
      await page.getByRole('button', { name: new RegExp(`^${msg(lang, 'notifications.markRead')}`) }).click();
      await expect(page.getByText(msg(lang, 'notifications.read'), { exact: false }).first()).toBeVisible();
      await expect(
        page.getByRole('link', { name: new RegExp(`^${msg(lang, 'nav.notifications')}, `) }),
      ).toHaveAccessibleName(new RegExp(SAID[lang].noneUnread));
      await page.getByRole('link', { name: msg(lang, 'notification.concern.alert_police') }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: fill(lang, 'concern.title', { name: 'Ali Haugen' }) }),
      ).toBeVisible();

      // A colleague logs another emergency: the bell counts it without a reload, at its next poll.
      await logConcern(request, world, colleague, {
        subject: { fullName: 'Mats Moe', dateOfBirth: '2008-02-02' },
        riskLevel: 'immediate_danger',
      });
      const unreadBell = page.getByRole('link', { name: new RegExp(`^${msg(lang, 'nav.notifications')}, 1 `) });
      await expect(unreadBell).toHaveCount(0);
      await page.clock.fastForward('00:31');
      await expect(unreadBell).toBeVisible();
    });

    test('a school nurse registers a pupil past a duplicate, logs a concern and follows its stage while the coordinator triages it from the intake', async ({
      page,
      browser,
      request,
    }) => {
      test.setTimeout(180_000);
      const world = await makeWorld(request, 'Hill');
      const nurse = await makePerson(request, world, {
        login: 'nurse',
        name: 'Nina Nurse',
        agency: 'school',
        roles: ['reporter'],
      });
      const coordinator = await makePerson(request, world, {
        login: 'coordinator',
        name: 'Carl Coordinator',
        agency: 'coordination',
        roles: ['coordinator', 'forum_member'],
      });
      const officer = await makePerson(request, world, {
        login: 'officer',
        name: 'Olav Officer',
        agency: 'police',
        roles: ['reporter', 'case_worker'],
      });
      // The nurse logged a concern about the pupil last term; the police hold a concern of their own.
      await logConcern(request, world, nurse, {
        subject: { fullName: 'Søren Ødegård', dateOfBirth: '2011-03-04' },
        riskLevel: 'low',
      });
      const restricted = await logConcern(request, world, officer, {
        subject: { fullName: 'Petter Vik', dateOfBirth: '2008-06-30' },
        riskLevel: 'moderate',
      });

      // The nurse: the search finds the pupil she logged before (and says why); she registers a new one and meets the duplicate.
      await signIn(page, nurse, lang);
      await openNav(page, lang, 'nav.logConcern');
      await findOrRegister(page, lang, 'Soren Odegard', '2011-03-04', 'Søren Ødegård');
      await checkPage(page, 'log-concern-hits', lang);
      await page.getByRole('button', { name: msg(lang, 'log.register') }).click();
      await expect(page.getByRole('heading', { name: msg(lang, 'log.duplicatesTitle') })).toBeVisible();
      await expect(
        page.getByText(
          new RegExp(`^S-[A-Z0-9]+, ${msg(lang, 'log.district').toLowerCase()} ${world.districtName}$`, 'i'),
        ),
      ).toBeVisible();
      await checkPage(page, 'log-concern-duplicates', lang);

      await page.getByLabel(msg(lang, 'log.category')).selectOption({ label: msg(lang, 'category.mental_health') });
      await page.getByRole('radio', { name: msg(lang, 'risk.high') }).check();
      await expect(page.getByText(msg(lang, 'log.emergencyTitle'))).toHaveCount(0);
      await page.getByLabel(msg(lang, 'log.narrative')).fill('Talks of hurting others; withdrawn in class for weeks.');
      await page.getByLabel(msg(lang, 'log.source')).selectOption({ label: msg(lang, 'source.professional') });
      await page.getByRole('button', { name: msg(lang, 'log.submit') }).click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'log.loggedTitle') })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);

      // My concerns: the concern with its stage.
      await openNav(page, lang, 'nav.myConcerns');
      const mine = page.getByRole('row', { name: /Soren Odegard/ });
      await expect(mine).toContainText(msg(lang, 'stage.received'));
      await checkPage(page, 'my-concerns', lang);

      // Its page: what the reporter may see, and adding to it.
      await mine.getByRole('link', { name: 'Soren Odegard' }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: fill(lang, 'concern.title', { name: 'Soren Odegard' }) }),
      ).toBeVisible();
      const timeline = page.getByRole('list').filter({ hasText: msg(lang, 'timeline.concern.create') });
      await expect(timeline).toContainText(
        fill(lang, 'timeline.byAgency', { name: 'Nina Nurse', agency: world.agencies.school.name }),
      );
      await page.getByLabel(msg(lang, 'concern.addLabel')).fill('His sister says he has a new online group.');
      await page.getByRole('button', { name: msg(lang, 'concern.addSubmit') }).click();
      await expect(page.getByText(msg(lang, 'concern.added'))).toBeVisible();
      await expect(page.getByText(/His sister says he has a new online group\./)).toBeVisible();
      await expect(timeline).toContainText(msg(lang, 'timeline.concern.update'));
      await checkPage(page, 'concern-reporter', lang);

      // The coordinator, in another browser: the intake count at home, the pupil at the top of the intake.
      const other = await browser.newContext({ locale: SAID[lang].browser, timezoneId: 'Europe/Oslo' });
      const desk = await other.newPage();
      await signIn(desk, coordinator, lang);
      await expect(desk.getByRole('link', { name: new RegExp(SAID[lang].threeWaiting) })).toBeVisible();
      await checkPage(desk, 'home-coordinator', lang);
      // At a phone's width the five languages wrap: nothing of the page runs off the side of the screen.
      const size = desk.viewportSize();
      await desk.setViewportSize({ width: 390, height: 844 });
      expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (size) await desk.setViewportSize(size);
      await openNav(desk, lang, 'nav.intake');
      await expect(desk.getByRole('heading', { level: 1, name: msg(lang, 'intake.title') })).toBeVisible();
      const rows = desk.getByRole('table').getByRole('row');
      await expect(rows.nth(1)).toContainText('Soren Odegard');
      await expect(rows.nth(1)).toContainText(msg(lang, 'risk.high'));
      await expect(rows.nth(1)).toContainText(
        new RegExp(fill(lang, 'concern.waited', { duration: SAID[lang].minutes })),
      );
      // The police's own concern is a stub that says it is restricted.
      await expect(rows.nth(2)).toContainText(msg(lang, 'intake.restricted'));

      // Filtered by risk (the filters are in the address, so the view can be linked to and saved).
      await desk.getByLabel(msg(lang, 'col.risk')).selectOption({ label: msg(lang, 'risk.high') });
      await expect(desk).toHaveURL(/riskLevel=high/);
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(1)).toContainText('Soren Odegard');

      // A queue saved by name and pinned: everything new since the coordinator last looked stands out.
      await desk.getByLabel(msg(lang, 'intake.saveName')).fill('Morning');
      await desk.getByRole('button', { name: msg(lang, 'intake.save') }).click();
      await expect(desk.getByText(fill(lang, 'intake.saved', { name: 'Morning' }))).toBeVisible();
      await desk
        .getByRole('navigation', { name: msg(lang, 'intake.queues') })
        .getByRole('link', { name: 'Morning', exact: true })
        .click();
      await expect(
        desk.getByRole('heading', { level: 1, name: `${msg(lang, 'intake.title')}: Morning` }),
      ).toBeVisible();
      await expect(rows.nth(1).getByText(msg(lang, 'intake.new'))).toBeVisible();
      await checkPage(desk, 'intake', lang);
      // Looking marked the queue seen: on the next visit nothing in it is new.
      await desk.reload();
      await expect(rows.nth(1)).toContainText('Soren Odegard');
      await expect(desk.getByText(msg(lang, 'intake.new'), { exact: true })).toHaveCount(0);
      await expect(desk.getByText(new RegExp(SAID[lang].nothingNew))).toBeVisible();

      // Triage: from the list in English, from the concern's page in bokmål.
      if (lang === 'en') {
        const toggle = rows.nth(1).getByRole('button', { name: fill(lang, 'triage.open', { name: 'Soren Odegard' }) });
        // By keyboard: open, Escape back to the button, open again.
        await toggle.focus();
        await desk.keyboard.press('Enter');
        await expect(desk.getByRole('radio', { name: msg(lang, 'outcome.guidance_only') })).toBeFocused();
        await desk.keyboard.press('Escape');
        await expect(toggle).toBeFocused();
        await expect(toggle).toHaveAttribute('aria-expanded', 'false');
        await desk.keyboard.press('Enter');
        await expect(desk.getByRole('radio', { name: msg(lang, 'outcome.guidance_only') })).toBeFocused();
        await desk.keyboard.press('Space');
        await desk.getByLabel(msg(lang, 'triage.note')).fill('School health service follows up with the family.');
        await checkPage(desk, 'intake-triage', lang);
        await desk.getByRole('button', { name: msg(lang, 'triage.submit') }).click();
        await expect(desk.getByText(/Soren Odegard: Triaged: Guidance\./)).toBeVisible();
        await expect(desk.locator(':focus')).toContainText('Soren Odegard: Triaged');
        // The queue held only the high-risk concern: now it is empty.
        await expect(desk.getByText(msg(lang, 'intake.empty'))).toBeVisible();
      } else {
        await rows.nth(1).getByRole('link', { name: 'Soren Odegard' }).click();
        await expect(
          desk.getByRole('heading', { level: 1, name: fill(lang, 'concern.title', { name: 'Soren Odegard' }) }),
        ).toBeVisible();
        await desk.getByRole('radio', { name: msg(lang, 'outcome.guidance_only') }).check();
        await desk.getByLabel(msg(lang, 'triage.note')).fill('Skolehelsetjenesten følger opp familien.');
        await desk.getByRole('button', { name: msg(lang, 'triage.submit') }).click();
        await expect(
          desk.getByText(fill(lang, 'triage.done', { outcome: msg(lang, 'outcome.guidance_only') })),
        ).toBeVisible();
        await expect(
          desk.getByText(
            fill(lang, 'timeline.byAgency', { name: 'Carl Coordinator', agency: world.agencies.coordination.name }),
          ),
        ).toBeVisible();
        await checkPage(desk, 'concern-coordinator', lang, { screenshots: lang === 'nb' });
      }

      // The restricted concern: the stub, and the screen says so and who to ask.
      await desk.goto(`/concerns/${restricted.id}`);
      await expect(desk.getByRole('heading', { name: msg(lang, 'concern.restrictedTitle') })).toBeVisible();
      await expect(
        desk.getByText(new RegExp(`Olav Officer \\(officer-${world.tag}@[^)]+\\).*${world.agencies.police.name}`)),
      ).toBeVisible();
      await expect(desk.getByText('Petter Vik')).toHaveCount(0);
      await checkPage(desk, 'concern-restricted', lang);

      // The pinned queue's count on the home page.
      await openNav(desk, lang, 'nav.home');
      await expect(desk.getByRole('link', { name: /^Morning: / })).toBeVisible();
      await other.close();

      // The nurse's stage has changed; she never sees the coordinator's note.
      await openNav(page, lang, 'nav.myConcerns');
      await expect(page.getByRole('row', { name: /Soren Odegard/ })).toContainText(msg(lang, 'stage.guidance_given'));
      await page
        .getByRole('row', { name: /Soren Odegard/ })
        .getByRole('link')
        .click();
      await expect(page.getByText(msg(lang, 'timeline.concern.triage'), { exact: true })).toBeVisible();
      // The triage's step is not the reporter's to see in full: a placeholder says so.
      await expect(page.getByText(msg(lang, 'timeline.redacted'))).toBeVisible();
      await expect(page.getByText(/School health service follows up|Skolehelsetjenesten følger opp/)).toHaveCount(0);
    });
  });
}

test('an intake of 51 concerns renders a page of 50 from one list request, with no request per row, and shows more on asking', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Its district keeps São Paulo's time, three hours behind the browser's Oslo: dates are read in the district's zone.
  const world = await makeWorld(request, 'Bay', 'America/Sao_Paulo');
  const coordinator = await makePerson(request, world, {
    login: 'coordinator',
    name: 'Carl Coordinator',
    agency: 'coordination',
    roles: ['coordinator'],
  });
  const social = await makePerson(request, world, {
    login: 'social',
    name: 'Sara Social',
    agency: 'social',
    roles: ['reporter', 'case_worker'],
  });
  const first = await logConcern(request, world, social, {
    subject: { fullName: 'Lise Lie', dateOfBirth: '2010-01-01' },
    riskLevel: 'low',
  });
  for (let index = 1; index < 51; index += 1) {
    await logConcern(request, world, social, {
      subjectId: first.subjectId,
      riskLevel: index % 7 === 0 ? 'high' : 'low',
    });
  }
  await signIn(page, coordinator, 'en');
  const requests: string[] = [];
  page.on('request', (sent) => {
    const url = new URL(sent.url());
    if (url.pathname.startsWith('/api/')) requests.push(`${sent.method()} ${url.pathname}`);
  });
  await openNav(page, 'en', 'nav.intake');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(51);
  await page.waitForLoadState('networkidle');
  const lists = requests.filter((entry) => entry === 'GET /api/v1/concerns');
  const perRow = requests.filter((entry) => /\/api\/v1\/(concerns|subjects)\/[0-9a-f-]{36}/.test(entry));
  expect(lists).toHaveLength(1);
  expect(perRow).toEqual([]);
  expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(4);
  // The next page, by its cursor: one more request, one more row.
  await page.getByRole('button', { name: msg('en', 'list.more') }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(52);
  expect(requests.filter((entry) => entry === 'GET /api/v1/concerns')).toHaveLength(2);
  await expect(page.getByRole('button', { name: msg('en', 'list.more') })).toHaveCount(0);
  // Highest risk first: the seven high ones lead.
  await expect(page.getByRole('table').getByRole('row').nth(7)).toContainText(msg('en', 'risk.high'));
  await expect(page.getByRole('table').getByRole('row').nth(8)).toContainText(msg('en', 'risk.low'));

  // A concern's page lists the subject's other concerns the coordinator may see, from one request.
  await page.getByRole('table').getByRole('row').nth(1).getByRole('link', { name: 'Lise Lie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Concern about Lise Lie' })).toBeVisible();
  const others = page.getByRole('region', { name: msg('en', 'concern.otherConcerns') });
  await expect(others.getByRole('link')).toHaveCount(49);
  await checkPage(page, 'concern-with-history', 'en');

  await page.goto(`/concerns/${first.id}`);
  const logged = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  }).format(new Date(first.createdAt));
  await expect(page.getByRole('definition').filter({ hasText: logged })).toHaveCount(1);
});
