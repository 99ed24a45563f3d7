import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { readFileSync } from 'node:fs';
import type { MessageKey } from '../src/app/messages/en';
import { DEMO_PASSWORD, demoEmail } from './support/demo';
import { clockNow, followClock, moveClockTo, openInApp, signInAt } from './support/clock';
import { checkPage, LANGS, msg, signIn, test, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token, type World } from './support/world';

/** A message with its arguments filled in, as the app shows it. */
function fill(lang: Language, key: MessageKey, values: Record<string, string | number>): string {
  return Object.entries(values).reduce(
    (text, [name, value]) => text.split(`{${name}}`).join(String(value)),
    msg(lang, key),
  );
}

/** The `one` form of a plural message, for a count of 1. */
function one(lang: Language, key: MessageKey): string {
  const match = /one \{([^}]*)\}/.exec(msg(lang, key));
  if (!match) throw new Error(`${key} has no plural form for one`);
  return match[1].replace('#', '1');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The heading of a step of the meeting, whatever the number of steps. */
function runHeading(lang: Language, number: number, item: string): RegExp {
  const text = escape(fill(lang, 'run.progress', { number, count: 'COUNT', item })).replace('COUNT', '\\d+');
  return new RegExp(`^${text}`);
}

async function openNav(page: Page, lang: Language, key: MessageKey) {
  await page
    .getByRole('navigation', { name: msg(lang, 'nav.label') })
    .getByRole('link', { name: msg(lang, key), exact: true })
    .click();
}

/** A person of an agency the world does not have (the mentoring NGO), made by the admin. */
async function makeAgencyPerson(
  request: APIRequestContext,
  world: World,
  agencyId: string,
  person: { login: string; name: string; roles: string[] },
): Promise<{ login: string; id: string }> {
  const admin = await token(request, 'admin');
  const login = `${person.login}-${world.tag}`;
  const created = await send<{ id: string }>(request, admin, 'post', '/api/v1/users', {
    email: demoEmail(login),
    name: person.name,
    password: DEMO_PASSWORD,
    agencyId,
    roles: person.roles,
    districtIds: [world.districtId],
  });
  return { login, id: created.id };
}

/** The movable-clock service's time, in the districts' zone. */
const oslo = async () => DateTime.fromJSDate(await clockNow()).setZone('Europe/Oslo');

/** The first Tuesday of a month at `hour`:00 (Oslo) after `after`: the series' rule. */
function nextFirstTuesday(after: DateTime, hour: number): DateTime {
  for (let month = 0; ; month += 1) {
    const first = after.startOf('month').plus({ months: month });
    const tuesday = first
      .plus({ days: (2 - first.weekday + 7) % 7 })
      .set({ hour, minute: 0, second: 0, millisecond: 0 });
    if (tuesday > after) return tuesday;
  }
}

/** How many first Tuesdays at that hour fall in the six months after `from`: the series' meetings it shows. */
function firstTuesdaysWithin(from: DateTime, hour: number): number {
  const until = from.plus({ months: 6 });
  let count = 0;
  for (let next = nextFirstTuesday(from, hour); next < until; next = nextFirstTuesday(next, hour)) count += 1;
  return count;
}

/** The agenda's items under one section heading, as the page lists them. */
const sectionItems = (page: Page, lang: Language, section: MessageKey) =>
  page.getByRole('region', { name: msg(lang, section) }).getByRole('listitem');

