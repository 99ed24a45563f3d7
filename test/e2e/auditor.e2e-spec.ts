import { authenticator } from 'otplib';
import { AccessFlagsService } from '../../src/audit/access-flags.service';
import { AuditActor, AuditRecord, auditEventRow } from '../../src/audit/audit.service';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Clock } from '../../src/clock/clock';
import { BreakGlassGrant } from '../../src/break-glass/break-glass-grant.entity';
import { District } from '../../src/districts/district.entity';
import { createAgency, createConcernRecord, createDistrict, createSubjectRecord, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;

describe('the auditor’s workspace', () => {
  let app: TestApp;
  let east: District;
  let west: District;
  let auditor: SignedIn;
  let coordinator: SignedIn;
  let reporter: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({ BREAK_GLASS_MINUTES: '60', FLAG_SUBJECTS_PER_HOUR: '3', FLAG_REFUSALS_PER_HOUR: '4' });
    east = await createDistrict(app.dataSource);
    west = await createDistrict(app.dataSource);
    auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [east] });
    const police = await createAgency(app.dataSource, { kind: 'police' });
    reporter = await signedIn(app.http, app.dataSource, { roles: ['reporter'], agency: police, districts: [east] });
  });
  afterAll(() => app.close());

  describe('search, export and who has seen a subject', () => {
    let concernId: string;
    let subjectId: string;
    beforeAll(async () => {
      const concern = await createConcernRecord(app.dataSource, {
        reporter: reporter.user,
        districtId: east.id,
        classification: 'coordination',
        narrative: 'A narrative the auditor must never see',
      });
      concernId = concern.id;
      subjectId = concern.subjectId;
      await app.http.get(`/api/v1/concerns/${concernId}`, { token: reporter.token });
      await app.http.get(`/api/v1/concerns/${concernId}`, { token: coordinator.token });
      const outsider = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [west] });
      await app.http.get(`/api/v1/concerns/${concernId}`, { token: outsider.token });
    });

    it('answers “who has seen this subject” in one request: each access, by whom, when, how it went', async () => {
      const answer = await app.http.get(`/api/v1/audit/subjects/${subjectId}/accesses`, { token: auditor.token });
      expect(answer.status).toBe(200);
      const reads = answer.body.items.filter((e: any) => e.action === 'concern.read');
      expect(reads.map((e: any) => [e.actorId, e.outcome]).sort()).toEqual(
        [
          [reporter.user.id, 'allowed'],
          [coordinator.user.id, 'allowed'],
        ].sort(),
      );
      const [subject] = await app.dataSource.query('SELECT pseudonym, full_name FROM subjects WHERE id = $1', [
        subjectId,
      ]);
      expect(reads[0].pseudonym).toBe(subject.pseudonym);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(subject.full_name);
      expect(text).not.toContain('A narrative the auditor must never see');
      // The refused attempt names no subject (the outsider learnt nothing), and is found by the concern.
      const refused = await app.http.get(`/api/v1/audit/events?resourceId=${concernId}&outcome=denied`, {
        token: auditor.token,
      });
      expect(refused.body.items.map((e: any) => e.action)).toEqual(['concern.read']);
    });

    it('finds the same accesses from the subject’s pseudonym, and nothing for an unknown one', async () => {
      const [subject] = await app.dataSource.query('SELECT pseudonym FROM subjects WHERE id = $1', [subjectId]);
      const byId = await app.http.get(`/api/v1/audit/subjects/${subjectId}/accesses`, { token: auditor.token });
      const byPseudonym = await app.http.get(
        `/api/v1/audit/events?pseudonym=${encodeURIComponent(subject.pseudonym)}`,
        { token: auditor.token },
      );
      expect(byPseudonym.status).toBe(200);
      expect(byPseudonym.body.items.length).toBeGreaterThanOrEqual(2);
      expect(byPseudonym.body.items.map((e: any) => e.id)).toEqual(byId.body.items.map((e: any) => e.id));
      const unknown = await app.http.get('/api/v1/audit/events?pseudonym=S-NOBODY', { token: auditor.token });
      expect(unknown.body.items).toEqual([]);
    });

    it('reads the directory’s agencies, to name the agencies the trail gives by id', async () => {
      const agencies = await app.http.get('/api/v1/agencies?limit=200', { token: auditor.token });
      expect(agencies.status).toBe(200);
      expect(agencies.body.items.length).toBeGreaterThan(0);
      expect(Object.keys(agencies.body.items[0]).sort()).toEqual(
        ['createdAt', 'districtId', 'id', 'kind', 'name', 'updatedAt'].sort(),
      );
    });

    it('filters by actor, agency, action, outcome and time, newest first, with a cursor', async () => {
      const byActor = await app.http.get(`/api/v1/audit/events?actorId=${reporter.user.id}&limit=1`, {
        token: auditor.token,
      });
      expect(byActor.body.items).toHaveLength(1);
      expect(byActor.body.nextCursor).toEqual(expect.any(String));
      const next = await app.http.get(
        `/api/v1/audit/events?actorId=${reporter.user.id}&limit=1&cursor=${byActor.body.nextCursor}`,
        { token: auditor.token },
      );
      expect(next.body.items[0].id).not.toBe(byActor.body.items[0].id);
      expect(Date.parse(next.body.items[0].occurredAt)).toBeLessThanOrEqual(
        Date.parse(byActor.body.items[0].occurredAt),
      );
      const byAgency = await app.http.get(
        `/api/v1/audit/events?agencyId=${reporter.user.agencyId}&action=concern.read`,
        {
          token: auditor.token,
        },
      );
      expect(byAgency.body.items.every((e: any) => e.actorAgencyId === reporter.user.agencyId)).toBe(true);
      expect(byAgency.body.items.length).toBeGreaterThan(0);
      const future = await app.http.get(`/api/v1/audit/events?from=${new Date(Date.now() + 3_600_000).toISOString()}`, {
        token: auditor.token,
      });
      expect(future.body.items).toEqual([]);
      const bad = await app.http.get('/api/v1/audit/events?outcome=maybe&from=yesterday', { token: auditor.token });
      expect(bad.status).toBe(400);
    });

    it('finds one event by its own id (as the chain names its first bad event), and a malformed id is a 400', async () => {
      const reads = await app.http.get(`/api/v1/audit/events?resourceId=${concernId}&outcome=allowed`, {
        token: auditor.token,
      });
      const event = reads.body.items.find((e: any) => e.action === 'concern.read');
      const one = await app.http.get(`/api/v1/audit/events?eventId=${event.id}`, { token: auditor.token });
      expect(one.status).toBe(200);
      expect(one.body.items.map((e: any) => e.id)).toEqual([event.id]);
      expect(one.body.nextCursor).toBeNull();
      // The other filters still hold beside it: an allowed event is not found among the refusals.
      const refused = await app.http.get(`/api/v1/audit/events?eventId=${event.id}&outcome=denied`, {
        token: auditor.token,
      });
      expect(refused.body.items).toEqual([]);
      const malformed = await app.http.get('/api/v1/audit/events?eventId=not-an-event', { token: auditor.token });
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
      expect(malformed.body.errors.map((error: { field: string }) => error.field)).toEqual(['eventId']);
    });

    it('knows the catalogue: a misspelt action or resource type is a 400 naming the field, not an empty page', async () => {
      const byType = await app.http.get(`/api/v1/audit/events?resourceType=concern&resourceId=${concernId}`, {
        token: auditor.token,
      });
      expect(byType.status).toBe(200);
      expect(byType.body.items.length).toBeGreaterThan(0);
      for (const [query, field] of [
        ['action=concern.reed', 'action'],
        ['action=concern.updated', 'action'],
        ['resourceType=Concern', 'resourceType'],
      ]) {
        for (const path of ['/api/v1/audit/events', '/api/v1/audit/events.csv']) {
          const typo = await app.http.get(`${path}?${query}`, { token: auditor.token });
          expect(typo.status).toBe(400);
          expect(typo.headers.get('content-type')).toContain('application/problem+json');
          expect(typo.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
        }
      }
    });

    it('exports a search as CSV, and the export is itself audited', async () => {
      const csv = await app.http.bytes(`/api/v1/audit/events.csv?subjectId=${subjectId}`, { token: auditor.token });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = csv.body.toString('utf8').trim().split('\n');
      expect(lines[0]).toBe(
        'occurredAt,id,actorId,actorAgencyId,actorRoles,action,resourceType,resourceId,subjectId,pseudonym,purpose,outcome,severity,requestId,details',
      );
      expect(lines.length).toBeGreaterThanOrEqual(3);
      const [exported] = await app.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'audit_event.export' AND actor_id = $1`,
        [auditor.user.id],
      );
      expect(exported.details).toMatchObject({ filter: { subjectId }, format: 'csv' });
    });

    it('is for auditors only', async () => {
      for (const caller of [coordinator, reporter]) {
        expect((await app.http.get('/api/v1/audit/events', { token: caller.token })).status).toBe(403);
        expect(
          (await app.http.get(`/api/v1/audit/subjects/${subjectId}/accesses`, { token: caller.token })).status,
        ).toBe(403);
      }
      const admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
      expect((await app.http.get('/api/v1/audit/events.csv', { token: admin.token })).status).toBe(403);
    });
  });

  describe('break-glass', () => {
    let restricted: { id: string; subjectId: string };
    beforeAll(async () => {
      // A police concern: the district's coordinator sees only a stub.
      restricted = await createConcernRecord(app.dataSource, {
        reporter: reporter.user,
        districtId: east.id,
        classification: 'agency_restricted',
        narrative: 'Police narrative behind the glass',
      });
    });

    it('opens nothing outside the coordinator’s own districts: 404 as for an unknown record, and a high-severity refusal', async () => {
      const westCoordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [west] });
      const request = {
        resourceType: 'concern',
        resourceId: restricted.id,
        reasonCode: 'imminent_risk',
        justification: 'Heard about this case from a colleague in the east district',
      };
      const refused = await app.http.post('/api/v1/break-glass', request, { token: westCoordinator.token });
      const unknown = await app.http.post(
        '/api/v1/break-glass',
        { ...request, resourceId: '00000000-0000-4000-8000-000000000000' },
        { token: westCoordinator.token },
      );
      expect(refused.status).toBe(404);
      expect(refused.body.detail).toBe(unknown.body.detail);
      expect(await app.dataSource.getRepository(BreakGlassGrant).countBy({ userId: westCoordinator.user.id })).toBe(0);
      expect((await app.http.get(`/api/v1/concerns/${restricted.id}`, { token: westCoordinator.token })).status).toBe(
        404,
      );
      const events = await app.dataSource.query(
        `SELECT resource_id, severity, outcome, details FROM audit_events
          WHERE actor_id = $1 AND action = 'break_glass_grant.create' ORDER BY occurred_at`,
        [westCoordinator.user.id],
      );
      // Both refusals are recorded; the one of a record that exists, elsewhere, stands out.
      expect(events).toEqual([
        { resource_id: restricted.id, severity: 'high', outcome: 'denied', details: { reason: 'outside_districts' } },
        { resource_id: '00000000-0000-4000-8000-000000000000', severity: 'info', outcome: 'denied', details: {} },
      ]);
    });

    it('opens one record to read, for a limited time, after a written reason; every use is a high-severity event', async () => {
      const before = await app.http.get(`/api/v1/concerns/${restricted.id}`, { token: coordinator.token });
      expect(before.body.redacted).toBe(true);
      const short = await app.http.post(
        '/api/v1/break-glass',
        { resourceType: 'concern', resourceId: restricted.id, reasonCode: 'imminent_risk', justification: 'too short' },
        { token: coordinator.token },
      );
      expect(short.status).toBe(400);
      const granted = await app.http.post(
        '/api/v1/break-glass',
        {
          resourceType: 'concern',
          resourceId: restricted.id,
          reasonCode: 'imminent_risk',
          justification: 'Threat reported by the school tonight; need the police assessment now',
        },
        { token: coordinator.token },
      );
      expect(granted.status).toBe(201);
      expect(Date.parse(granted.body.expiresAt) - Date.parse(granted.body.grantedAt)).toBe(60 * 60_000);
      const opened = await app.http.get(`/api/v1/concerns/${restricted.id}`, { token: coordinator.token });
      expect(opened.body).toMatchObject({ redacted: false, narrative: 'Police narrative behind the glass' });
      // Read-only: no change, no triage through the glass.
      const edit = await app.http.patch(
        `/api/v1/concerns/${restricted.id}`,
        { riskLevel: 'low', version: opened.body.version },
        { token: coordinator.token },
      );
      expect(edit.status).toBe(403);
      const uses = await app.dataSource.query(
        `SELECT severity, purpose FROM audit_events WHERE actor_id = $1 AND resource_id = $2 AND action = 'concern.read' AND outcome = 'allowed' ORDER BY occurred_at`,
        [coordinator.user.id, restricted.id],
      );
      expect(uses.map((u: any) => u.severity)).toEqual(['info', 'high']);
      expect(uses[1].purpose).toBe(`break-glass:${granted.body.id}`);
      // The subject behind the glass, too: a high-severity use of the grant.
      const subject = await app.http.get(`/api/v1/subjects/${restricted.subjectId}`, { token: coordinator.token });
      expect(subject.body.fullName).toEqual(expect.any(String));
      const [subjectRead] = await app.dataSource.query(
        `SELECT severity, purpose FROM audit_events WHERE actor_id = $1 AND action = 'subject.read' AND subject_id = $2`,
        [coordinator.user.id, restricted.subjectId],
      );
      expect(subjectRead).toEqual({ severity: 'high', purpose: `break-glass:${granted.body.id}` });
      // A second grant is pointless while this one lasts.
      const again = await app.http.post(
        '/api/v1/break-glass',
        {
          resourceType: 'concern',
          resourceId: restricted.id,
          reasonCode: 'other',
          justification: 'Looking again at the same record',
        },
        { token: coordinator.token },
      );
      expect(again.status).toBe(409);
      // When the time is up, the glass closes.
      app.app.get(Clock).advance(61 * 60_000);
      const later = await app.http.get(`/api/v1/concerns/${restricted.id}`, { token: coordinator.token });
      expect(later.body.redacted).toBe(true);
    });

    it('lists grants awaiting the auditor’s review, and records the review once', async () => {
      const awaiting = await app.http.get('/api/v1/audit/break-glass', { token: auditor.token });
      expect(awaiting.status).toBe(200);
      const grant = awaiting.body.items.find((g: any) => g.resourceId === restricted.id);
      expect(grant).toMatchObject({ userId: coordinator.user.id, reasonCode: 'imminent_risk', reviewedAt: null });
      expect(grant.pseudonym).toMatch(/^S-/);
      const reviewed = await app.http.post(
        `/api/v1/audit/break-glass/${grant.id}/review`,
        { outcome: 'justified', note: 'Matches the incident log' },
        { token: auditor.token },
      );
      expect(reviewed.status).toBe(200);
      expect(reviewed.body).toMatchObject({ reviewOutcome: 'justified', reviewedAt: expect.any(String) });
      const twice = await app.http.post(
        `/api/v1/audit/break-glass/${grant.id}/review`,
        { outcome: 'unjustified', note: 'x' },
        { token: auditor.token },
      );
      expect(twice.status).toBe(409);
      const after = await app.http.get('/api/v1/audit/break-glass', { token: auditor.token });
      expect(after.body.items.find((g: any) => g.id === grant.id)).toBeUndefined();
      expect((await app.http.get('/api/v1/audit/break-glass', { token: coordinator.token })).status).toBe(403);
    });

    it('is for coordinators only, and asks for a fresh code where they have a second factor', async () => {
      const notCoordinator = await app.http.post(
        '/api/v1/break-glass',
        {
          resourceType: 'concern',
          resourceId: restricted.id,
          reasonCode: 'other',
          justification: 'I would like to read this please',
        },
        { token: reporter.token },
      );
      expect(notCoordinator.status).toBe(403);
      const withFactor = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [east] });
      const enrolment = await app.http.post('/api/v1/auth/totp/enrol', undefined, { token: withFactor.token });
      const secret: string = enrolment.body.secret;
      const confirm = await app.http.post(
        '/api/v1/auth/totp/confirm',
        { code: authenticator.clone({ epoch: app.app.get(Clock).now().getTime() - 30_000 }).generate(secret) },
        { token: withFactor.token },
      );
      expect(confirm.status).toBe(204);
      const request = {
        resourceType: 'concern',
        resourceId: restricted.id,
        reasonCode: 'safeguarding_emergency',
        justification: 'Child reported missing this evening',
      };
      const missing = await app.http.post('/api/v1/break-glass', request, { token: withFactor.token });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([{ field: 'totp', message: expect.any(String) }]);
      const wrong = await app.http.post(
        '/api/v1/break-glass',
        { ...request, totp: '000000' },
        { token: withFactor.token },
      );
      expect(wrong.status).toBe(401);
      const right = await app.http.post(
        '/api/v1/break-glass',
        // Codes are checked at the application's time, which this file has moved on.
        { ...request, totp: authenticator.clone({ epoch: app.app.get(Clock).now().getTime() }).generate(secret) },
        { token: withFactor.token },
      );
      expect(right.status).toBe(201);
      const events = await app.dataSource.query(
        `SELECT action, outcome, severity FROM audit_events WHERE actor_id = $1 AND action LIKE 'break_glass_grant.%' ORDER BY occurred_at`,
        [withFactor.user.id],
      );
      expect(events).toEqual([
        { action: 'break_glass_grant.create', outcome: 'denied', severity: 'high' },
        { action: 'break_glass_grant.create', outcome: 'allowed', severity: 'high' },
      ]);
    });
  });

  describe('unusual access, flagged by the worker', () => {
    it('flags many subjects in an hour, out-of-hours reads, subjects outside the user’s districts and repeated refusals', async () => {
      const clock = app.app.get(Clock);
      // The worker's service (the API has it too, for the flags page): this app's database and clock.
      const flags = app.app.get(AccessFlagsService);
      const busy = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [east] });
      const night = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [east] });
      const wanderer = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [east] });
      const knocker = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [east] });
      const ordinary = await signedIn(app.http, app.dataSource, { roles: ['case_worker'], districts: [east] });
      const subjectIn = (district: District) =>
        createSubjectRecord(app.dataSource, { districtId: district.id, createdBy: reporter.user }).then((s) => s.id);
      const eastSubjects = [await subjectIn(east), await subjectIn(east), await subjectIn(east), await subjectIn(east)];
      const westSubject = await subjectIn(west);
      // A Wednesday, in Oslo: 10:15 is working time, 23:30 is not.
      const at = (hhmm: string) => new Date(`2026-11-18T${hhmm}:00+01:00`);
      const event = (user: SignedIn, time: Date, subjectId: string | null, outcome: 'allowed' | 'denied' = 'allowed') =>
        auditEventRow(
          {
            action: 'concern.read',
            subjectId,
            outcome,
            actor: { id: user.user.id, agencyId: user.user.agencyId, roles: ['case_worker'] },
          } as AuditRecord & { actor: AuditActor },
          null,
          time,
        );
      await app.dataSource
        .getRepository(AuditEvent)
        .insert([
          ...eastSubjects.map((subject, index) => event(busy, at(`10:1${index}`), subject)),
          event(night, at('23:30'), eastSubjects[0]),
          event(wanderer, at('11:00'), westSubject),
          ...[0, 1, 2, 3].map((index) => event(knocker, at(`14:0${index}`), null, 'denied')),
          event(ordinary, at('10:00'), eastSubjects[0]),
          event(ordinary, at('10:05'), eastSubjects[1]),
          event(ordinary, at('15:00'), null, 'denied'),
        ]);
      const now = clock.now().getTime();
      clock.advance(Date.parse('2026-11-19T00:00:00Z') - now);
      try {
        expect(await flags.run(48)).toBe(4);
        expect(await flags.run(48)).toBe(0);
      } finally {
        clock.advance(now - clock.now().getTime());
      }
      const listed = await app.http.get('/api/v1/audit/flags?limit=200', { token: auditor.token });
      const mine = new Map([
        [busy.user.id, 'busy'],
        [night.user.id, 'night'],
        [wanderer.user.id, 'wanderer'],
        [knocker.user.id, 'knocker'],
        [ordinary.user.id, 'ordinary'],
      ]);
      const found = listed.body.items
        .filter((flag: any) => mine.has(flag.userId))
        .map((flag: any) => [mine.get(flag.userId), flag.kind, flag.count])
        .sort();
      expect(found).toEqual([
        ['busy', 'many_subjects', 4],
        ['knocker', 'repeated_refusals', 4],
        ['night', 'out_of_hours', 1],
        ['wanderer', 'outside_districts', 1],
      ]);
    });
  });
});
