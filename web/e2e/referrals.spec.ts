import { DateTime } from 'luxon';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import type { MessageKey } from '../src/app/messages/en';
import { DEMO_PASSWORD, demoEmail } from './support/demo';
import { checkPage, expect, LANGS, msg, signIn, test, type Language } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token, type World } from './support/world';

/** A message with its arguments filled in, as the app shows it (plurals left to the caller). */
function fill(lang: Language, key: MessageKey, values: Record<string, string>): string {
  return Object.entries(values).reduce((text, [name, value]) => text.split(`{${name}}`).join(value), msg(lang, key));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A plural message for a count, as the app shows it: its `=n` or `one` branch, else `other`, `#` filled in. */
function plural(lang: Language, key: MessageKey, count: number, values: Record<string, string> = {}): string {
  const text = msg(lang, key);
  const branch = (name: string) => new RegExp(`${name} \\{([^}]*)\\}`).exec(text)?.[1];
  const chosen = branch(`=${count}`) ?? (count === 1 ? branch('one') : undefined) ?? branch('other') ?? text;
  return Object.entries(values).reduce(
    (filled, [name, value]) => filled.split(`{${name}}`).join(value),
    chosen.split('#').join(String(count)),
  );
}

async function openNav(page: Page, lang: Language, key: MessageKey) {
  await page
    .getByRole('navigation', { name: msg(lang, 'nav.label') })
    .getByRole('link', { name: msg(lang, key), exact: true })
    .click();
}

async function signOut(page: Page, lang: Language) {
  await page.getByRole('button', { name: msg(lang, 'shell.signOut') }).click();
  await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'signIn.title') })).toBeVisible();
}

/** A page of its own, signed in as someone else at the same time (another person's browser). */
async function otherBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 1280, height: 800 },
  });
  return context.newPage();
}

/** The world's people for a referral, and the mentor programme: a voluntary organisation of the district. */
async function referralWorld(request: APIRequestContext, label: string) {
  const world = await makeWorld(request, label);
  const admin = await token(request, 'admin');
  const mentorName = `Mentor Programme ${world.tag}`;
  const mentor = await send<{ id: string }>(request, admin, 'post', '/api/v1/agencies', {
    name: mentorName,
    kind: 'ngo',
    districtId: world.districtId,
  });
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
  // The mentor programme's case worker: a person of that agency, made as makePerson makes the world's.
  const caseWorker = `mentor-${world.tag}`;
  await send(request, admin, 'post', '/api/v1/users', {
    email: demoEmail(caseWorker),
    name: 'Mona Mentor',
    password: DEMO_PASSWORD,
    agencyId: mentor.id,
    roles: ['case_worker'],
    districtIds: [world.districtId],
  });
  return { world, mentor: { id: mentor.id, name: mentorName }, reporter, coordinator, caseWorker };
}

/** A concern about a young person, logged by the reporter and triaged `refer` by the coordinator, through the API. */
async function referableConcern(
  request: APIRequestContext,
  world: World,
  reporter: string,
  coordinator: string,
  subject: { fullName: string; dateOfBirth: string },
) {
  const concern = await logConcern(request, world, reporter, { subject, riskLevel: 'moderate' });
  await send(request, await token(request, coordinator), 'post', `/api/v1/concerns/${concern.id}/triage`, {
    outcome: 'refer',
    note: 'Needs an adult to talk to; the family agrees to a mentor.',
  });
  return concern;
}

