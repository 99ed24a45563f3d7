import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { MessageKey } from '../src/app/messages/en';
import { checkPage, expect, LANGS, msg, signIn, test, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token } from './support/world';

/** A message with its arguments filled in, as the app shows it. */
function fill(lang: Language, key: MessageKey, values: Record<string, string>): string {
  return Object.entries(values).reduce((text, [name, value]) => text.split(`{${name}}`).join(value), msg(lang, key));
}

async function signOut(page: Page, lang: Language) {
  await page.getByRole('button', { name: msg(lang, 'shell.signOut') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'signIn.title') })).toBeVisible();
}

/** Opens the "why can I see this" panel of the page and answers it. */
async function askWhy(page: Page, lang: Language) {
  await page.getByRole('button', { name: msg(lang, 'why.show') }).click();
  const panel = page.getByRole('region', { name: msg(lang, 'why.heading') });
  await expect(panel).toBeVisible();
  return panel;
}

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000);

for (const lang of LANGS) {
  test.describe(`privacy in the browser (${lang})`, () => {
    test('why can I see this: consent for the receiving case worker, the district for the coordinator; gone once the consent is withdrawn', async ({
      page,
      request,
    }) => {
      test.setTimeout(120_000);
      const world = await makeWorld(request, 'Why');
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
      const caseWorker = await makePerson(request, world, {
        login: 'social',
        name: 'Siri Social',
        agency: 'social',
        roles: ['case_worker'],
      });
      const concern = await logConcern(request, world, reporter, {
        subject: { fullName: 'Ola Nordmann', dateOfBirth: '2009-03-04' },
        riskLevel: 'moderate',
      });
      const bearer = await token(request, coordinator);
      await send(request, bearer, 'post', `/api/v1/concerns/${concern.id}/triage`, {
        outcome: 'refer',
        note: 'To social services.',
      });
      const validUntil = inDays(60).toISOString();
      const consent = await send<{ id: string }>(request, bearer, 'post', '/api/v1/consents', {
        subjectId: concern.subjectId,
        givenBy: 'subject',
        agencyIds: [world.agencies.social.id],
        purpose: 'Support from social services',
        validUntil,
      });
      const referral = await send<{ id: string }>(request, bearer, 'post', '/api/v1/referrals', {
        concernId: concern.id,
        toAgencyId: world.agencies.social.id,
        legalBasis: 'consent',
        consentId: consent.id,
        reason: 'Ola asked for help at home.',
        reviewDate: inDays(30).toISOString().slice(0, 10),
      });

      // The receiving case worker: the referral rests on consent n, until its end.
      await signIn(page, caseWorker, lang);
      await page.goto(`/referrals/${referral.id}`);
      const onReferral = await askWhy(page, lang);
      await expect(onReferral).toContainText(
        fill(lang, 'why.rule.receiving_agency', { agency: world.agencies.social.name, basis: '' }).trim(),
      );
      // The consent's end as the screen formats it: the browser's own Intl, the language, the district's zone.
      const until = await page.evaluate(
        ([iso, locale]) =>
          new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(
            new Date(iso),
          ),
        [validUntil, lang],
      );
      await expect(onReferral).toContainText(
        fill(lang, 'why.basis.consentUntil', { consent: consent.id.slice(0, 8), until }),
      );
      await checkPage(page, 'why-referral', lang);
      await page.goto(`/concerns/${concern.id}`);
      const onConcern = await askWhy(page, lang);
      await expect(onConcern).toContainText(
        fill(lang, 'why.rule.shared_with_agency', { agency: world.agencies.social.name, basis: '' }).trim(),
      );
      await expect(onConcern).toContainText(consent.id.slice(0, 8));
      await signOut(page, lang);

      // The coordinator: the district's rule, naming the district.
      await signIn(page, coordinator, lang);
      await page.goto(`/concerns/${concern.id}`);
      const asCoordinator = await askWhy(page, lang);
      await expect(asCoordinator).toContainText(
        fill(lang, 'why.rule.district_coordinator', { district: world.districtName }),
      );
      await expect(asCoordinator).not.toContainText(consent.id.slice(0, 8));
      await checkPage(page, 'why-concern', lang);
      await signOut(page, lang);

      // The consent withdrawn: the case worker's page is gone.
      await send(request, bearer, 'post', `/api/v1/consents/${consent.id}/withdraw`, {});
      await signIn(page, caseWorker, lang);
      await page.goto(`/referrals/${referral.id}`);
      await expect(page.getByText(msg(lang, 'referral.gone'))).toBeVisible();
      await expect(page.getByRole('button', { name: msg(lang, 'why.show') })).toHaveCount(0);
      await checkPage(page, 'referral-gone', lang);
    });

    test('who am I to the system; a coordinator places a hold, erasure is refused in words, the access package lists this test’s accesses; the admin’s retention report', async ({
      page,
      request,
    }) => {
      test.setTimeout(120_000);
      const world = await makeWorld(request, 'Hold');
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
      const concern = await logConcern(request, world, reporter, {
        subject: { fullName: 'Kari Holm', dateOfBirth: '2010-05-06' },
        riskLevel: 'moderate',
      });

      await signIn(page, coordinator, lang);
      await page
        .getByRole('navigation', { name: msg(lang, 'nav.label') })
        .getByRole('link', { name: msg(lang, 'nav.privacy'), exact: true })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'privacy.title') })).toBeVisible();
      await expect(page.getByText(world.agencies.coordination.name).first()).toBeVisible();
      await expect(page.getByText(world.districtName)).toBeVisible();
      await expect(page.getByText(msg(lang, 'privacy.role.coordinator'), { exact: false })).toBeVisible();
      await checkPage(page, 'privacy', lang);

      await page.goto(`/concerns/${concern.id}`);
      await page.getByRole('link', { name: msg(lang, 'concern.privacyOfPerson') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(/S-/);

      // A legal hold placed.
      await page.getByLabel(msg(lang, 'hold.reason')).fill('Court proceedings pending in the district court');
      await page.getByLabel(msg(lang, 'hold.until')).fill(inDays(90).toISOString().slice(0, 10));
      await page.getByRole('button', { name: msg(lang, 'hold.place') }).click();
      const hold = page.getByRole('listitem').filter({ hasText: 'Court proceedings pending in the district court' });
      await expect(hold).toContainText(`${msg(lang, 'hold.active')} — `);
      await expect(hold.getByRole('button', { name: msg(lang, 'hold.lift') })).toBeVisible();

      // Erasure refused while the hold stands, said in words.
      await page.getByLabel(msg(lang, 'erase.reason')).fill('The person asked to be forgotten');
      await page.getByRole('button', { name: msg(lang, 'erase.submit') }).click();
      await expect(page.getByText(msg(lang, 'erase.refusedHold'))).toBeVisible();

      // The access package: compiled, downloaded, and listing what this test did.
      await page.getByLabel(msg(lang, 'package.purpose')).fill(`Access request ${world.tag}`);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: msg(lang, 'package.json') }).click();
      const download = await downloading;
      const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        purpose: string;
        accessLog: { action: string; actor: { name: string | null } }[];
      };
      expect(file.purpose).toBe(`Access request ${world.tag}`);
      const seen = file.accessLog.map((access) => `${access.actor.name ?? ''} ${access.action}`);
      expect(seen).toEqual(
        expect.arrayContaining([
          'Tone Teacher concern.create',
          'Cora Coordinator concern.read',
          'Cora Coordinator legal_hold.create',
          'Cora Coordinator subject.anonymise',
        ]),
      );
      const summary = page.getByRole('region', { name: msg(lang, 'package.summary') });
      await expect(summary.getByRole('cell', { name: /Cora Coordinator/ }).first()).toBeVisible();
      await expect(summary).toContainText('Tone Teacher');
      await checkPage(page, 'subject-privacy', lang);
      await signOut(page, lang);

      // The admin's retention report.
      await signIn(page, 'admin', lang);
      await page.goto('/privacy');
      await page.getByRole('link', { name: msg(lang, 'retention.open') }).click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'retention.title') })).toBeVisible();
      await expect(page.getByText(msg(lang, 'retention.subjectsHeld'))).toBeVisible();
      await expect(page.getByRole('rowheader', { name: msg(lang, 'retention.kind.follow_up') })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: msg(lang, 'retention.lastRuns') })).toBeVisible();
      await checkPage(page, 'retention', lang);
    });
  });
}
