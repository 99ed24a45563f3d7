import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Clock } from '../../src/clock/clock';
import { District } from '../../src/districts/district.entity';
import { LegalHoldsRepository } from '../../src/legal-holds/legal-holds.repository';
import { Subject } from '../../src/subjects/subject.entity';
import { createAgency, createDistrict, createSubjectRecord, signedIn } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('legal holds', () => {
  let app: TestApp;
  let east: District;
  let west: District;
  let subject: Subject;
  const people = {} as Record<
    'coordinator' | 'westCoordinator' | 'westCoordinatorWhoRegistered' | 'caseWorker' | 'auditor' | 'admin',
    SignedIn
  >;

  const clock = () => app.app.get(Clock);
  const inFuture = (ms: number) => new Date(clock().now().getTime() + ms).toISOString();
  const place = (who: SignedIn, subjectId: string, body: unknown) =>
    app.http.post(`/api/v1/subjects/${subjectId}/legal-holds`, body, { token: who.token });
  const lift = (who: SignedIn, id: string, body: unknown = { reason: 'The proceedings have ended' }) =>
    app.http.post(`/api/v1/legal-holds/${id}/lift`, body, { token: who.token });
  const get = (who: SignedIn, path: string) => app.http.get(path, { token: who.token });
  const events = (action: string, resourceId: string) =>
    app.dataSource.getRepository(AuditEvent).findBy({ action, resourceId });
  const held = (subjectIds: string[]) =>
    app.dataSource.transaction((tx) =>
      app.app.get(LegalHoldsRepository).heldSubjectIds(tx, subjectIds, app.app.get(Clock).now()),
    );

  beforeAll(async () => {
    app = await startTestApp();
    east = await createDistrict(app.dataSource);
    west = await createDistrict(app.dataSource);
    const social = await createAgency(app.dataSource, { kind: 'social_services', districtId: east.id });
    people.coordinator = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      districts: [east],
      name: 'Cora Coordinator',
    });
    people.westCoordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [west] });
    people.westCoordinatorWhoRegistered = await signedIn(app.http, app.dataSource, {
      roles: ['coordinator'],
      districts: [west],
    });
    people.caseWorker = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: social,
      districts: [east],
    });
    people.auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    people.admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    subject = await createSubjectRecord(app.dataSource, {
      districtId: east.id,
      createdBy: people.caseWorker.user,
      fullName: 'Heldine Holdsworth',
    });
  });
  afterAll(() => app.close());

  it('lets a coordinator of the district place a hold and lift it, each audited with the subject', async () => {
    const until = inFuture(30 * DAY);
    const placed = await place(people.coordinator, subject.id, { reason: 'Court proceedings pending', until });
    expect(placed.status).toBe(201);
    expect(placed.body).toEqual({
      id: expect.any(String),
      subjectId: subject.id,
      pseudonym: subject.pseudonym,
      districtId: east.id,
      reason: 'Court proceedings pending',
      placedBy: {
        id: people.coordinator.user.id,
        name: 'Cora Coordinator',
        agency: { id: people.coordinator.user.agencyId, name: expect.any(String) },
      },
      placedAt: expect.any(String),
      until,
      liftedAt: null,
      liftedBy: null,
      liftReason: null,
      active: true,
      version: 1,
    });
    expect(await held([subject.id])).toEqual([subject.id]);
    const [created] = await events('legal_hold.create', placed.body.id);
    expect(created).toMatchObject({ outcome: 'allowed', subjectId: subject.id });

    const listed = await get(people.coordinator, `/api/v1/subjects/${subject.id}/legal-holds`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((hold: { id: string }) => hold.id)).toContain(placed.body.id);
    expect(await events('legal_hold.list', placed.body.id)).toHaveLength(1);

    const lifted = await lift(people.coordinator, placed.body.id, {
      reason: 'The proceedings have ended',
      version: 1,
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({
      active: false,
      liftReason: 'The proceedings have ended',
      liftedBy: { id: people.coordinator.user.id, name: 'Cora Coordinator' },
      liftedAt: expect.any(String),
      version: 2,
    });
    expect(await events('legal_hold.lift', placed.body.id)).toEqual([
      expect.objectContaining({ outcome: 'allowed', subjectId: subject.id }),
    ]);
    expect(await held([subject.id])).toEqual([]);

    // A second lift finds nothing to lift.
    const again = await lift(people.coordinator, placed.body.id);
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/legal-hold-not-active$/);
  });

  it('refuses a stale version on lift', async () => {
    const placed = await place(people.coordinator, subject.id, {
      reason: 'Police investigation',
      until: inFuture(DAY),
    });
    const stale = await lift(people.coordinator, placed.body.id, { reason: 'Investigation closed', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/stale-version$/);
    expect((await lift(people.coordinator, placed.body.id)).status).toBe(200);
  });

  it('answers 404 to another district’s coordinator, who cannot see the subject or the hold, and records it', async () => {
    const placed = await place(people.coordinator, subject.id, {
      reason: 'Complaint to the ombud',
      until: inFuture(DAY),
    });
    const body = { reason: 'Another district tries', until: inFuture(DAY) };
    expect((await place(people.westCoordinator, subject.id, body)).status).toBe(404);
    expect((await get(people.westCoordinator, `/api/v1/subjects/${subject.id}/legal-holds`)).status).toBe(404);
    expect((await get(people.westCoordinator, `/api/v1/legal-holds/${placed.body.id}`)).status).toBe(404);
    expect((await lift(people.westCoordinator, placed.body.id)).status).toBe(404);
    const westList = await get(people.westCoordinator, '/api/v1/legal-holds');
    expect(westList.status).toBe(200);
    expect(westList.body.items).toEqual([]);
    const denied = await app.dataSource
      .getRepository(AuditEvent)
      .findBy({ actorId: people.westCoordinator.user.id, outcome: 'denied' });
    expect(denied.map((event) => event.action).sort()).toEqual([
      'legal_hold.create',
      'legal_hold.lift',
      'legal_hold.list',
      'legal_hold.read',
    ]);
  });

  it('answers 403 to a coordinator who sees the subject but coordinates another district', async () => {
    const registered = await createSubjectRecord(app.dataSource, {
      districtId: east.id,
      createdBy: people.westCoordinatorWhoRegistered.user,
    });
    const response = await place(people.westCoordinatorWhoRegistered, registered.id, {
      reason: 'Not my district though',
      until: inFuture(DAY),
    });
    expect(response.status).toBe(403);
    expect(
      (await get(people.westCoordinatorWhoRegistered, `/api/v1/subjects/${registered.id}/legal-holds`)).status,
    ).toBe(403);
  });

  it('answers 403 to a case worker who may see the subject, and to auditors and admins placing or lifting', async () => {
    const placed = await place(people.coordinator, subject.id, {
      reason: 'Insurance claim dispute',
      until: inFuture(DAY),
    });
    for (const who of [people.caseWorker, people.auditor, people.admin]) {
      expect((await place(who, subject.id, { reason: 'Not theirs to place', until: inFuture(DAY) })).status).toBe(403);
      expect((await lift(who, placed.body.id)).status).toBe(403);
    }
    expect((await get(people.caseWorker, '/api/v1/legal-holds')).status).toBe(403);
    expect((await get(people.caseWorker, `/api/v1/subjects/${subject.id}/legal-holds`)).status).toBe(403);
  });

  it('shows auditors and admins every hold and why, by pseudonym: never the name or any case content', async () => {
    const placed = await place(people.coordinator, subject.id, {
      reason: 'Data protection authority inquiry',
      until: inFuture(DAY),
    });
    for (const who of [people.auditor, people.admin]) {
      const list = await get(who, '/api/v1/legal-holds?active=true');
      expect(list.status).toBe(200);
      const mine = list.body.items.find((hold: { id: string }) => hold.id === placed.body.id);
      expect(mine).toMatchObject({ pseudonym: subject.pseudonym, reason: 'Data protection authority inquiry' });
      expect(JSON.stringify(list.body)).not.toContain('Heldine');
      const one = await get(who, `/api/v1/legal-holds/${placed.body.id}`);
      expect(one.status).toBe(200);
      expect(JSON.stringify(one.body)).not.toContain('Heldine');
      expect(one.body).not.toHaveProperty('fullName');
      const byDistrict = await get(who, `/api/v1/legal-holds?districtId=${west.id}`);
      expect(byDistrict.body.items).toEqual([]);
      // The subject's own list needs the subject: auditors and admins never see one.
      expect((await get(who, `/api/v1/subjects/${subject.id}/legal-holds`)).status).toBe(404);
    }
    const reads = await events('legal_hold.read', placed.body.id);
    expect(reads).toHaveLength(2);
    expect(reads.every((event) => event.subjectId === subject.id)).toBe(true);
  });

  it('refuses an end in the past or more than ten years ahead (422), and a short reason (400)', async () => {
    const past = await place(people.coordinator, subject.id, { reason: 'Court proceedings', until: inFuture(-HOUR) });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ field: 'until', message: 'must be in the future' }]);
    const far = await place(people.coordinator, subject.id, {
      reason: 'Court proceedings',
      until: inFuture(3700 * DAY),
    });
    expect(far.status).toBe(422);
    const short = await place(people.coordinator, subject.id, { reason: 'Court', until: inFuture(DAY) });
    expect(short.status).toBe(400);
  });

  it('lapses on its own when its end passes: inactive, not counted as held, and not to be lifted', async () => {
    const other = await createSubjectRecord(app.dataSource, { districtId: east.id, createdBy: people.caseWorker.user });
    const placed = await place(people.coordinator, other.id, { reason: 'Short court deadline', until: inFuture(HOUR) });
    expect(placed.status).toBe(201);
    expect(await held([other.id])).toEqual([other.id]);

    clock().advance(HOUR + 1000);

    expect(await held([other.id])).toEqual([]);
    const one = await get(people.coordinator, `/api/v1/legal-holds/${placed.body.id}`);
    expect(one.body).toMatchObject({ active: false, liftedAt: null });
    const active = await get(people.coordinator, '/api/v1/legal-holds?active=true');
    expect(active.body.items.map((hold: { id: string }) => hold.id)).not.toContain(placed.body.id);
    const inactive = await get(people.coordinator, '/api/v1/legal-holds?active=false');
    expect(inactive.body.items.map((hold: { id: string }) => hold.id)).toContain(placed.body.id);
    const lifted = await lift(people.coordinator, placed.body.id);
    expect(lifted.status).toBe(409);
    expect(lifted.body.detail).toMatch(/lapsed/);
  });
  it('pages the list of holds newest first with a cursor, each page audited by the holds it shows', async () => {
    const pageSubjects = await Promise.all(
      [1, 2, 3].map((n) =>
        createSubjectRecord(app.dataSource, {
          districtId: east.id,
          createdBy: people.caseWorker.user,
          fullName: `Paged Person ${n}`,
        }),
      ),
    );
    const placed: string[] = [];
    for (const paged of pageSubjects) {
      clock().advance(1000);
      const hold = await place(people.coordinator, paged.id, { reason: 'Paging through holds', until: inFuture(DAY) });
      expect(hold.status).toBe(201);
      placed.push(hold.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/legal-holds?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(people.auditor, query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((hold: { id: string }) => hold.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => placed.includes(id))).toEqual([...placed].reverse());
    expect((await get(people.auditor, '/api/v1/legal-holds?limit=201')).status).toBe(400);
    expect((await get(people.auditor, '/api/v1/legal-holds?cursor=nonsense')).status).toBe(400);
  });
});
