import { DateTime } from 'luxon';
import { readFileSync } from 'node:fs';
import { authenticator } from 'otplib';
import { DEMO_PASSWORD, demoEmail } from './support/demo';
import { checkPage, expect, LANGS, msg, signIn, test } from './support/fixtures';
import { logConcern, makePerson, makeWorld, send, token } from './support/world';

/** The time zone the demo city reads its days in: "today" of the CSV export is the auditor's day. */
// Dates as the browser (in Oslo) reads them: in UTC they are a day behind from midnight to 01:00 or 02:00.
const today = () => DateTime.now().setZone('Europe/Oslo').toISODate()!;
const tomorrow = () => DateTime.now().setZone('Europe/Oslo').plus({ days: 1 }).toISODate()!;

for (const lang of LANGS) {
  test(`the auditor finds who has seen a subject, exports the day's refusals, reviews a break-glass grant and verifies the chain (${lang})`, async ({
    page,
    request,
  }) => {
    // Axe on six screens, and an export the worker prepares in the background, on a loaded machine.
    test.setTimeout(300_000);
    const world = await makeWorld(request, `Audit ${lang}`);
    const officer = await makePerson(request, world, {
      login: 'officer',
      name: 'Olav Officer',
      agency: 'police',
      roles: ['reporter', 'case_worker'],
    });
    const coordinator = await makePerson(request, world, {
      login: 'coordinator',
      name: 'Cora Coordinator',
      agency: 'coordination',
      roles: ['coordinator'],
    });
    const teacher = await makePerson(request, world, {
      login: 'teacher',
      name: 'Tea Teacher',
      agency: 'school',
      roles: ['reporter'],
    });
    // The police's concern: the officer (a case worker of the owning agency) reads it; the coordinator sees a stub,
    // then reads it through the glass.
    const concern = await logConcern(request, world, officer, {
      subject: { fullName: 'Guri Glass', dateOfBirth: '2009-05-06' },
      riskLevel: 'moderate',
    });
    await send(request, await token(request, officer), 'get', `/api/v1/concerns/${concern.id}`);
    const coordinatorToken = await token(request, coordinator);
    await send(request, coordinatorToken, 'get', `/api/v1/concerns/${concern.id}`);
    // An ordinary read of the subject's record (by pseudonym, as the district's coordinator), before any glass.
    await send(request, coordinatorToken, 'get', `/api/v1/subjects/${concern.subjectId}`);
    const grant = await send<{ id: string; pseudonym: string }>(
      request,
      coordinatorToken,
      'post',
      '/api/v1/break-glass',
      {
        resourceType: 'concern',
        resourceId: concern.id,
        reasonCode: 'imminent_risk',
        justification: 'Threat reported by the school tonight; the police assessment is needed now',
      },
    );
    await send(request, coordinatorToken, 'get', `/api/v1/concerns/${concern.id}`);
    // The teacher tries what is not theirs: two refusals of their agency today.
    const teacherToken = await token(request, teacher);
    for (const path of ['/api/v1/audit/events', '/api/v1/users']) {
      const refused = await request.get(path, { headers: { Authorization: `Bearer ${teacherToken}` } });
      expect(refused.status()).toBe(403);
    }

    await signIn(page, 'auditor', lang);
    await page.getByRole('link', { name: msg(lang, 'nav.audit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'audit.events.title') })).toBeVisible();

    // Who has seen the subject, from the pseudonym the grant names.
    await page.getByRole('link', { name: msg(lang, 'audit.nav.subject') }).click();
    await page.getByLabel(msg(lang, 'audit.subject.label')).fill(grant.pseudonym);
    await page.getByRole('button', { name: msg(lang, 'audit.subject.show') }).click();
    const table = page.getByRole('table', { name: msg(lang, 'audit.results') });
    const reads = table.getByRole('row').filter({ hasText: 'concern.read' });
    await expect(reads.filter({ hasText: `break-glass:${grant.id}` })).toHaveCount(1);
    // People by name and agency, never the subject's name.
    await expect(reads.filter({ hasText: 'Olav Officer' })).toHaveCount(1);
    // The coordinator's read through the glass at least (their stub read before it names no subject)…
    expect(await reads.filter({ hasText: 'Cora Coordinator' }).count()).toBeGreaterThanOrEqual(1);
    // …and their ordinary read of the subject's record, a row of its own.
    const ordinary = table.getByRole('row').filter({ hasText: 'subject.read' }).filter({ hasText: 'Cora Coordinator' });
    await expect(ordinary).toHaveCount(1);
    await expect(ordinary).not.toContainText('break-glass');
    await expect(table).toContainText(world.agencies.police.name);
    await expect(table).not.toContainText('Guri Glass');
    await checkPage(page, 'audit-subject', lang);

    // The day's refusals of the teacher's agency, as CSV: the screen says what the file will hold and asks why, the
    // worker prepares it in the background, and the bell says when it is ready.
    await page.getByRole('link', { name: msg(lang, 'audit.nav.events') }).click();
    await page.getByLabel(msg(lang, 'audit.f.agencyId')).selectOption({ label: world.agencies.school.name });
    await page.getByLabel(msg(lang, 'audit.f.outcome')).selectOption('denied');
    await page.getByLabel(msg(lang, 'audit.f.from')).fill(today());
    await page.getByLabel(msg(lang, 'audit.f.to')).fill(tomorrow());
    await page.getByRole('button', { name: msg(lang, 'audit.search') }).click();
    await expect(table.getByRole('row').filter({ hasText: msg(lang, 'audit.outcome.denied') })).toHaveCount(2);
    await checkPage(page, 'audit-events', lang);
    await page.getByRole('button', { name: msg(lang, 'audit.export.open') }).click();
    const step = page.getByRole('form', { name: msg(lang, 'audit.export.step') });
    await expect(step).toContainText(world.agencies.school.name);
    await expect(step).toContainText(msg(lang, 'audit.outcome.denied'));
    await expect(step).toContainText('occurredAt, id, actorId, actorAgencyId');
    await expect(step.getByText(/^2\b/)).toBeVisible();
    await checkPage(page, 'audit-export-step', lang);
    // The purpose is asked for before anything starts.
    await step.getByRole('button', { name: msg(lang, 'audit.export.confirm') }).click();
    await expect(page.getByText(msg(lang, 'audit.export.purposeRequired')).first()).toBeVisible();
    // The demo auditor is every language's: the purpose names this run's world, to find this export among theirs.
    const purpose = `Review of the school’s refused reads today (${world.tag})`;
    await step.getByLabel(msg(lang, 'audit.export.purpose')).fill(purpose);
    await step.getByRole('button', { name: msg(lang, 'audit.export.confirm') }).click();
    await expect(page.getByText(msg(lang, 'audit.export.started'))).toBeVisible();

    // The auditor's exports: the list looks again until the worker has finished it.
    await page.getByRole('link', { name: msg(lang, 'audit.export.seeExports') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'audit.exports.title') })).toBeVisible();
    const exported = page
      .getByRole('row')
      .filter({ hasText: purpose })
      .filter({ hasText: msg(lang, 'audit.exports.state.ready') });
    await expect(exported).toHaveCount(1, { timeout: 120_000 });
    // The bell told the auditor, and leads back to the exports.
    await page.getByRole('link', { name: msg(lang, 'nav.notifications'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'notifications.title') })).toBeVisible();
    await expect(
      page.getByRole('link', { name: msg(lang, 'notification.audit_export.complete') }).first(),
    ).toBeVisible();
    await checkPage(page, 'notifications-auditor', lang);
    await page
      .getByRole('link', { name: msg(lang, 'notification.audit_export.complete') })
      .first()
      .click();
    await expect(exported).toHaveCount(1);
    await checkPage(page, 'audit-exports', lang);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exported.getByRole('button', { name: new RegExp(msg(lang, 'audit.exports.download')) }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^occurredAt,id,actorId,actorAgencyId/);
    const rows = csv.slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.match(/(audit_event\.list|user\.list)/)?.[1]).sort()).toEqual([
      'audit_event.list',
      'user.list',
    ]);
    for (const row of rows) {
      expect(row).toContain(world.agencies.school.id);
      expect(row).toContain(',denied,');
    }

    // The break-glass grant: reason, justification, what was read; reviewed, it leaves the queue.
    await page.getByRole('link', { name: msg(lang, 'audit.nav.breakGlass') }).click();
    const card = page.getByRole('region', { name: new RegExp(grant.pseudonym) });
    await expect(card).toContainText('Threat reported by the school tonight');
    await expect(card).toContainText(msg(lang, 'audit.bg.reason.imminent_risk'));
    await expect(card.getByRole('listitem').filter({ hasText: 'concern.read' })).toHaveCount(1);
    await checkPage(page, 'audit-break-glass', lang);
    await card.getByLabel(msg(lang, 'audit.bg.outcome')).selectOption('justified');
    await card.getByLabel(msg(lang, 'audit.bg.note')).fill('Checked with the police: the threat was real.');
    await card.getByRole('button', { name: msg(lang, 'audit.bg.submit') }).click();
    await expect(page.getByText(grant.pseudonym)).toHaveCount(0);

    // The chain: "Verify now" queues a verification for the worker; the page follows its progress until it
    // says plainly that the trail is intact.
    await page.getByRole('link', { name: msg(lang, 'audit.nav.chain') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'audit.chain.title') })).toBeVisible();
    // The page's own polling sees a verification asked for no earlier than this one finish (the other language's
    // test may ask for one just after and the page shows the latest).
    let asked: string | undefined;
    const started = page.waitForResponse(async (response) => {
      if (!response.url().endsWith('/api/v1/audit/verifications') || response.request().method() !== 'POST')
        return false;
      asked = ((await response.json()) as { createdAt: string }).createdAt;
      return response.status() === 202;
    });
    const seenFinished = page.waitForResponse(
      async (answer) =>
        asked !== undefined &&
        answer.url().includes('/api/v1/audit/verifications?') &&
        ((await answer.json()) as { items: { createdAt: string; state: string }[] }).items.some(
          (item) => item.createdAt >= asked! && item.state === 'finished',
        ),
      { timeout: 60_000 },
    );
    await page.getByRole('button', { name: msg(lang, 'audit.chain.verify') }).click();
    await started;
    await seenFinished;
    const verdict = page.getByRole('status');
    await expect(verdict.getByRole('heading', { name: msg(lang, 'audit.chain.intact') })).toBeVisible();
    await expect(page.getByRole('button', { name: msg(lang, 'audit.chain.verify') })).toBeEnabled();
    await checkPage(page, 'audit-chain', lang);

    await page.getByRole('link', { name: msg(lang, 'audit.nav.flags') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'audit.flags.title') })).toBeVisible();
    await checkPage(page, 'audit-flags', lang);
  });

  test(`the admin creates a case worker who signs in, deactivates them, and resets a second factor (${lang})`, async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const world = await makeWorld(request, `Admin ${lang}`);
    const login = `newworker-${world.tag}`;
    const name = `Nina Newworker ${world.tag}`;

    await signIn(page, 'admin', lang);
    await page.getByRole('link', { name: msg(lang, 'nav.admin') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'admin.users.title') })).toBeVisible();
    await page.getByLabel(msg(lang, 'admin.agency')).first().selectOption({ label: world.agencies.social.name });
    const create = page.getByRole('form', { name: msg(lang, 'admin.users.create') });
    await create.getByLabel(msg(lang, 'admin.name')).fill(name);
    await create.getByLabel(msg(lang, 'admin.email')).fill(demoEmail(login));
    await create.getByLabel(msg(lang, 'admin.password')).fill(DEMO_PASSWORD);
    await create.getByLabel(msg(lang, 'admin.agency')).selectOption({ label: world.agencies.social.name });
    await create.getByLabel(msg(lang, 'admin.locale')).selectOption(lang);
    await create.getByRole('checkbox', { name: msg(lang, 'role.case_worker') }).check();
    await create.getByRole('checkbox', { name: world.districtName }).check();
    await checkPage(page, 'admin-users', lang);
    await create.getByRole('button', { name: msg(lang, 'admin.users.createSubmit') }).click();
    await expect(page.getByText(msg(lang, 'admin.users.created').replace('{name}', name))).toBeVisible();
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: name })).toHaveCount(1);

    // The new case worker signs in and finds an empty inbox.
    const other = await browser.newContext();
    const worker = await other.newPage();
    await signIn(worker, login, lang);
    await worker.getByRole('link', { name: msg(lang, 'nav.referralInbox') }).click();
    await expect(worker.getByText(msg(lang, 'inbox.noPending'))).toBeVisible();
    await checkPage(worker, 'referral-inbox-empty', lang);

    // Deactivated, their next action is refused: the app ends their session.
    await page.getByRole('button', { name: msg(lang, 'admin.editUser').replace('{name}', name) }).click();
    await checkPage(page, 'admin-user-edit', lang);
    await page.getByRole('button', { name: msg(lang, 'admin.deactivate') }).click();
    await expect(page.getByText(msg(lang, 'admin.saved'))).toBeVisible();
    await worker.getByRole('link', { name: msg(lang, 'nav.notifications'), exact: true }).click();
    await expect(worker.getByRole('heading', { level: 1, name: msg(lang, 'signIn.title') })).toBeVisible();
    const again = await request.post('/api/v1/auth/login', {
      data: { email: demoEmail(login), password: DEMO_PASSWORD },
    });
    expect(again.status()).toBe(401);
    await other.close();

    // A colleague lost their phone: the admin resets their second factor, with a reason.
    const phoneless = await makePerson(request, world, {
      login: 'phoneless',
      name: `Petra Phoneless ${world.tag}`,
      agency: 'social',
      roles: ['case_worker'],
    });
    const bearer = await token(request, phoneless);
    const { secret } = await send<{ secret: string }>(request, bearer, 'post', '/api/v1/auth/totp/enrol');
    const confirmed = await request.post('/api/v1/auth/totp/confirm', {
      headers: { Authorization: `Bearer ${bearer}` },
      data: { code: authenticator.clone({ epoch: Date.now() - 30_000 }).generate(secret) },
    });
    expect(confirmed.ok()).toBe(true);
    // Not a reload: the demo admin's saved language may be another test's by now.
    await page.getByRole('link', { name: msg(lang, 'admin.nav.agencies') }).click();
    await page.getByRole('link', { name: msg(lang, 'admin.nav.users') }).click();
    await page.getByLabel(msg(lang, 'admin.agency')).first().selectOption({ label: world.agencies.social.name });
    await page
      .getByRole('button', { name: msg(lang, 'admin.editUser').replace('{name}', `Petra Phoneless ${world.tag}`) })
      .click();
    await expect(page.getByText(msg(lang, 'admin.mfaOn'))).toBeVisible();
    await page.getByLabel(msg(lang, 'admin.resetReason')).fill('Lost phone; identity checked by a call to her manager');
    await page.getByRole('button', { name: msg(lang, 'admin.resetSubmit') }).click();
    await expect(page.getByText(msg(lang, 'admin.resetDone'))).toBeVisible();
    const relogin = await request.post('/api/v1/auth/login', {
      data: { email: demoEmail(phoneless), password: DEMO_PASSWORD },
    });
    expect(relogin.status()).toBe(200);

    await page.getByRole('link', { name: msg(lang, 'admin.nav.agencies') }).click();
    await expect(page.getByRole('heading', { level: 1, name: msg(lang, 'admin.agencies.title') })).toBeVisible();
    await checkPage(page, 'admin-agencies', lang);
    // An agency renamed.
    const school = world.agencies.school.name;
    await page.getByRole('button', { name: msg(lang, 'admin.editUser').replace('{name}', school) }).click();
    await page
      .getByRole('textbox', { name: msg(lang, 'admin.name') })
      .first()
      .fill(`${school} renamed`);
    await page.getByRole('button', { name: msg(lang, 'admin.save') }).click();
    await expect(page.getByRole('cell', { name: `${school} renamed`, exact: true })).toBeVisible();

    await page.getByRole('link', { name: msg(lang, 'admin.nav.districts') }).click();
    await expect(page.getByRole('heading', { level: 2, name: world.districtName })).toBeVisible();
    await checkPage(page, 'admin-districts', lang);
    // The queue dashboard opens behind the admin's session, by a one-time ticket: no header needed. (In a tab of
    // its own: the dashboard's page is bull-board's, whose web font the Content-Security-Policy keeps out.)
    const tab = await page.context().newPage();
    await tab.goto('/admin/users');
    const either = new RegExp(`^(${msg('en', 'admin.nav.queues')}|${msg('nb', 'admin.nav.queues')})$`);
    await tab.getByRole('button', { name: either }).click();
    await expect(tab).toHaveURL(/\/admin\/queues$/);
    const queues = await tab.request.get('/admin/queues/api/queues');
    expect(queues.status()).toBe(200);
    await tab.close();
  });
}
