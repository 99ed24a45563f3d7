/**
 * The people directory (GET /people): whom each caller sees, caller × person, and what of them.
 * A coordinator sees the people holding a case role in their districts; a case worker their own
 * agency's case workers; nobody sees an admin or auditor as such, a deactivated user, or another
 * district's people. Accepting a referral assigns only an active case worker of the receiving agency.
 */
import { Agency } from '../../src/agencies/agency.entity';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { District } from '../../src/districts/district.entity';
import { User } from '../../src/users/user.entity';
import {
  createAgency,
  createConcernRecord,
  createDistrict,
  createReferralRecord,
  createUser,
  login,
} from '../support/factories';
import { HttpResponse } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

type Caller =
  'coordinator' | 'twoDistrictCoordinator' | 'caseWorker' | 'reporter' | 'forumMember' | 'auditor' | 'admin';
type Person =
  | 'coordinator'
  | 'caseWorker'
  | 'colleague'
  | 'reporter'
  | 'schoolForumMember'
  | 'ngoForumMember'
  | 'cityWideCaseWorker'
  | 'westCaseWorker'
  | 'westForumMember'
  | 'adminOnly'
  | 'auditorOnly'
  | 'deactivated';
type Seen = 'listed' | 'hidden';

/** Each caller: refused (403), or whom of the people they see. */
const TABLE: { caller: Caller; answer: 403 | Partial<Record<Person, Seen>> }[] = [
  {
    caller: 'coordinator',
    answer: {
      coordinator: 'listed',
      caseWorker: 'listed',
      colleague: 'listed',
      reporter: 'listed',
      schoolForumMember: 'listed',
      ngoForumMember: 'listed',
      // A city-wide agency's case worker with no district of their own belongs to no district.
      cityWideCaseWorker: 'hidden',
      westCaseWorker: 'hidden',
      westForumMember: 'hidden',
      adminOnly: 'hidden',
      auditorOnly: 'hidden',
      deactivated: 'hidden',
    },
  },
  {
    caller: 'twoDistrictCoordinator',
    answer: { caseWorker: 'listed', ngoForumMember: 'listed', westCaseWorker: 'listed', westForumMember: 'listed' },
  },
  {
    caller: 'caseWorker',
    answer: {
      caseWorker: 'listed',
      colleague: 'listed',
      // Same agency, but no case worker.
      reporter: 'hidden',
      coordinator: 'hidden',
      schoolForumMember: 'hidden',
      westCaseWorker: 'hidden',
      deactivated: 'hidden',
      adminOnly: 'hidden',
    },
  },
  { caller: 'reporter', answer: 403 },
  { caller: 'forumMember', answer: 403 },
  { caller: 'auditor', answer: 403 },
  { caller: 'admin', answer: 403 },
];