for (const lang of [...LANGS, 'sv' as const]) {
  test.describe(`referrals in the browser (${lang})`, () => {
    test('a coordinator refers a concern to the mentor programme on a guardian’s consent recorded on the spot; the case worker accepts, starts, notes and closes it; the board shows the outcome and the reporter sees referred, then closed', async ({
      page,
      request,
    }) => {
      test.setTimeout(180_000);
      const { world, mentor, reporter, coordinator, caseWorker } = await referralWorld(request, 'Bay');
      const concern = await referableConcern(request, world, reporter, coordinator, {
        fullName: 'Ida Lund',
        dateOfBirth: '2013-04-20',
      });

      // The coordinator, from the concern triaged refer.
      await signIn(page, coordinator, lang);
      await page.goto(`/concerns/${concern.id}`);
      await page.getByRole('link', { name: msg(lang, 'concern.refer') }).click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'referral.newTitle') })).toBeVisible();
      await page
        .getByLabel(msg(lang, 'referral.toAgency'))
        .selectOption({ label: `${mentor.name} (${msg(lang, 'agencyKind.ngo')})` });
      await page.getByLabel(msg(lang, 'referral.programme'), { exact: true }).fill('Mentor programme');
      // Each legal basis is explained in a sentence on the screen.
      for (const basis of ['consent', 'statutory_duty', 'vital_interest'] as const) {
        await expect(page.getByText(msg(lang, `legalBasis.${basis}.explained`))).toBeVisible();
      }
      await page.getByRole('radio', { name: msg(lang, 'legalBasis.consent'), exact: true }).check();
      await page.getByRole('radio', { name: msg(lang, 'referral.consentNew'), exact: true }).check();
      // Thirteen years old: the form asks for a guardian, and the receiving agency is named already.
      await expect(page.getByText(fill(lang, 'consent.minor', { age: '15' }))).toBeVisible();
      await expect(page.getByRole('radio', { name: msg(lang, 'consent.givenBy.guardian'), exact: true })).toBeChecked();
      await expect(page.getByRole('checkbox', { name: mentor.name })).toBeChecked();
      await page.getByLabel(msg(lang, 'consent.guardianName')).fill('Hanne Lund');
      await page.getByLabel(msg(lang, 'consent.purpose'), { exact: true }).fill('Mentor programme for Ida');
      await page.getByLabel(msg(lang, 'referral.reason'), { exact: true }).fill('Ida wants an adult to talk to.');
      await checkPage(page, 'referral-new', lang);
      await page.getByRole('button', { name: msg(lang, 'referral.submit') }).click();

      const title = page.getByRole('heading', {
        level: 1,
        name: new RegExp(`${escape(mentor.name)}$`),
      });
      await expect(title).toBeVisible();
      await expect(page.getByText(fill(lang, 'referral.created', { agency: mentor.name }))).toBeVisible();
      await expect(page.getByText(msg(lang, 'referralStatus.pending'), { exact: true })).toBeVisible();
      await expect(page.getByText(msg(lang, 'referral.receiptNone'))).toBeVisible();
      await checkPage(page, 'referral', lang);
      const referralUrl = page.url();
      await signOut(page, lang);

      // The reporter sees the stage: referred.
      await signIn(page, reporter, lang);
      await openNav(page, lang, 'nav.myConcerns');
      const row = page.getByRole('row').filter({ hasText: 'Ida Lund' });
      await expect(row).toContainText(msg(lang, 'stage.referred'));
      await checkPage(page, 'my-concerns-referred', lang);
      await signOut(page, lang);

      // The mentor programme's case worker: inbox, receipt, accept, start, note, a follow-up, close.
      await signIn(page, caseWorker, lang);
      await openNav(page, lang, 'nav.referralInbox');
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'inbox.title') })).toBeVisible();
      const pending = page.getByRole('region', { name: msg(lang, 'inbox.pending') });
      const link = pending.getByRole('link', { name: new RegExp(`${escape(mentor.name)}$`) });
      await expect(link).toBeVisible();
      await checkPage(page, 'referral-inbox', lang);
      await link.click();
      await expect(title).toBeVisible();
      await expect(page.getByRole('heading', { name: msg(lang, 'referral.whatYouSeeTitle') })).toBeVisible();
      await checkPage(page, 'referral-case-worker', lang);
      await page.getByRole('button', { name: msg(lang, 'referral.accept') }).click();
      await expect(page.getByText(msg(lang, 'referralStatus.accepted'), { exact: true })).toBeVisible();
      await page.getByRole('button', { name: msg(lang, 'referral.start'), exact: true }).click();
      await expect(page.getByText(msg(lang, 'referralStatus.in_progress'), { exact: true })).toBeVisible();
      await page.getByLabel(msg(lang, 'referral.noteText'), { exact: true }).fill('First meeting at the library.');
      await page.getByRole('button', { name: msg(lang, 'referral.saveNote') }).click();
      await expect(page.getByText('First meeting at the library.')).toBeVisible();
      await page.getByLabel(msg(lang, 'followUp.text'), { exact: true }).fill('Call Ida’s guardian');
      await page.getByRole('button', { name: msg(lang, 'followUp.create') }).click();
      await expect(page.getByText(new RegExp(escape(msg(lang, 'followUp.created').split('{due}')[0])))).toBeVisible();

      await openNav(page, lang, 'nav.followUps');
      const card = page.getByRole('listitem').filter({ hasText: 'Call Ida’s guardian' });
      await expect(card).toBeVisible();
      await checkPage(page, 'follow-ups', lang);
      await card.getByRole('button', { name: msg(lang, 'followUp.complete') }).click();
      await expect(page.getByText(msg(lang, 'followUps.empty.open'))).toBeVisible();
      await page.getByRole('link', { name: msg(lang, 'followUps.view.done'), exact: true }).click();
      await expect(card).toContainText(msg(lang, 'followUp.state.done'));
      await checkPage(page, 'follow-ups-done', lang);
      await card.getByRole('link', { name: msg(lang, 'followUp.openReferral') }).click();
      await expect(title).toBeVisible();

      await page.getByLabel(msg(lang, 'referral.outcome'), { exact: true }).selectOption({
        label: msg(lang, 'referralOutcome.completed'),
      });
      await page.getByLabel(msg(lang, 'referral.outcomeNote'), { exact: true }).fill('Met six times; doing well.');
      await page.getByRole('button', { name: msg(lang, 'referral.close'), exact: true }).click();
      const closed = `${msg(lang, 'referralStatus.closed')}: ${msg(lang, 'referralOutcome.completed')}`;
      await expect(page.getByText(closed)).toBeVisible();
      await signOut(page, lang);

      // The coordinator sees the outcome on the board.
      await signIn(page, coordinator, lang);
      await openNav(page, lang, 'nav.referralBoard');
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'board.title') })).toBeVisible();
      const boardRow = page.getByRole('row').filter({ hasText: mentor.name });
      await expect(boardRow).toContainText(closed);
      await checkPage(page, 'referral-board', lang);
      await boardRow.getByRole('link').click();
      await expect(page).toHaveURL(referralUrl);
      await expect(page.getByText('Met six times; doing well.')).toBeVisible();
      await signOut(page, lang);

      // And the reporter: closed.
      await signIn(page, reporter, lang);
      await openNav(page, lang, 'nav.myConcerns');
      await expect(page.getByRole('row').filter({ hasText: 'Ida Lund' })).toContainText(msg(lang, 'stage.closed'));
      await checkPage(page, 'my-concerns-closed', lang);
    });

    // Swedish runs the main flow above; the refusals, follow-ups and assignment below run in the two languages.
    if (lang === 'sv') return;

    test('a referral without a covering consent is refused naming the agency; withdrawing the consent closes the referral and the case worker loses the concern at their next page load', async ({
      page,
      request,
      browser,
    }) => {
      test.setTimeout(150_000);
      const { world, mentor, reporter, coordinator, caseWorker } = await referralWorld(request, 'Fjord');
      const concern = await referableConcern(request, world, reporter, coordinator, {
        fullName: 'Jonas Berg',
        dateOfBirth: '2009-03-03',
      });
      const bearer = await token(request, coordinator);
      await send(request, bearer, 'post', '/api/v1/consents', {
        subjectId: concern.subjectId,
        givenBy: 'subject',
        agencyIds: [world.agencies.social.id],
        purpose: 'Guidance from social services',
      });
      await send(request, bearer, 'post', '/api/v1/consents', {
        subjectId: concern.subjectId,
        givenBy: 'subject',
        agencyIds: [mentor.id],
        purpose: 'Mentor programme',
      });

      await signIn(page, coordinator, lang);
      await page.goto(`/concerns/${concern.id}/refer`);
      await page
        .getByLabel(msg(lang, 'referral.toAgency'))
        .selectOption({ label: `${mentor.name} (${msg(lang, 'agencyKind.ngo')})` });
      await page.getByRole('radio', { name: msg(lang, 'legalBasis.consent'), exact: true }).check();
      await page.getByRole('radio', { name: /^Guidance from social services/ }).check();
      await page.getByLabel(msg(lang, 'referral.reason'), { exact: true }).fill('Jonas asked for a mentor.');
      await page.getByRole('button', { name: msg(lang, 'referral.submit') }).click();
      // The API's 422, in words naming the agency: in the summary and next to the consent.
      const refusal = fill(lang, 'referral.problem.notCovered', { agency: mentor.name });
      await expect(page.getByRole('link', { name: `${msg(lang, 'referral.consent')}: ${refusal}` })).toBeVisible();
      await expect(page.getByText(refusal).last()).toBeVisible();
      await checkPage(page, 'referral-refused', lang);

      await page.getByRole('radio', { name: /^Mentor programme/ }).check();
      await page.getByRole('button', { name: msg(lang, 'referral.submit') }).click();
      await expect(page.getByText(fill(lang, 'referral.created', { agency: mentor.name }))).toBeVisible();

      await expect(page.getByText(msg(lang, 'referral.receiptNone'))).toBeVisible();
      const referralUrl = page.url();

      // The case worker, in their own browser: the inbox says it is new; opening it is the receipt.
      const worker = await otherBrowser(browser);
      await signIn(worker, caseWorker, lang);
      await openNav(worker, lang, 'nav.referralInbox');
      const pending = worker.getByRole('region', { name: msg(lang, 'inbox.pending') });
      await expect(pending.getByRole('row').filter({ hasText: mentor.name })).toContainText(msg(lang, 'inbox.new'));
      await pending.getByRole('link', { name: new RegExp(`${escape(mentor.name)}$`) }).click();
      await expect(worker.getByRole('heading', { name: msg(lang, 'referral.whatYouSeeTitle') })).toBeVisible();

      // The coordinator sees who saw it, and the board says seen.
      await page.goto(referralUrl);
      await expect(page.getByText(new RegExp(`${escape('Mona Mentor')} \\(${escape(mentor.name)}\\)`))).toBeVisible();
      await checkPage(page, 'referral-receipt', lang);
      await openNav(page, lang, 'nav.referralBoard');
      await expect(page.getByRole('row').filter({ hasText: mentor.name })).toContainText(
        msg(lang, 'referralStatus.seen'),
      );
      await checkPage(page, 'referral-board-seen', lang);

      // The case worker has the concern open.
      await worker.goto(`/concerns/${concern.id}`);
      const narrative = worker.getByText('Seen at the youth club on Friday evening.');
      await expect(narrative).toBeVisible();
      // As the referral lets them see it, and a line saying what they do not see and why.
      await expect(worker.getByText(fill(lang, 'concern.sharedByReferral', { agency: mentor.name }))).toBeVisible();
      await checkPage(worker, 'concern-by-referral', lang);

      // The coordinator records the withdrawal: asked first, told which referral it closes, then shown it closed.
      await page.goto(`/concerns/${concern.id}`);
      await page.getByRole('link', { name: msg(lang, 'concern.consents') }).click();
      await expect(
        page.getByRole('heading', {
          level: 1,
          name: new RegExp(`^${escape(msg(lang, 'consents.titleFor').split('{person}')[0])}`),
        }),
      ).toBeVisible();
      await checkPage(page, 'consents', lang);
      const consent = page.getByRole('listitem').filter({ hasText: 'Mentor programme' });
      await consent.getByRole('button', { name: msg(lang, 'consents.withdraw') }).click();
      const confirm = page.getByRole('region', { name: msg(lang, 'consents.confirmTitle') });
      await expect(confirm.getByRole('link', { name: new RegExp(`${escape(mentor.name)}$`) })).toBeVisible();
      await checkPage(page, 'consent-withdraw', lang);
      await confirm.getByRole('button', { name: msg(lang, 'consents.confirmWithdraw') }).click();
      await expect(
        page.getByText(`${msg(lang, 'referralStatus.closed')}: ${msg(lang, 'referralOutcome.consent_withdrawn')}`),
      ).toBeVisible();
      await checkPage(page, 'consent-withdrawn', lang);

      // The case worker's next page load: the concern is gone.
      await worker.reload();
      await expect(worker.getByText(msg(lang, 'error.notFound'))).toBeVisible();
      await expect(narrative).toHaveCount(0);
      await checkPage(worker, 'concern-gone', lang);
      await worker.context().close();
    });

    test('an overdue follow-up stands out and the home page counts it at sign-in; moving its due date takes it out of the overdue ones', async ({
      page,
      request,
    }) => {
      test.setTimeout(90_000);
      const world = await makeWorld(request, 'Quay');
      const coordinator = await makePerson(request, world, {
        login: 'coordinator',
        name: 'Cora Coordinator',
        agency: 'coordination',
        roles: ['coordinator'],
      });
      const bearer = await token(request, coordinator);
      const me = await send<{ id: string }>(request, bearer, 'get', '/api/v1/me');
      // Due two seconds from now: by the time the coordinator signs in, it is overdue.
      await send(request, bearer, 'post', '/api/v1/follow-ups', {
        ownerId: me.id,
        text: 'Check the school’s plan with the family',
        dueAt: new Date(Date.now() + 2_000).toISOString(),
      });
      await page.waitForTimeout(2_500);

      await signIn(page, coordinator, lang);
      const overdue = page.getByRole('link', { name: new RegExp(escape(plural(lang, 'home.followUpsOverdue', 1))) });
      await expect(overdue).toBeVisible();
      await checkPage(page, 'home-overdue', lang);
      await overdue.click();
      await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'followUps.title') })).toBeVisible();
      const tab = (key: MessageKey) => page.getByRole('link', { name: msg(lang, key), exact: true });
      await expect(tab('followUps.view.overdue')).toHaveAttribute('aria-current', 'page');
      await expect(tab('followUps.view.open')).not.toHaveAttribute('aria-current', 'page');
      const card = page.getByRole('listitem').filter({ hasText: 'Check the school’s plan with the family' });
      await expect(card).toContainText(msg(lang, 'followUp.overdue'));
      await checkPage(page, 'follow-ups-overdue', lang);

      await card.getByRole('button', { name: msg(lang, 'followUp.move') }).click();
      const move = card.getByRole('form', { name: msg(lang, 'followUp.moveTitle') });
      // Tomorrow in Oslo, as the form reads it (in UTC it is still today just after Oslo's midnight).
      const tomorrow = DateTime.now().setZone('Europe/Oslo').plus({ days: 1 }).toISODate()!;
      await move.getByLabel(msg(lang, 'followUp.newDueDate')).fill(tomorrow);
      await move.getByRole('button', { name: msg(lang, 'followUp.moveSave') }).click();
      await expect(page.getByText(msg(lang, 'followUps.empty.overdue'))).toBeVisible();
      await page.getByRole('link', { name: msg(lang, 'followUps.view.open'), exact: true }).click();
      await expect(card).toBeVisible();
      await expect(card).not.toContainText(msg(lang, 'followUp.overdue'));
    });

    test('a case worker declines a referral with a reason: the coordinator finds it declined on the board with the reason, and the case worker no longer sees it', async ({
      page,
      request,
      browser,
    }) => {
      test.setTimeout(120_000);
      const { world, mentor, reporter, coordinator, caseWorker } = await referralWorld(request, 'Cove');
      const concern = await referableConcern(request, world, reporter, coordinator, {
        fullName: 'Sara Dahl',
        dateOfBirth: '2008-08-08',
      });
      const bearer = await token(request, coordinator);
      const consent = await send<{ id: string }>(request, bearer, 'post', '/api/v1/consents', {
        subjectId: concern.subjectId,
        givenBy: 'subject',
        agencyIds: [mentor.id],
        purpose: 'Mentor programme',
      });
      await send(request, bearer, 'post', '/api/v1/referrals', {
        concernId: concern.id,
        toAgencyId: mentor.id,
        legalBasis: 'consent',
        consentId: consent.id,
        reason: 'Sara asked for a mentor.',
        reviewDate: new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10),
      });

      const worker = await otherBrowser(browser);
      await signIn(worker, caseWorker, lang);
      await openNav(worker, lang, 'nav.referralInbox');
      await worker
        .getByRole('region', { name: msg(lang, 'inbox.pending') })
        .getByRole('link', { name: new RegExp(`${escape(mentor.name)}$`) })
        .click();
      // Declining says why: asked for first, and nothing is sent without it.
      await worker.getByRole('button', { name: msg(lang, 'referral.decline') }).click();
      await expect(
        worker.getByRole('link', {
          name: `${msg(lang, 'referral.declineReason')}: ${msg(lang, 'referral.declineReasonRequired')}`,
        }),
      ).toBeVisible();
      await worker.getByLabel(msg(lang, 'referral.declineReason')).fill('The programme is full until spring.');
      await worker.getByRole('button', { name: msg(lang, 'referral.decline') }).click();
      await expect(worker.getByText(msg(lang, 'referralStatus.declined'), { exact: true })).toBeVisible();
      await checkPage(worker, 'referral-declined', lang);
      // The share has ended with it: the next load of the page says the referral is no longer theirs to see.
      await worker.reload();
      await expect(worker.getByText(msg(lang, 'referral.gone'))).toBeVisible();
      await checkPage(worker, 'referral-gone', lang);
      await worker.context().close();

      await signIn(page, coordinator, lang);
      await openNav(page, lang, 'nav.referralBoard');
      await page.getByLabel(msg(lang, 'col.status')).selectOption({ label: msg(lang, 'referralStatus.declined') });
      await expect(page).toHaveURL(/status=declined/);
      const row = page.getByRole('row').filter({ hasText: mentor.name });
      await expect(row).toContainText(msg(lang, 'referralStatus.declined'));
      await row.getByRole('link').click();
      await expect(page.getByText('The programme is full until spring.')).toBeVisible();
    });

    test('a case worker accepts a referral assigning a colleague from the agency’s case workers, and the page names the colleague as its case worker', async ({
      page,
      request,
    }) => {
      test.setTimeout(180_000);
      const { world, mentor, reporter, coordinator, caseWorker } = await referralWorld(request, 'Sound');
      const admin = await token(request, 'admin');
      await send(request, admin, 'post', '/api/v1/users', {
        email: demoEmail(`mentor-colleague-${world.tag}`),
        name: 'Mats Mentor',
        password: DEMO_PASSWORD,
        agencyId: mentor.id,
        roles: ['case_worker'],
        districtIds: [world.districtId],
      });
      const concern = await referableConcern(request, world, reporter, coordinator, {
        fullName: 'Jon Lie',
        dateOfBirth: '2009-09-09',
      });
      const bearer = await token(request, coordinator);
      const consent = await send<{ id: string }>(request, bearer, 'post', '/api/v1/consents', {
        subjectId: concern.subjectId,
        givenBy: 'subject',
        agencyIds: [mentor.id],
        purpose: 'Mentor programme',
      });
      await send(request, bearer, 'post', '/api/v1/referrals', {
        concernId: concern.id,
        toAgencyId: mentor.id,
        legalBasis: 'consent',
        consentId: consent.id,
        reason: 'Jon asked for a mentor.',
        reviewDate: new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10),
      });

      await signIn(page, caseWorker, lang);
      await openNav(page, lang, 'nav.referralInbox');
      await page
        .getByRole('region', { name: msg(lang, 'inbox.pending') })
        .getByRole('link', { name: new RegExp(`${escape(mentor.name)}$`) })
        .click();
      // The agency's case workers from the directory: the reader first, chosen unless another is.
      const assignTo = page.getByLabel(msg(lang, 'referral.assignTo'), { exact: true });
      await expect(assignTo).toHaveValue(/.+/);
      await expect(assignTo.getByRole('option')).toHaveText([
        fill(lang, 'referral.assignYou', { name: 'Mona Mentor' }),
        'Mats Mentor',
      ]);
      await checkPage(page, 'referral-accept', lang);
      await assignTo.selectOption({ label: 'Mats Mentor' });
      await page.getByRole('button', { name: msg(lang, 'referral.accept') }).click();
      await expect(page.getByText(msg(lang, 'referralStatus.accepted'), { exact: true })).toBeVisible();
      await expect(page.getByText('Mats Mentor', { exact: true })).toBeVisible();
      // Read again, the referral still names the colleague.
      await page.reload();
      await expect(page.getByText('Mats Mentor', { exact: true })).toBeVisible();
      await checkPage(page, 'referral-assigned', lang);
    });
  });
}
