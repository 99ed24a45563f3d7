import { expect } from '@playwright/test';
import { DateTime } from 'luxon';
import { clockNow, followClock, moveClock } from './support/clock';
import { checkPage, LANGS, msg, signIn, test } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token } from './support/world';

/** Six days: two working days have passed whatever weekday the referral was sent on. */
const PAST_TWO_WORKING_DAYS_MS = 6 * 24 * 3_600_000;

// On the movable-clock service: two working days pass without waiting.
for (const lang of LANGS) {
  test(
    `a referral nobody of the receiving agency opens in two working days is flagged to the coordinator, on the board and by the bell (${lang})`,
    { tag: '@movable-clock' },
    async ({ page, request }) => {
      test.setTimeout(120_000);
      const world = await makeWorld(request, 'Unseen');
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
      const bearer = await token(request, coordinator);
      const concern = await logConcern(request, world, reporter, {
        subject: { fullName: `Ulrik Usett ${world.tag}`, dateOfBirth: '2012-02-03' },
        riskLevel: 'moderate',
      });
      await send(request, bearer, 'post', `/api/v1/concerns/${concern.id}/triage`, {
        outcome: 'refer',
        note: 'For the social services',
      });
      const today = DateTime.fromJSDate(await clockNow()).setZone('Europe/Oslo');
      const referral = await send<{ id: string }>(request, bearer, 'post', '/api/v1/referrals', {
        concernId: concern.id,
        toAgencyId: world.agencies.social.id,
        legalBasis: 'statutory_duty',
        reason: 'Needs support at home',
        reviewDate: today.plus({ days: 30 }).toISODate(),
      });

      // Nobody of the social services opens it; the worker flags it once two working days have passed.
      await moveClock(PAST_TWO_WORKING_DAYS_MS);
      const later = await token(request, coordinator);
      await expect
        .poll(
          async () =>
            (await send<{ unseenFlaggedAt: string | null }>(request, later, 'get', `/api/v1/referrals/${referral.id}`))
              .unseenFlaggedAt,
          { timeout: 30_000 },
        )
        .not.toBeNull();

      // The coordinator: the bell says it, and the board marks the referral.
      await followClock(page);
      await signIn(page, coordinator, lang);
      const bell = page.getByRole('link', { name: new RegExp(`^${msg(lang, 'nav.notifications')}, [1-9]`) });
      await expect(bell).toBeVisible();
      await bell.click();
      await expect(page.getByRole('link', { name: msg(lang, 'notification.referral.flag_unseen') })).toBeVisible();
      await checkPage(page, 'notifications-unseen-referral', lang);
      await page
        .getByRole('navigation', { name: msg(lang, 'nav.label') })
        .getByRole('link', { name: msg(lang, 'nav.referralBoard'), exact: true })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'board.title') })).toBeVisible();
      const row = page.getByRole('row').filter({ hasText: world.agencies.social.name });
      await expect(row).toContainText(msg(lang, 'board.unseenFlag'));
      await checkPage(page, 'referral-board-unseen', lang);
    },
  );
}