describe('the people directory', () => {
  let app: TestApp;
  let east: District;
  let west: District;
  let social: Agency;
  const people = {} as Record<Person, User>;
  const callers = {} as Record<Caller, User>;
  const tokens = new Map<string, string>();

  const tokenOf = async (user: User) => {
    if (!tokens.has(user.id)) tokens.set(user.id, (await login(app.http, user.email)).accessToken);
    return tokens.get(user.id)!;
  };
  const list = async (user: User, query = '') =>
    app.http.get(`/api/v1/people?limit=200${query}`, { token: await tokenOf(user) });
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  beforeAll(async () => {
    app = await startTestApp();
    const ds = app.dataSource;
    east = await createDistrict(ds, 'Directory East');
    west = await createDistrict(ds, 'Directory West');
    social = await createAgency(ds, { kind: 'social_services', districtId: east.id });
    const school = await createAgency(ds, { kind: 'school', districtId: east.id });
    const ngo = await createAgency(ds, { kind: 'ngo' });
    const office = await createAgency(ds, { kind: 'other' });
    const westYouth = await createAgency(ds, { kind: 'youth_service', districtId: west.id });
    const user = (name: string, agency: Agency, roles: User['roles'], districts: District[] = [], active = true) =>
      createUser(ds, { name, agency, roles, districts, active });
    people.coordinator = await user('Cora Coordinator', office, ['coordinator'], [east]);
    // The social services of the east: a case worker (also a reporter), a colleague, a reporter only.
    people.caseWorker = await user('Carl Caseworker', social, ['reporter', 'case_worker']);
    people.colleague = await user('Cecilie Colleague', social, ['case_worker']);
    people.reporter = await user('Rita Reporter', social, ['reporter']);
    people.schoolForumMember = await user('Sara School', school, ['forum_member'], [east]);
    // A city-wide NGO: its forum member is of the east by being scoped to it.
    people.ngoForumMember = await user('Nina Mentor', ngo, ['forum_member'], [east]);
    people.cityWideCaseWorker = await user('Cato Citywide', ngo, ['case_worker']);
    people.westCaseWorker = await user('Wenche West', westYouth, ['case_worker']);
    people.westForumMember = await user('Willy West', westYouth, ['forum_member'], [west]);
    people.adminOnly = await user('Ada Admin', social, ['admin']);
    people.auditorOnly = await user('Aud Auditor', office, ['auditor']);
    people.deactivated = await user('Dag Deactivated', social, ['case_worker'], [], false);
    callers.coordinator = people.coordinator;
    callers.twoDistrictCoordinator = await user('Tove Twodistricts', office, ['coordinator'], [east, west]);
    callers.caseWorker = people.caseWorker;
    callers.reporter = people.reporter;
    callers.forumMember = people.schoolForumMember;
    callers.auditor = people.auditorOnly;
    callers.admin = people.adminOnly;
  });
  afterAll(() => app.close());

  describe.each(TABLE)('$caller', ({ caller, answer }) => {
    if (answer === 403) {
      it('is refused, and the refusal is recorded', async () => {
        const response = await list(callers[caller]);
        expect(response.status).toBe(403);
        const refused = await app.dataSource
          .getRepository(AuditEvent)
          .findBy({ actorId: callers[caller].id, action: 'directory.list_people', outcome: 'denied' });
        expect(refused).toHaveLength(1);
      });
      return;
    }
    it.each(Object.entries(answer) as [Person, Seen][])('%s: %s', async (person, seen) => {
      const response = await list(callers[caller]);
      expect(response.status).toBe(200);
      expect(ids(response.body).includes(people[person].id)).toBe(seen === 'listed');
    });
  });

  it('answers name, agency and case roles only, in name order, and records the read', async () => {
    const response = await list(people.coordinator);
    expect(response.status).toBe(200);
    const nina = response.body.items.find((item: { id: string }) => item.id === people.ngoForumMember.id);
    expect(nina).toEqual({
      id: people.ngoForumMember.id,
      name: 'Nina Mentor',
      agency: { id: people.ngoForumMember.agencyId, name: expect.any(String), kind: 'ngo' },
      roles: ['forum_member'],
    });
    const names = response.body.items.map((item: { name: string }) => item.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const read = await app.dataSource
      .getRepository(AuditEvent)
      .findBy({ actorId: people.coordinator.id, action: 'directory.list_people', outcome: 'allowed' });
    expect(read.length).toBeGreaterThan(0);
    expect(read[0].details).toMatchObject({ count: response.body.items.length });
  });

  it('filters by district, agency, role and name, within what the caller sees', async () => {
    const coordinator = callers.twoDistrictCoordinator;
    const westOnly = await list(coordinator, `&districtId=${west.id}`);
    expect(ids(westOnly.body).sort()).toEqual(
      [people.westCaseWorker.id, people.westForumMember.id, coordinator.id].sort(),
    );
    const eastCaseWorkers = await list(coordinator, `&districtId=${east.id}&role=case_worker`);
    expect(ids(eastCaseWorkers.body).sort()).toEqual([people.caseWorker.id, people.colleague.id].sort());
    // The district's coordinators are those scoped to it (they may own a meeting's action items).
    const eastCoordinators = await list(coordinator, `&districtId=${east.id}&role=coordinator`);
    expect(ids(eastCoordinators.body).sort()).toEqual([people.coordinator.id, coordinator.id].sort());
    const ofSocial = await list(coordinator, `&agencyId=${social.id}`);
    expect(ids(ofSocial.body).sort()).toEqual([people.caseWorker.id, people.colleague.id, people.reporter.id].sort());
    const named = await list(coordinator, `&q=${encodeURIComponent('  MENTOR ')}`);
    expect(ids(named.body)).toEqual([people.ngoForumMember.id]);
    // A LIKE wildcard is taken literally.
    expect((await list(coordinator, '&q=%25')).body.items).toEqual([]);
  });

  it('gives an empty page for a district the caller does not coordinate, as the referral board does', async () => {
    const response = await list(people.coordinator, `&districtId=${west.id}`);
    expect(response.status).toBe(200);
    // Only who is also of the caller's district: the coordinator scoped to both, none of the west's own.
    expect(response.body).toEqual({
      items: [expect.objectContaining({ id: callers.twoDistrictCoordinator.id })],
      nextCursor: null,
    });
    // A case worker asking for another agency's people gets no one either.
    const other = await list(people.caseWorker, `&agencyId=${people.westCaseWorker.agencyId}`);
    expect(other.body.items).toEqual([]);
  });

  it('lists only the case roles of someone who is also an admin', async () => {
    const both = await createUser(app.dataSource, { agency: social, roles: ['admin', 'case_worker'] });
    const response = await list(people.caseWorker);
    const listed = response.body.items.find((item: { id: string }) => item.id === both.id);
    expect(listed.roles).toEqual(['case_worker']);
  });

  it.each([
    ['districtId=east', 'districtId'],
    ['agencyId=1', 'agencyId'],
    ['role=admin', 'role'],
    ['role=auditor', 'role'],
    ['limit=0', 'limit'],
    ['cursor=nonsense', 'cursor'],
    [`q=${'x'.repeat(101)}`, 'q'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const response = await app.http.get(`/api/v1/people?${query}`, { token: await tokenOf(people.coordinator) });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('pages by cursor: every person once, in name order, the same as one page', async () => {
    for (let n = 0; n < 5; n++) {
      // Same names, so the order falls back on the id across page boundaries.
      await createUser(app.dataSource, { name: 'Pat Same', agency: social, roles: ['case_worker'] });
    }
    const whole = ids((await list(people.coordinator)).body);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: HttpResponse = await app.http.get(`/api/v1/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: await tokenOf(people.coordinator),
      });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...ids(response.body));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(whole.length / 2));
  });

  describe('accepting a referral assigns a case worker of the receiving agency', () => {
    const accept = async (caseWorkerId: string) => {
      const concern = await createConcernRecord(app.dataSource, {
        reporter: people.reporter,
        districtId: east.id,
        classification: 'coordination',
      });
      const referral = await createReferralRecord(app.dataSource, {
        concernId: concern.id,
        toAgencyId: social.id,
        createdBy: people.coordinator,
      });
      return app.http.post(
        `/api/v1/referrals/${referral.id}/accept`,
        { caseWorkerId, version: referral.version },
        { token: await tokenOf(people.caseWorker) },
      );
    };

    it('a colleague from the directory: accepted, the colleague is its case worker', async () => {
      const response = await accept(people.colleague.id);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'accepted', caseWorkerId: people.colleague.id });
      // The referral names its case worker, to the receiving agency and to the district's coordinator.
      const assigned = { id: people.colleague.id, name: 'Cecilie Colleague' };
      expect(response.body.caseWorker).toEqual(assigned);
      for (const reader of [people.caseWorker, people.coordinator]) {
        const read = await app.http.get(`/api/v1/referrals/${response.body.id}`, { token: await tokenOf(reader) });
        expect(read.body.caseWorker).toEqual(assigned);
      }
    });

    it.each([
      ['a reporter of the agency', 'reporter'],
      ['a deactivated case worker of the agency', 'deactivated'],
      ['a case worker of another agency', 'westCaseWorker'],
      ['an admin of the agency', 'adminOnly'],
    ] as [string, Person][])('%s: 422, nothing changes', async (_, person) => {
      const response = await accept(people[person].id);
      expect(response.status).toBe(422);
      expect(response.body.detail).toBe('The case worker must be an active case worker of the receiving agency');
      expect(response.body).toMatchObject({
        type: expect.stringMatching(/\/invalid-case-worker$/),
        errors: [{ field: 'caseWorkerId', message: 'not a case worker of the receiving agency' }],
      });
    });
  });
});
