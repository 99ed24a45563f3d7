/**
 * The route walk: every route of the application is called once, as someone allowed to, and
 * must leave the audit events it should (a route missing from the table fails the test); then
 * every route is called by an admin and an auditor, and each refusal must be recorded too.
 */
import { authenticator } from 'otplib';
import { Clock } from '../../src/clock/clock';
import { District } from '../../src/districts/district.entity';
import { createAgency, createDistrict, login, signedIn } from '../support/factories';
import { HttpResponse } from '../support/http';
import { registeredRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const DAY = 24 * 3_600_000;

/** Routes that read or change nothing personal: the health checks and the directory of districts and agencies. */
const NOT_PERSONAL = [
  'GET /health/live',
  'GET /health/ready',
  'GET /api/v1/districts',
  'GET /api/v1/agencies',
  'GET /api/v1/agencies/:id',
];

describe('every route leaves its audit events', () => {
  let app: TestApp;
  let east: District;
  const ids: Record<string, string> = {};
  const people = {} as Record<
    'admin' | 'auditor' | 'coordinator' | 'reporter' | 'caseWorker' | 'member' | 'enrolling',
    SignedIn
  >;
  let refreshToken: string;
  let totpSecret: string;
  let meetingVersion = 1;

  const lastSeq = async () =>
    Number((await app.dataSource.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_chain'))[0].seq);
  const eventsAfter = (seq: number): Promise<{ action: string; outcome: string }[]> =>
    app.dataSource.query(
      'SELECT e.action, e.outcome FROM audit_events e JOIN audit_chain c ON c.event_id = e.id AND c.occurred_at = e.occurred_at WHERE c.seq > $1',
      [seq],
    );

  beforeAll(async () => {
    app = await startTestApp();
    east = await createDistrict(app.dataSource);
    const school = await createAgency(app.dataSource, { kind: 'school', districtId: east.id });
    const social = await createAgency(app.dataSource, { kind: 'social_services', districtId: east.id });
    const police = await createAgency(app.dataSource, { kind: 'police', districtId: east.id });
    people.admin = await signedIn(app.http, app.dataSource, { roles: ['admin'] });
    people.auditor = await signedIn(app.http, app.dataSource, { roles: ['auditor'] });
    people.coordinator = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [east] });
    people.reporter = await signedIn(app.http, app.dataSource, {
      roles: ['reporter'],
      agency: school,
      districts: [east],
    });
    people.caseWorker = await signedIn(app.http, app.dataSource, {
      roles: ['case_worker'],
      agency: social,
      districts: [east],
    });
    people.member = await signedIn(app.http, app.dataSource, {
      roles: ['forum_member'],
      agency: social,
      districts: [east],
    });
    people.enrolling = await signedIn(app.http, app.dataSource, { roles: ['reporter'], districts: [east] });
    ids.district = east.id;
    ids.agency = social.id;
    ids.police = police.id;
    refreshToken = people.reporter.tokens.refreshToken;
  });
  afterAll(() => app.close());

  const { get, post, patch } = {
    get: (path: string, who: SignedIn) => app.http.get(path, { token: who.token }),
    post: (path: string, body: unknown, who: SignedIn) => app.http.post(path, body, { token: who.token }),
    patch: (path: string, body: unknown, who: SignedIn) => app.http.patch(path, body, { token: who.token }),
  };
  const remember = (key: string) => (response: HttpResponse) => {
    ids[key] = response.body.id;
    return response;
  };

  /** In call order: each route, a successful call, and the audit actions it must leave. */
  const WALK: [string, () => Promise<HttpResponse>, string[]][] = [
    [
      'POST /api/v1/auth/login',
      () =>
        app.http.post('/api/v1/auth/login', {
          email: people.member.user.email,
          password: 'correct horse battery staple',
        }),
      ['auth.login'],
    ],
    [
      'POST /api/v1/auth/refresh',
      async () => {
        const response = await app.http.post('/api/v1/auth/refresh', { refreshToken });
        refreshToken = response.body.refreshToken;
        return response;
      },
      ['auth.refresh'],
    ],
    ['GET /api/v1/me', () => get('/api/v1/me', people.reporter), ['profile.read']],
    [
      'POST /api/v1/auth/totp/enrol',
      async () => {
        const response = await post('/api/v1/auth/totp/enrol', undefined, people.enrolling);
        totpSecret = response.body.secret;
        return response;
      },
      ['auth.totp.enrolment_started'],
    ],
    [
      'POST /api/v1/auth/totp/confirm',
      () =>
        post(
          '/api/v1/auth/totp/confirm',
          { code: authenticator.clone({ epoch: Date.now() - 30_000 }).generate(totpSecret) },
          people.enrolling,
        ),
      ['auth.totp.confirmed'],
    ],
    [
      'POST /api/v1/auth/totp/disable',
      () => post('/api/v1/auth/totp/disable', { code: authenticator.generate(totpSecret) }, people.enrolling),
      ['auth.totp.disabled'],
    ],
    [
      'POST /api/v1/districts',
      () => post('/api/v1/districts', { name: `Walk ${Date.now()}` }, people.admin),
      ['district.created'],
    ],
    [
      'PATCH /api/v1/districts/:id',
      () => patch(`/api/v1/districts/${ids.district}`, { emergencyPoliceAgencyId: ids.police }, people.admin),
      ['district.updated'],
    ],
    [
      'POST /api/v1/agencies',
      () =>
        post('/api/v1/agencies', { name: `Walk agency ${Date.now()}`, kind: 'youth_service' }, people.admin).then(
          remember('newAgency'),
        ),
      ['agency.created'],
    ],
    [
      'PATCH /api/v1/agencies/:id',
      () => patch(`/api/v1/agencies/${ids.newAgency}`, { name: `Walk agency renamed ${Date.now()}` }, people.admin),
      ['agency.updated'],
    ],
    [
      'POST /api/v1/users',
      () =>
        post(
          '/api/v1/users',
          {
            email: `walk${Date.now()}@example.test`,
            name: 'Walk User',
            password: 'a long enough password 1',
            agencyId: ids.agency,
            roles: ['reporter'],
            districtIds: [ids.district],
          },
          people.admin,
        ).then(remember('newUser')),
      ['user.created'],
    ],
    ['GET /api/v1/users', () => get('/api/v1/users', people.admin), ['user.listed']],
    ['GET /api/v1/users/:id', () => get(`/api/v1/users/${ids.newUser}`, people.admin), ['user.read']],
    [
      'PATCH /api/v1/users/:id',
      () => patch(`/api/v1/users/${ids.newUser}`, { active: false }, people.admin),
      ['user.updated'],
    ],
    [
      'POST /api/v1/subjects',
      () =>
        post(
          '/api/v1/subjects',
          { fullName: 'Walk Subject', dateOfBirth: '2010-02-03', districtId: ids.district },
          people.reporter,
        ).then(remember('subject')),
      ['subject.created'],
    ],
    ['GET /api/v1/subjects/:id', () => get(`/api/v1/subjects/${ids.subject}`, people.reporter), ['subject.read']],
    [
      'POST /api/v1/concerns',
      () =>
        post(
          '/api/v1/concerns',
          {
            subjectId: ids.subject,
            category: 'hate_crime',
            narrative: 'Walk narrative',
            source: 'professional',
            riskLevel: 'moderate',
          },
          people.reporter,
        ).then(remember('concern')),
      ['concern.created'],
    ],
    ['GET /api/v1/concerns', () => get('/api/v1/concerns', people.reporter), ['concern.listed']],
    ['GET /api/v1/concerns/:id', () => get(`/api/v1/concerns/${ids.concern}`, people.reporter), ['concern.read']],
    [
      'PATCH /api/v1/concerns/:id',
      async () => {
        const current = await get(`/api/v1/concerns/${ids.concern}`, people.reporter);
        return patch(
          `/api/v1/concerns/${ids.concern}`,
          { riskLevel: 'high', version: current.body.version },
          people.reporter,
        );
      },
      ['concern.updated'],
    ],
    [
      'POST /api/v1/concerns/:id/triage',
      () => post(`/api/v1/concerns/${ids.concern}/triage`, { outcome: 'refer', note: 'Walk' }, people.coordinator),
      ['concern.triaged'],
    ],
    [
      'POST /api/v1/subjects/:id/links',
      async () => {
        const other = await post(
          '/api/v1/subjects',
          { fullName: 'Walk Subject', dateOfBirth: '2010-02-03', districtId: ids.district },
          people.coordinator,
        );
        return post(
          `/api/v1/subjects/${ids.subject}/links`,
          { otherSubjectId: other.body.id, note: 'Same person' },
          people.coordinator,
        ).then(remember('link'));
      },
      ['subject.linked'],
    ],
    [
      'DELETE /api/v1/subjects/:id/links/:linkId',
      () =>
        app.http.request('DELETE', `/api/v1/subjects/${ids.subject}/links/${ids.link}`, undefined, {
          token: people.coordinator.token,
        }),
      ['subject.unlinked'],
    ],
    [
      'POST /api/v1/consents',
      () =>
        post(
          '/api/v1/consents',
          {
            subjectId: ids.subject,
            givenBy: 'guardian',
            guardianName: 'Walk Guardian',
            agencyIds: [ids.agency],
            purpose: 'Support',
          },
          people.coordinator,
        ).then(remember('consent')),
      ['consent.recorded'],
    ],
    [
      'GET /api/v1/subjects/:id/consents',
      () => get(`/api/v1/subjects/${ids.subject}/consents`, people.coordinator),
      ['consent.read'],
    ],
    [
      'POST /api/v1/referrals',
      () =>
        post(
          '/api/v1/referrals',
          {
            concernId: ids.concern,
            toAgencyId: ids.agency,
            legalBasis: 'statutory_duty',
            reason: 'Walk',
            reviewDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
          },
          people.coordinator,
        ).then(remember('referral')),
      ['referral.created'],
    ],
    ['GET /api/v1/referrals', () => get('/api/v1/referrals', people.coordinator), ['referral.listed']],
    ['GET /api/v1/referrals/:id', () => get(`/api/v1/referrals/${ids.referral}`, people.caseWorker), ['referral.read']],
    [
      'POST /api/v1/referrals/:id/notes',
      () => post(`/api/v1/referrals/${ids.referral}/notes`, { text: 'Walk note' }, people.caseWorker),
      ['referral.noted'],
    ],
    [
      'POST /api/v1/referrals/:id/accept',
      async () => {
        const current = await get(`/api/v1/referrals/${ids.referral}`, people.caseWorker);
        return post(
          `/api/v1/referrals/${ids.referral}/accept`,
          { caseWorkerId: people.caseWorker.user.id, version: current.body.version },
          people.caseWorker,
        );
      },
      ['referral.accept'],
    ],
    [
      'POST /api/v1/referrals/:id/start',
      async () => {
        const current = await get(`/api/v1/referrals/${ids.referral}`, people.caseWorker);
        return post(`/api/v1/referrals/${ids.referral}/start`, { version: current.body.version }, people.caseWorker);
      },
      ['referral.start'],
    ],
    [
      'POST /api/v1/referrals/:id/close',
      async () => {
        const current = await get(`/api/v1/referrals/${ids.referral}`, people.caseWorker);
        return post(
          `/api/v1/referrals/${ids.referral}/close`,
          { outcome: 'completed', note: 'Walk', version: current.body.version },
          people.caseWorker,
        );
      },
      ['referral.close'],
    ],
    [
      'POST /api/v1/referrals/:id/decline',
      async () => {
        const second = await post(
          '/api/v1/referrals',
          {
            concernId: ids.concern,
            toAgencyId: ids.agency,
            legalBasis: 'consent',
            consentId: ids.consent,
            reason: 'Walk again',
            reviewDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
          },
          people.coordinator,
        );
        ids.declined = second.body.id;
        return post(
          `/api/v1/referrals/${second.body.id}/decline`,
          { reason: 'No capacity', version: second.body.version },
          people.caseWorker,
        );
      },
      ['referral.decline'],
    ],
    [
      'POST /api/v1/consents/:id/withdraw',
      () => post(`/api/v1/consents/${ids.consent}/withdraw`, {}, people.coordinator),
      ['consent.withdrawn'],
    ],
    [
      'POST /api/v1/follow-ups',
      () =>
        post(
          '/api/v1/follow-ups',
          {
            referralId: ids.referral,
            ownerId: people.caseWorker.user.id,
            text: 'Walk task',
            dueAt: new Date(Date.now() + DAY).toISOString(),
          },
          people.coordinator,
        ).then(remember('followUp')),
      ['follow_up.created'],
    ],
    ['GET /api/v1/follow-ups', () => get('/api/v1/follow-ups', people.caseWorker), ['follow_up.listed']],
    [
      'POST /api/v1/follow-ups/:id/complete',
      () => post(`/api/v1/follow-ups/${ids.followUp}/complete`, {}, people.caseWorker),
      ['follow_up.completed'],
    ],
    [
      'POST /api/v1/follow-ups/:id/cancel',
      async () => {
        const another = await post(
          '/api/v1/follow-ups',
          {
            referralId: ids.referral,
            ownerId: people.caseWorker.user.id,
            text: 'Walk task 2',
            dueAt: new Date(Date.now() + DAY).toISOString(),
          },
          people.coordinator,
        );
        return post(`/api/v1/follow-ups/${another.body.id}/cancel`, {}, people.coordinator);
      },
      ['follow_up.cancelled'],
    ],
    [
      'GET /api/v1/notifications',
      () =>
        get('/api/v1/notifications', people.coordinator).then((response) => {
          ids.notification = response.body.items[0]?.id;
          return response;
        }),
      ['notification.listed'],
    ],
    [
      'POST /api/v1/notifications/:id/read',
      () => post(`/api/v1/notifications/${ids.notification}/read`, {}, people.coordinator),
      ['notification.marked_read'],
    ],
    [
      'POST /api/v1/meetings',
      () =>
        post(
          '/api/v1/meetings',
          {
            districtId: ids.district,
            kind: 'forum',
            startsAt: new Date(Date.now() + 3 * DAY).toISOString(),
            participantIds: [people.member.user.id],
          },
          people.coordinator,
        ).then((response) => {
          ids.meeting = response.body.id;
          meetingVersion = response.body.version;
          return response;
        }),
      ['meeting.created'],
    ],
    ['GET /api/v1/meetings', () => get('/api/v1/meetings', people.member), ['meeting.listed']],
    ['GET /api/v1/meetings/:id', () => get(`/api/v1/meetings/${ids.meeting}`, people.member), ['meeting.read']],
    [
      'PATCH /api/v1/meetings/:id',
      () =>
        patch(`/api/v1/meetings/${ids.meeting}`, { location: 'Room 2', version: meetingVersion }, people.coordinator),
      ['meeting.updated'],
    ],
    [
      'POST /api/v1/forum-series',
      () =>
        post(
          '/api/v1/forum-series',
          { districtId: ids.district, rule: 'first Monday 09:00', participantIds: [people.member.user.id] },
          people.coordinator,
        ),
      ['forum_series.created'],
    ],
    [
      'POST /api/v1/meetings/:id/agenda',
      () => post(`/api/v1/meetings/${ids.meeting}/agenda`, {}, people.coordinator),
      ['meeting.agenda_generated', 'meeting.agenda_viewed'],
    ],
    [
      'GET /api/v1/meetings/:id/agenda',
      () => get(`/api/v1/meetings/${ids.meeting}/agenda`, people.member),
      ['meeting.agenda_viewed'],
    ],
    [
      'GET /api/v1/meetings/:id/agenda.pdf',
      () => app.http.bytes(`/api/v1/meetings/${ids.meeting}/agenda.pdf`, { token: people.member.token }),
      ['meeting.agenda_exported'],
    ],
    [
      'GET /api/v1/meetings/:id/meeting.ics',
      () => app.http.bytes(`/api/v1/meetings/${ids.meeting}/meeting.ics`, { token: people.member.token }),
      ['meeting.calendar_exported'],
    ],
    [
      'POST /api/v1/meetings/:id/agenda/items',
      () =>
        post(`/api/v1/meetings/${ids.meeting}/agenda/items`, { title: 'Walk item' }, people.coordinator).then(
          (response) => {
            // An item about no case: on every participant's agenda, so the member can minute it below.
            ids.agendaItem = response.body.sections.find((s: any) => s.section === 'other').items[0].id;
            return response;
          },
        ),
      ['meeting.agenda_item_added'],
    ],
    [
      'PATCH /api/v1/meetings/:id/agenda/items/:itemId',
      () =>
        patch(`/api/v1/meetings/${ids.meeting}/agenda/items/${ids.agendaItem}`, { position: 1 }, people.coordinator),
      ['meeting.agenda_item_moved'],
    ],
    [
      'POST /api/v1/meetings/:id/minutes',
      async () => {
        app.app.get(Clock).advance(3 * DAY + 60_000);
        return post(
          `/api/v1/meetings/${ids.meeting}/minutes`,
          {
            items: [
              {
                agendaItemId: ids.agendaItem,
                decision: 'Walk decision',
                actions: [
                  {
                    ownerId: people.member.user.id,
                    text: 'Walk action',
                    dueAt: new Date(app.app.get(Clock).now().getTime() + DAY).toISOString(),
                  },
                ],
              },
            ],
          },
          people.member,
        );
      },
      ['meeting.agenda_frozen', 'meeting.minutes_recorded', 'follow_up.created'],
    ],
    [
      'GET /api/v1/meetings/:id/minutes',
      () => get(`/api/v1/meetings/${ids.meeting}/minutes`, people.member),
      ['meeting.minutes_viewed'],
    ],
    [
      'POST /api/v1/break-glass',
      async () => {
        const restricted = await post(
          '/api/v1/concerns',
          {
            subject: { fullName: 'Glass Subject', dateOfBirth: '2009-01-01', districtId: ids.district },
            category: 'gang_crime',
            narrative: 'Behind glass',
            source: 'professional',
            riskLevel: 'high',
            classification: 'agency_restricted',
          },
          people.reporter,
        );
        return post(
          '/api/v1/break-glass',
          {
            resourceType: 'Concern',
            resourceId: restricted.body.id,
            reasonCode: 'imminent_risk',
            justification: 'The walk needs one grant to review',
          },
          people.coordinator,
        );
      },
      ['break_glass.granted'],
    ],
    [
      'GET /api/v1/audit/break-glass',
      () =>
        get('/api/v1/audit/break-glass', people.auditor).then((response) => {
          ids.grant = response.body.items[0].id;
          return response;
        }),
      ['break_glass.listed'],
    ],
    [
      'POST /api/v1/audit/break-glass/:id/review',
      () =>
        post(`/api/v1/audit/break-glass/${ids.grant}/review`, { outcome: 'justified', note: 'Walk' }, people.auditor),
      ['break_glass.reviewed'],
    ],
    ['GET /api/v1/audit/events', () => get('/api/v1/audit/events', people.auditor), ['audit.searched']],
    [
      'GET /api/v1/audit/events.csv',
      () => app.http.bytes('/api/v1/audit/events.csv', { token: people.auditor.token }),
      ['audit.exported'],
    ],
    [
      'GET /api/v1/audit/subjects/:id/accesses',
      () => get(`/api/v1/audit/subjects/${ids.subject}/accesses`, people.auditor),
      ['audit.searched'],
    ],
    ['GET /api/v1/audit/flags', () => get('/api/v1/audit/flags', people.auditor), ['audit.flags_viewed']],
    ['GET /api/v1/audit/verify', () => get('/api/v1/audit/verify', people.auditor), ['audit.verified']],
    ['POST /api/v1/auth/logout', () => post('/api/v1/auth/logout', { refreshToken }, people.reporter), ['auth.logout']],
    ['GET /health/live', () => app.http.get('/health/live'), []],
    ['GET /health/ready', () => app.http.get('/health/ready'), []],
    ['GET /api/v1/districts', () => get('/api/v1/districts', people.admin), []],
    ['GET /api/v1/agencies', () => get('/api/v1/agencies', people.admin), []],
    ['GET /api/v1/agencies/:id', () => get(`/api/v1/agencies/${ids.agency}`, people.admin), []],
  ];

  it('has a step for every registered route, and leaves nothing out', () => {
    const routes = registeredRoutes(app).map((route) => `${route.method} ${route.path}`);
    expect(WALK.map(([route]) => route).sort()).toEqual([...new Set(routes)].sort());
    expect(
      WALK.filter(([, , actions]) => actions.length === 0)
        .map(([route]) => route)
        .sort(),
    ).toEqual([...NOT_PERSONAL].sort());
  });

  it.each(WALK.map(([route, call, actions], index) => ({ route, call, actions, index })))(
    '$route',
    async ({ call, actions }) => {
      const before = await lastSeq();
      const response = await call();
      expect(response.status).toBeLessThan(300);
      const written = (await eventsAfter(before)).map((event) => event.action);
      for (const action of actions) expect(written).toContain(action);
    },
  );

  it('records every refusal: each route an admin or an auditor may not use leaves a denied event', async () => {
    const tokens = {
      admin: (await login(app.http, people.admin.user.email)).accessToken,
      auditor: (await login(app.http, people.auditor.user.email)).accessToken,
    };
    const unrecorded: string[] = [];
    for (const route of registeredRoutes(app)) {
      const path = route.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      for (const [who, token] of Object.entries(tokens)) {
        const before = await lastSeq();
        const response = await app.http.request(route.method, path, route.method === 'GET' ? undefined : {}, { token });
        if (response.status !== 403 && response.status !== 404) continue;
        const denied = (await eventsAfter(before)).filter((event) => event.outcome === 'denied');
        if (denied.length === 0) unrecorded.push(`${who} ${route.method} ${route.path} (${response.status})`);
      }
    }
    expect(unrecorded).toEqual([]);
  });

  it('loses no audit event while Redis is down: the trail never passes through a queue', async () => {
    const offline = await startTestApp(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      { database: app.database, redisPrefix: app.redisPrefix },
    );
    try {
      const before = await lastSeq();
      const token = (await login(offline.http, people.coordinator.user.email)).accessToken;
      const read = await offline.http.get(`/api/v1/concerns/${ids.concern}`, { token });
      expect(read.status).toBe(200);
      const created = await offline.http.post(
        '/api/v1/follow-ups',
        {
          referralId: ids.referral,
          ownerId: people.caseWorker.user.id,
          text: 'Made without Redis',
          dueAt: new Date(Date.now() + DAY).toISOString(),
        },
        { token },
      );
      expect(created.status).toBe(201);
      const written = (await eventsAfter(before)).map((event) => event.action);
      expect(written).toEqual(expect.arrayContaining(['auth.login', 'concern.read', 'follow_up.created']));
    } finally {
      await offline.close();
    }
  });
});
