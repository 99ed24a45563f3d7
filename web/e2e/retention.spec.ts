import { expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { MessageKey } from '../src/app/messages/en';
import { clockNow, followClock, moveClock, openInApp } from './support/clock';
import { checkPage, LANGS, msg, signIn, test, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token } from './support/world';

const DAY_MS = 24 * 3_600_000;
/** Past the movable-clock service's period for concerns closed without a referral (one month there). */
const PAST_THE_PERIOD_MS = 40 * DAY_MS;

interface NextRun {
  subjectsDue: number;
  subjectsHeld: number;
  records: Record<string, number>;
}

/** A figure of the report's card, by its term. */
const figure = (page: Page, lang: Language, term: MessageKey) =>
  page.locator('dt', { hasText: msg(lang, term) }).locator('xpath=following-sibling::dd[1]');

// On the movable-clock service: a retention period passes without waiting.
for (const lang of LANGS) {
  test(
    `a coordinator places a legal hold; once the period has passed the retention report counts the person as held, another as due, without names (${lang})`,
    {
      tag: '@movable-clock',
    },
    async ({ page, request }) => {
      test.setTimeout(120_000);
      // Whatever earlier tests left ends its period now, so that only this test's people change the counts below.
      await moveClock(PAST_THE_PERIOD_MS);
      const world = await makeWorld(request, 'Retention');
      const reporter = await makePerson(request, world, {
        login: 'teacher',
        name: 'Tone Teacher',
        agency: 'school',
        roles: ['reporter'],
      });
      const coordinator = await makePerson(request, world, {
        login: 'coordinator',
        name: 'Cora Coordinator',
        agency: 'coordination',
        roles: ['coordinator'],
      });
      // Two people whose only record ends today: each concern triaged to no further action.
      const heldName = `Hanne Holdt ${world.tag}`;
      const dueName = `Dag Forfall ${world.tag}`;
      const held = await logConcern(request, world, reporter, {
        subject: { fullName: heldName, dateOfBirth: '2010-05-06' },
        riskLevel: 'low',
      });
      const due = await logConcern(request, world, reporter, {
        subject: { fullName: dueName, dateOfBirth: '2011-07-08' },
        riskLevel: 'low',
      });
      const coordinatorToken = await token(request, coordinator);
      for (const concern of [held, due]) {
        await send(request, coordinatorToken, 'post', `/api/v1/concerns/${concern.id}/triage`, {
          outcome: 'no_further_action',
          note: 'Nothing for the services to do',
        });
      }
      const admin = await token(request, 'admin');
      const before = await send<NextRun>(request, admin, 'get', '/api/v1/retention/next-run');

      // The coordinator places a legal hold on the first, for a year.
      await followClock(page);
      await signIn(page, coordinator, lang);
      await openInApp(page, `/concerns/${held.id}`);
      await page.getByRole('link', { name: msg(lang, 'concern.privacyOfPerson') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(/S-/);
      const until = DateTime.fromJSDate(await clockNow())
        .setZone('Europe/Oslo')
        .plus({ years: 1 })
        .toISODate()!;
      await page.getByLabel(msg(lang, 'hold.reason')).fill('Proceedings in the district court');
      await page.getByLabel(msg(lang, 'hold.until')).fill(until);
      await page.getByRole('button', { name: msg(lang, 'hold.place') }).click();
      const hold = page.getByRole('listitem').filter({ hasText: 'Proceedings in the district court' });
      await expect(hold).toContainText(`${msg(lang, 'hold.active')} — `);
      await checkPage(page, 'retention-hold', lang);

      await page.getByRole('button', { name: msg(lang, 'shell.signOut') }).click();
      await expect(page.getByLabel(msg(lang, 'signIn.email'))).toBeVisible();

      // The period passes; the admin (weeks on) opens the retention report.
      await moveClock(PAST_THE_PERIOD_MS, page);
      await signIn(page, 'admin', lang);
      await openInApp(page, '/privacy');
      await page.getByRole('link', { name: msg(lang, 'retention.open') }).click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'retention.title') })).toBeVisible();
      await expect(figure(page, lang, 'retention.subjectsHeld')).toHaveText(String(before.subjectsHeld + 1));
      await expect(figure(page, lang, 'retention.subjectsDue')).toHaveText(String(before.subjectsDue + 1));
      await expect(
        page
          .getByRole('row')
          .filter({
            has: page.getByRole('rowheader', { name: msg(lang, 'retention.kind.concern_closed_without_referral') }),
          })
          .getByRole('cell'),
      ).toHaveText(String((before.records.concern_closed_without_referral ?? 0) + 1));
      // Counts only: nobody is named.
      await expect(page.getByText(heldName)).toHaveCount(0);
      await expect(page.getByText(dueName)).toHaveCount(0);
      await checkPage(page, 'retention-report', lang);
    },
  );
}