// Both languages of every flow, and Swedish for the main one.
for (const lang of [...LANGS, 'sv' as const]) {
  test.describe(`the monthly forum in the browser (${lang})`, () => {
    // On the movable-clock service: the meeting is prepared weeks ahead, then time moves to just after its start.
    test(
      'a coordinator sets up a forum series and prepares, runs and minutes its next meeting; each participant sees their own redaction',
      {
        tag: '@movable-clock',
      },
      async ({ page, request, browser }) => {
        test.setTimeout(300_000);
        // The series' next meeting must lie beyond the agenda's lead time (AGENDA_LEAD_DAYS, 5), or the worker
        // generates its agenda as soon as the series makes it: if the next first Tuesday is close, time moves past it.
        const close = nextFirstTuesday(await oslo(), 15);
        if (close.diff(await oslo(), 'days').days < 7) await moveClockTo(close.plus({ hours: 3 }).toJSDate());
        const today = await oslo();
        const world = await makeWorld(request, 'Forum');
        const admin = await token(request, 'admin');
        const ngo = await send<{ id: string }>(request, admin, 'post', '/api/v1/agencies', {
          name: `Youth Mentors ${world.tag}`,
          kind: 'ngo',
          districtId: world.districtId,
        });
        const coordinator = await makePerson(request, world, {
          login: 'coordinator',
          name: 'Cora Coordinator',
          agency: 'coordination',
          roles: ['coordinator'],
        });
        const social = await makePerson(request, world, {
          login: 'social',
          name: 'Siri Social',
          agency: 'social',
          roles: ['reporter', 'case_worker'],
        });
        const officer = await makePerson(request, world, {
          login: 'officer',
          name: 'Olav Officer',
          agency: 'police',
          roles: ['reporter'],
        });
        const teacher = await makePerson(request, world, {
          login: 'teacher',
          name: 'Sara School',
          agency: 'school',
          roles: ['forum_member'],
        });
        const mentor = await makeAgencyPerson(request, world, ngo.id, {
          login: 'mentor',
          name: 'Nina Mentor',
          roles: ['forum_member'],
        });
        const coordinatorToken = await token(request, coordinator);

        // Three cases for the forum: one referred to the school by statute, one to the NGO on a guardian's
        // consent, and one the police hold (restricted): each participant may know only of their own.
        const refer = (concernId: string) =>
          send(request, coordinatorToken, 'post', `/api/v1/concerns/${concernId}/triage`, {
            outcome: 'refer',
            note: 'To the forum',
          });
        const schoolName = `Birgit Skolesak ${world.tag}`;
        const ngoName = `Carl Frivillig ${world.tag}`;
        const schoolCase = await logConcern(request, world, social, {
          subject: { fullName: schoolName, dateOfBirth: '2011-04-02' },
          riskLevel: 'moderate',
        });
        const ngoCase = await logConcern(request, world, social, {
          subject: { fullName: ngoName, dateOfBirth: '2010-09-14' },
          riskLevel: 'low',
        });
        const policeCase = await logConcern(request, world, officer, {
          subject: { fullName: `Aksel Politisak ${world.tag}`, dateOfBirth: '2009-01-20' },
          riskLevel: 'high',
        });
        for (const concern of [schoolCase, ngoCase, policeCase]) await refer(concern.id);
        await send(request, coordinatorToken, 'post', '/api/v1/referrals', {
          concernId: schoolCase.id,
          toAgencyId: world.agencies.school.id,
          legalBasis: 'statutory_duty',
          reason: 'Needs support at school',
          reviewDate: today.plus({ days: 90 }).toISODate(),
        });
        const consent = await send<{ id: string }>(request, coordinatorToken, 'post', '/api/v1/consents', {
          subjectId: ngoCase.subjectId,
          givenBy: 'guardian',
          guardianName: 'A Parent',
          purpose: 'Mentoring',
          agencyIds: [ngo.id],
        });
        await send(request, coordinatorToken, 'post', '/api/v1/referrals', {
          concernId: ngoCase.id,
          toAgencyId: ngo.id,
          legalBasis: 'consent',
          consentId: consent.id,
          reason: 'Mentoring',
          reviewDate: today.plus({ days: 90 }).toISODate(),
        });
        // A forum series: the first Tuesday at 14:00, with the two participants; its next meetings are shown.
        await followClock(page);
        await signIn(page, coordinator, lang);
        await openNav(page, lang, 'nav.meetings');
        await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'meetings.title') })).toBeVisible();
        await checkPage(page, 'meetings', lang);
        await page.getByRole('button', { name: msg(lang, 'series.open') }).click();
        const series = page.getByRole('form', { name: msg(lang, 'series.title') });
        await series.getByLabel(msg(lang, 'series.ordinal'), { exact: true }).selectOption('first');
        await series.getByLabel(msg(lang, 'series.weekday'), { exact: true }).selectOption('tuesday');
        await series.getByLabel(msg(lang, 'series.time'), { exact: true }).fill('14:00');
        await series.getByRole('checkbox', { name: new RegExp(`^Sara School`) }).check();
        await series.getByRole('checkbox', { name: new RegExp(`^Nina Mentor`) }).check();
        await series.getByLabel(msg(lang, 'meetings.location')).fill('Town hall, room 4');
        await series.getByRole('button', { name: msg(lang, 'series.submit') }).click();
        const created = page.getByRole('status').filter({ hasText: msg(lang, 'series.upcoming') });
        await expect(created).toBeVisible();
        await expect(created.getByRole('listitem')).toHaveCount(firstTuesdaysWithin(today, 14));
        await checkPage(page, 'meeting-series', lang);

        // The series is listed; the coordinator moves it to 15:00, then ends it in two months.
        const ruleShown = fill(lang, 'series.ruleWords', {
          ordinal: msg(lang, 'series.ordinal.first'),
          weekday: msg(lang, 'series.weekday.tuesday'),
          time: '14:00',
        });
        await page
          .getByRole('region', { name: msg(lang, 'series.listTitle') })
          .getByRole('link', { name: new RegExp(`^${escape(ruleShown)}`) })
          .click();
        await expect(page.getByRole('heading', { level: 1 })).toContainText(ruleShown);
        const change = page.getByRole('form', { name: msg(lang, 'series.change') });
        await change.getByLabel(msg(lang, 'series.time'), { exact: true }).fill('15:00');
        await change.getByRole('button', { name: msg(lang, 'series.changeSubmit') }).click();
        const changed = page.getByRole('status').filter({ hasText: msg(lang, 'series.changed') });
        await expect(changed.getByRole('listitem')).toHaveCount(firstTuesdaysWithin(today, 15));
        await expect(page.getByRole('heading', { level: 1 })).toContainText(
          fill(lang, 'series.ruleWords', {
            ordinal: msg(lang, 'series.ordinal.first'),
            weekday: msg(lang, 'series.weekday.tuesday'),
            time: '15:00',
          }),
        );
        const end = page.getByRole('form', { name: msg(lang, 'series.end') });
        await end.getByLabel(msg(lang, 'series.endsOn')).fill(today.plus({ months: 2 }).toISODate()!);
        await end.getByRole('button', { name: msg(lang, 'series.endSubmit') }).click();
        const ended = page.getByRole('status').filter({ hasText: msg(lang, 'series.ended').split('{date}')[0] });
        await expect(ended).toBeVisible();
        expect(await ended.getByRole('listitem').count()).toBeLessThanOrEqual(2);
        await checkPage(page, 'forum-series', lang);

        // The series' next meeting, made by the worker: the first in the coordinator's list, its agenda not yet generated.
        const startsAt = nextFirstTuesday(today, 15);
        await expect(async () => {
          await openNav(page, lang, 'nav.meetings');
          await page.getByRole('table').getByRole('link').first().click();
          await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
          const shown = await send<{ startsAt: string }>(
            request,
            coordinatorToken,
            'get',
            `/api/v1/meetings/${page.url().split('/').pop()}`,
          );
          expect(DateTime.fromISO(shown.startsAt).toMillis()).toBe(startsAt.toMillis());
        }).toPass({ timeout: 30_000 });
        const meeting = { id: page.url().split('/').pop()! };
        await expect(page.getByText(msg(lang, 'agenda.notGenerated'))).toBeVisible();
        await page.getByRole('button', { name: msg(lang, 'agenda.generate') }).click();
        const newConcerns = sectionItems(page, lang, 'agenda.section.new_concerns');
        // Highest risk first: the police's case, which the coordinator sees by pseudonym only, and is told so.
        await expect(newConcerns).toHaveCount(3);
        await expect(newConcerns.nth(0)).toContainText(
          fill(lang, 'agenda.withheldAsk', { agency: world.agencies.police.name }),
        );
        await expect(newConcerns.nth(1)).toContainText(schoolName);
        await expect(newConcerns.nth(2)).toContainText(ngoName);

        // By the keyboard: the school's case moved up to the top; the move is announced and the focus stays with it.
        const moveUp = page.getByRole('button', { name: fill(lang, 'agenda.moveUp', { item: schoolName }) });
        await moveUp.focus();
        await page.keyboard.press('Enter');
        await expect(
          page.getByRole('status').filter({
            hasText: fill(lang, 'agenda.movedTo', {
              item: schoolName,
              position: 1,
              count: 3,
              section: msg(lang, 'agenda.section.new_concerns'),
            }),
          }),
        ).toBeAttached();
        await expect(newConcerns.nth(0)).toContainText(schoolName);
        await expect(
          page.getByRole('button', { name: fill(lang, 'agenda.moveDown', { item: schoolName }) }),
        ).toBeFocused();
        // By dragging: the NGO's case dropped on the police's, taking its place.
        await newConcerns.nth(2).dragTo(newConcerns.nth(1));
        await expect(newConcerns.nth(1)).toContainText(ngoName);
        await expect(newConcerns.nth(2)).toContainText(msg(lang, 'agenda.withheldAsk').split('{agency}')[0]);
        // An item by hand, under other items.
        await page.getByLabel(msg(lang, 'agenda.addTitle')).fill('Summer activities for the older group');
        await page.getByRole('button', { name: msg(lang, 'agenda.addSubmit') }).click();
        await expect(sectionItems(page, lang, 'agenda.section.other')).toContainText([
          'Summer activities for the older group',
        ]);
        await checkPage(page, 'meeting-agenda', lang);

        // The coordinator's own printed copy.
        const pdf = page.waitForEvent('download');
        await page.getByRole('button', { name: msg(lang, 'meeting.downloadPdf') }).click();
        const downloaded = await pdf;
        expect(downloaded.suggestedFilename()).toBe('agenda.pdf');
        expect(
          readFileSync(await downloaded.path())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
        const ics = page.waitForEvent('download');
        await page.getByRole('button', { name: msg(lang, 'meeting.downloadIcs') }).click();
        const calendar = await ics;
        expect(calendar.suggestedFilename()).toBe('meeting.ics');
        expect(readFileSync(await calendar.path(), 'utf8')).toContain('BEGIN:VCALENDAR');

        // The school and the NGO see the same agenda, each with only their own case and its name.
        let school = await signInAt(browser, teacher, lang);
        await openInApp(school, `/meetings/${meeting.id}`);
        const schoolItems = sectionItems(school, lang, 'agenda.section.new_concerns');
        await expect(schoolItems).toHaveCount(1);
        await expect(schoolItems.first()).toContainText(schoolName);
        await expect(school.getByText(ngoName)).toHaveCount(0);
        await expect(school.getByText(world.agencies.police.name)).toHaveCount(0);
        await checkPage(school, 'meeting-agenda-school', lang);
        let ngoPage = await signInAt(browser, mentor.login, lang);
        await openInApp(ngoPage, `/meetings/${meeting.id}`);
        const ngoItems = sectionItems(ngoPage, lang, 'agenda.section.new_concerns');
        await expect(ngoItems).toHaveCount(1);
        await expect(ngoItems.first()).toContainText(ngoName);
        await expect(ngoPage.getByText(schoolName)).toHaveCount(0);
        await checkPage(ngoPage, 'meeting-agenda-ngo', lang);
        await school.context().close();
        await ngoPage.context().close();

        // Time moves to just after the start (weeks on: everyone signs in again), and the coordinator runs it.
        await moveClockTo(startsAt.plus({ minutes: 1 }).toJSDate(), page);
        await signIn(page, coordinator, lang);
        await openInApp(page, `/meetings/${meeting.id}`);
        await expect(page.getByText(msg(lang, 'meeting.started'))).toBeVisible();
        await page.getByRole('link', { name: msg(lang, 'meeting.run') }).click();
        await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'run.title') })).toBeVisible();
        await expect(page.getByRole('heading', { level: 2, name: runHeading(lang, 1, schoolName) })).toBeVisible();
        await page.getByLabel(msg(lang, 'run.decision')).fill('The school’s support team meets the family this week.');
        await page.getByRole('button', { name: msg(lang, 'run.addAction') }).click();
        const action = page.getByRole('group', { name: fill(lang, 'run.actionNumber', { number: 1 }) });
        await action.getByLabel(msg(lang, 'run.actionText')).fill('Meet the family');
        await action
          .getByLabel(msg(lang, 'run.actionOwner'))
          .selectOption({ label: `Sara School, ${world.agencies.school.name}` });
        await action
          .getByLabel(msg(lang, 'run.actionDue'))
          .fill((await oslo()).plus({ hours: 6 }).toFormat("yyyy-MM-dd'T'HH:mm"));
        await page
          .getByRole('group', { name: msg(lang, 'run.attendance') })
          .getByRole('checkbox', { name: /^Sara School/ })
          .check();
        await checkPage(page, 'meeting-run', lang);
        // The next item is there to walk to; nothing else is decided.
        await page.getByRole('button', { name: msg(lang, 'run.next') }).click();
        await expect(page.getByRole('heading', { level: 2, name: runHeading(lang, 2, '') })).toBeFocused();
        await page.getByRole('button', { name: new RegExp(`^${msg(lang, 'run.save').split(' (')[0]}`) }).click();

        // The minutes, shown on the meeting's page.
        await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));
        await expect(page.getByRole('status').filter({ hasText: msg(lang, 'minutes.saved') })).toBeVisible();
        const minutes = page.getByRole('region', { name: msg(lang, 'minutes.title') });
        await expect(minutes).toContainText('The school’s support team meets the family this week.');
        await expect(minutes).toContainText(`Meet the family – Sara School, ${world.agencies.school.name}`);
        await checkPage(page, 'meeting-minutes', lang);

        // The school sees the minutes on its case; the NGO, whose agenda does not hold it, sees no decision.
        school = await signInAt(browser, teacher, lang);
        await openInApp(school, `/meetings/${meeting.id}`);
        await expect(school.getByRole('region', { name: msg(lang, 'minutes.title') })).toContainText('Meet the family');
        await checkPage(school, 'meeting-minutes-school', lang);
        ngoPage = await signInAt(browser, mentor.login, lang);
        await openInApp(ngoPage, `/meetings/${meeting.id}`);
        await expect(ngoPage.getByRole('region', { name: msg(lang, 'minutes.title') })).toContainText(
          msg(lang, 'minutes.none'),
        );
        await expect(ngoPage.getByText('Meet the family')).toHaveCount(0);
        await checkPage(ngoPage, 'meeting-minutes-ngo', lang);

        // The action item is its owner's follow-up: counted on their home page, listed in their follow-ups.
        await openInApp(school, '/');
        await expect(school.getByText(one(lang, 'home.followUpsDue'))).toBeVisible();
        // A forum member's home page also lists their meetings: today's among them.
        await expect(
          school
            .getByRole('region', { name: msg(lang, 'home.upcomingMeetings') })
            .locator(`a[href="/meetings/${meeting.id}"]`),
        ).toBeVisible();
        await checkPage(school, 'home-school-follow-up-due', lang);
        await openInApp(school, '/follow-ups');
        await expect(school.getByText('Meet the family')).toBeVisible();
        await checkPage(school, 'follow-ups-school', lang);
        await school.context().close();
        await ngoPage.context().close();
      },
    );

    // Swedish runs the forum's main flow above; the case conference runs in the two languages.
    if (lang === 'sv') return;

    test('a coordinator arranges a case conference and moves it', async ({ page, request }) => {
      test.setTimeout(90_000);
      const world = await makeWorld(request, 'Conference');
      const coordinator = await makePerson(request, world, {
        login: 'coordinator',
        name: 'Cora Coordinator',
        agency: 'coordination',
        roles: ['coordinator'],
      });
      await signIn(page, coordinator, lang);
      await openNav(page, lang, 'nav.meetings');
      await page.getByRole('button', { name: msg(lang, 'meetings.open') }).click();
      const form = page.getByRole('form', { name: msg(lang, 'meetings.newTitle') });
      // Sent empty: the start and the participants are asked for; nothing is arranged.
      await form.getByRole('button', { name: msg(lang, 'meetings.create') }).click();
      await expect(
        page.getByRole('link', {
          name: `${msg(lang, 'meetings.startsAt')}: ${msg(lang, 'meetings.startsAtRequired')}`,
        }),
      ).toBeVisible();
      await checkPage(page, 'meeting-new-errors', lang);
      await form.getByRole('radio', { name: msg(lang, 'meetingKind.case_conference') }).check();
      const first = DateTime.now()
        .setZone('Europe/Oslo')
        .plus({ days: 14 })
        .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
      await form.getByLabel(msg(lang, 'meetings.startsAt')).fill(first.toFormat("yyyy-MM-dd'T'HH:mm"));
      await form.getByRole('checkbox', { name: /^Cora Coordinator/ }).check();
      await form.getByRole('button', { name: msg(lang, 'meetings.create') }).click();
      await page
        .getByRole('link', {
          name: fill(lang, 'meetings.createdLink', { kind: msg(lang, 'meetingKind.case_conference') }),
        })
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(msg(lang, 'meetingKind.case_conference'));
      const moved = first.plus({ days: 1, hours: 1 });
      await page.getByLabel(msg(lang, 'meeting.newStart')).fill(moved.toFormat("yyyy-MM-dd'T'HH:mm"));
      await page.getByRole('button', { name: msg(lang, 'meeting.moveSubmit') }).click();
      await expect(
        page.getByRole('status').filter({ hasText: msg(lang, 'meeting.moved').split('{time}')[0] }),
      ).toBeVisible();
      // Read back by the API: the new start, in the district's time.
      const id = page.url().split('/').pop()!;
      const meeting = await send<{ startsAt: string }>(
        request,
        await token(request, coordinator),
        'get',
        `/api/v1/meetings/${id}`,
      );
      expect(DateTime.fromISO(meeting.startsAt).toMillis()).toBe(moved.toMillis());
      await checkPage(page, 'meeting-moved', lang);
    });
  });
}
