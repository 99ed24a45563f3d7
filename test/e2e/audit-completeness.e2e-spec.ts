/**
 * The route walk: every route of the application is called once, as someone allowed to, and
 * must leave the audit events it should (a route missing from the table fails the test); then
 * every route is called by an admin and an auditor, and every route with an id by a caller from
 * another district and one from another agency: each refusal must leave exactly one denied event,
 * under the action the route's policy names.
 */
import { gzipSync } from 'node:zlib';
import { authenticator } from 'otplib';
import { AccessFlagsService } from '../../src/audit/access-flags.service';
import { Clock } from '../../src/clock/clock';
import { District } from '../../src/districts/district.entity';
import { dateInDays, postConsent, postFollowUp, postMeeting, postReferral } from '../support/case-flows';
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
      ['session.create'],
    ],
    [
      'POST /api/v1/auth/refresh',
      async () => {
        const response = await app.http.post('/api/v1/auth/refresh', { refreshToken });
        refreshToken = response.body.refreshToken;
        return response;
      },
      ['session.refresh'],
    ],
    ['GET /api/v1/me', () => get('/api/v1/me', people.reporter), ['profile.read']],
    ['PATCH /api/v1/me', () => patch('/api/v1/me', { locale: 'en' }, people.reporter), ['profile.update']],
    [
      'POST /api/v1/auth/totp/enrol',
      async () => {
        const response = await post('/api/v1/auth/totp/enrol', undefined, people.enrolling);
        totpSecret = response.body.secret;
        return response;
      },
      ['user.enrol_second_factor'],
    ],
    [
      'POST /api/v1/auth/totp/confirm',
      () =>
        post(
          '/api/v1/auth/totp/confirm',
          { code: authenticator.clone({ epoch: Date.now() - 30_000 }).generate(totpSecret) },
          people.enrolling,
        ),
      ['user.confirm_second_factor'],
    ],
    [
      'POST /api/v1/auth/totp/disable',
      () => post('/api/v1/auth/totp/disable', { code: authenticator.generate(totpSecret) }, people.enrolling),
      ['user.disable_second_factor'],
    ],
    [
      'POST /api/v1/districts',
      () => post('/api/v1/districts', { name: `Walk ${Date.now()}` }, people.admin),
      ['district.create'],
    ],
    [
      'PATCH /api/v1/districts/:id',
      () => patch(`/api/v1/districts/${ids.district}`, { emergencyPoliceAgencyId: ids.police }, people.admin),
      ['district.update'],
    ],
    [
      'POST /api/v1/agencies',
      () =>
        post('/api/v1/agencies', { name: `Walk agency ${Date.now()}`, kind: 'youth_service' }, people.admin).then(
          remember('newAgency'),
        ),
      ['agency.create'],
    ],
    [
      'PATCH /api/v1/agencies/:id',
      () => patch(`/api/v1/agencies/${ids.newAgency}`, { name: `Walk agency renamed ${Date.now()}` }, people.admin),
      ['agency.update'],
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
      ['user.create'],
    ],
    ['GET /api/v1/users', () => get('/api/v1/users', people.admin), ['user.list']],
    ['GET /api/v1/users/:id', () => get(`/api/v1/users/${ids.newUser}`, people.admin), ['user.read']],
    ['GET /api/v1/people', () => get('/api/v1/people', people.coordinator), ['directory.list_people']],
    [
      'POST /api/v1/queue-dashboard/ticket',
      () => post('/api/v1/queue-dashboard/ticket', undefined, people.admin),
      ['queue.manage'],
    ],
    [
      'POST /api/v1/users/:id/second-factor/reset',
      () =>
        post(
          `/api/v1/users/${ids.newUser}/second-factor/reset`,
          { reason: 'Lost phone, checked by call' },
          people.admin,
        ),
      ['user.reset_second_factor'],
    ],
    [
      'POST /api/v1/users/:id/hand-over',
      () => post(`/api/v1/users/${ids.newUser}/hand-over`, { toUserId: people.caseWorker.user.id }, people.admin),
      ['user.hand_over'],
    ],
    [
      'PATCH /api/v1/users/:id',
      () => patch(`/api/v1/users/${ids.newUser}`, { active: false }, people.admin),
      ['user.update'],
    ],
    [
      'POST /api/v1/subjects',
      () =>
        post(
          '/api/v1/subjects',
          { fullName: 'Walk Subject', dateOfBirth: '2010-02-03', districtId: ids.district },
          people.reporter,
        ).then(remember('subject')),
      ['subject.create'],
    ],
    ['GET /api/v1/subjects/:id', () => get(`/api/v1/subjects/${ids.subject}`, people.reporter), ['subject.read']],
    [
      'GET /api/v1/subjects',
      () => get('/api/v1/subjects?query=Walk%20Subject&purpose=log_concern', people.reporter),
      ['subject.search'],
    ],
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
      ['concern.create'],
    ],
    ['GET /api/v1/concerns', () => get('/api/v1/concerns', people.reporter), ['concern.list']],
    ['GET /api/v1/concerns/:id', () => get(`/api/v1/concerns/${ids.concern}`, people.reporter), ['concern.read']],
    [
      'GET /api/v1/concerns/:id/timeline',
      () => get(`/api/v1/concerns/${ids.concern}/timeline`, people.reporter),
      ['concern.read'],
    ],
    [
      'GET /api/v1/concerns/:id/access',
      () => get(`/api/v1/concerns/${ids.concern}/access`, people.reporter),
      ['concern.explain_access'],
    ],
    ['GET /api/v1/me/work', () => get('/api/v1/me/work', people.coordinator), ['profile.read_work']],
    ['GET /api/v1/me/inboxes/:inbox', () => get('/api/v1/me/inboxes/referrals', people.caseWorker), ['inbox.read']],
    [
      'POST /api/v1/me/inboxes/:inbox/seen',
      () => post('/api/v1/me/inboxes/referrals/seen', {}, people.caseWorker),
      ['inbox.mark_seen'],
    ],
    [
      'POST /api/v1/saved-filters',
      () =>
        post(
          '/api/v1/saved-filters',
          { name: 'Walk queue', resource: 'concerns', query: { status: 'new' }, pinned: true },
          people.coordinator,
        ).then(remember('savedFilter')),
      ['saved_filter.create'],
    ],
    ['GET /api/v1/saved-filters', () => get('/api/v1/saved-filters', people.coordinator), ['saved_filter.list']],
    [
      'PATCH /api/v1/saved-filters/:id',
      () => patch(`/api/v1/saved-filters/${ids.savedFilter}`, { name: 'Walk queue, renamed' }, people.coordinator),
      ['saved_filter.update'],
    ],
    [
      'POST /api/v1/saved-filters/:id/seen',
      () => post(`/api/v1/saved-filters/${ids.savedFilter}/seen`, {}, people.coordinator),
      ['saved_filter.mark_seen'],
    ],
    [
      'DELETE /api/v1/saved-filters/:id',
      () =>
        app.http.request('DELETE', `/api/v1/saved-filters/${ids.savedFilter}`, undefined, {
          token: people.coordinator.token,
        }),
      ['saved_filter.delete'],
    ],
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
      ['concern.update'],
    ],
    [
      'POST /api/v1/concerns/:id/triage',
      () => post(`/api/v1/concerns/${ids.concern}/triage`, { outcome: 'refer', note: 'Walk' }, people.coordinator),
      ['concern.triage'],
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
      ['subject.link'],
    ],
    [
      'DELETE /api/v1/subjects/:id/links/:linkId',
      () =>
        app.http.request('DELETE', `/api/v1/subjects/${ids.subject}/links/${ids.link}`, undefined, {
          token: people.coordinator.token,
        }),
      ['subject.unlink'],
    ],
    [
      'POST /api/v1/consents',
      () =>
        postConsent(app.http, people.coordinator, {
          subjectId: ids.subject,
          guardianName: 'Walk Guardian',
          agencyIds: [ids.agency],
        }).then(remember('consent')),
      ['consent.create'],
    ],
    [
      'GET /api/v1/subjects/:id/consents',
      () => get(`/api/v1/subjects/${ids.subject}/consents`, people.coordinator),
      ['consent.list'],
    ],
    [
      'POST /api/v1/subjects/:id/legal-holds',
      () =>
        post(
          `/api/v1/subjects/${ids.subject}/legal-holds`,
          { reason: 'Court proceedings pending', until: new Date(Date.now() + 30 * DAY).toISOString() },
          people.coordinator,
        ).then(remember('legalHold')),
      ['legal_hold.create'],
    ],
    [
      'GET /api/v1/subjects/:id/legal-holds',
      () => get(`/api/v1/subjects/${ids.subject}/legal-holds`, people.coordinator),
      ['legal_hold.list'],
    ],
    ['GET /api/v1/legal-holds', () => get('/api/v1/legal-holds', people.auditor), ['legal_hold.list']],
    [
      'GET /api/v1/legal-holds/:id',
      () => get(`/api/v1/legal-holds/${ids.legalHold}`, people.admin),
      ['legal_hold.read'],
    ],
    [
      'POST /api/v1/legal-holds/:id/lift',
      () =>
        post(`/api/v1/legal-holds/${ids.legalHold}/lift`, { reason: 'The proceedings have ended' }, people.coordinator),
      ['legal_hold.lift'],
    ],
    [
      'POST /api/v1/subjects/:id/access-package',
      () =>
        post(
          `/api/v1/subjects/${ids.subject}/access-package`,
          { purpose: 'Access request 1', language: 'nb' },
          people.coordinator,
        ),
      ['subject.compile_access_package'],
    ],
    [
      'POST /api/v1/subjects/:id/erasure',
      async () => {
        // A subject of its own, with no case open: erasure anonymises it for good.
        const registered = await post(
          '/api/v1/subjects',
          { fullName: 'Walk Erased', dateOfBirth: '2011-02-03', districtId: ids.district },
          people.coordinator,
        );
        return post(
          `/api/v1/subjects/${registered.body.id}/erasure`,
          { ground: 'consent_withdrawn', reason: 'Asked to be forgotten' },
          people.coordinator,
        );
      },
      ['subject.anonymise'],
    ],
    ['GET /api/v1/retention/next-run', () => get('/api/v1/retention/next-run', people.admin), ['retention.preview']],
    ['GET /api/v1/retention/runs', () => get('/api/v1/retention/runs', people.admin), ['retention.list_runs']],
    [
      'POST /api/v1/referrals',
      () =>
        postReferral(app.http, people.coordinator, {
          concernId: ids.concern,
          toAgencyId: ids.agency,
          reason: 'Walk',
          reviewDate: dateInDays(2),
        }).then(remember('referral')),
      ['referral.create'],
    ],
    ['GET /api/v1/referrals', () => get('/api/v1/referrals', people.coordinator), ['referral.list']],
    ['GET /api/v1/referrals/:id', () => get(`/api/v1/referrals/${ids.referral}`, people.caseWorker), ['referral.read']],
    [
      'GET /api/v1/referrals/:id/access',
      () => get(`/api/v1/referrals/${ids.referral}/access`, people.caseWorker),
      ['referral.explain_access'],
    ],
    [
      'POST /api/v1/referrals/:id/notes',
      () => post(`/api/v1/referrals/${ids.referral}/notes`, { text: 'Walk note' }, people.caseWorker),
      ['referral.note'],
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
        const second = await postReferral(app.http, people.coordinator, {
          concernId: ids.concern,
          toAgencyId: ids.agency,
          consentId: ids.consent,
          reason: 'Walk again',
          reviewDate: dateInDays(2),
        });
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
      ['consent.withdraw'],
    ],
    [
      'POST /api/v1/follow-ups',
      () =>
        postFollowUp(app.http, people.coordinator, {
          referralId: ids.referral,
          ownerId: people.caseWorker.user.id,
          text: 'Walk task',
        }).then(remember('followUp')),
      ['follow_up.create'],
    ],
    ['GET /api/v1/follow-ups', () => get('/api/v1/follow-ups', people.caseWorker), ['follow_up.list']],
    [
      'POST /api/v1/follow-ups/:id/complete',
      () => post(`/api/v1/follow-ups/${ids.followUp}/complete`, {}, people.caseWorker),
      ['follow_up.complete'],
    ],
    [
      'PATCH /api/v1/follow-ups/:id',
      async () => {
        const another = await postFollowUp(app.http, people.coordinator, {
          referralId: ids.referral,
          ownerId: people.caseWorker.user.id,
          text: 'Walk task to move',
        });
        return patch(
          `/api/v1/follow-ups/${another.body.id}`,
          { dueAt: new Date(Date.now() + 3 * DAY).toISOString(), version: another.body.version },
          people.caseWorker,
        );
      },
      ['follow_up.reschedule'],
    ],
    [
      'POST /api/v1/follow-ups/:id/cancel',
      async () => {
        const another = await postFollowUp(app.http, people.coordinator, {
          referralId: ids.referral,
          ownerId: people.caseWorker.user.id,
          text: 'Walk task 2',
        });
        return post(`/api/v1/follow-ups/${another.body.id}/cancel`, {}, people.coordinator);
      },
      ['follow_up.cancel'],
    ],
    [
      'GET /api/v1/notifications',
      () =>
        get('/api/v1/notifications', people.coordinator).then((response) => {
          ids.notification = response.body.items[0]?.id;
          return response;
        }),
      ['notification.list'],
    ],
    [
      'POST /api/v1/notifications/:id/read',
      () => post(`/api/v1/notifications/${ids.notification}/read`, {}, people.coordinator),
      ['notification.mark_read'],
    ],
    [
      'POST /api/v1/meetings',
      () =>
        postMeeting(app.http, people.coordinator, {
          districtId: ids.district,
          participantIds: [people.member.user.id],
        }).then((response) => {
          ids.meeting = response.body.id;
          meetingVersion = response.body.version;
          return response;
        }),
      ['meeting.create'],
    ],
    ['GET /api/v1/meetings', () => get('/api/v1/meetings', people.member), ['meeting.list']],
    ['GET /api/v1/meetings/:id', () => get(`/api/v1/meetings/${ids.meeting}`, people.member), ['meeting.read']],
    [
      'PATCH /api/v1/meetings/:id',
      () =>
        patch(`/api/v1/meetings/${ids.meeting}`, { location: 'Room 2', version: meetingVersion }, people.coordinator),
      ['meeting.update'],
    ],
    [
      'POST /api/v1/forum-series',
      () =>
        post(
          '/api/v1/forum-series',
          { districtId: ids.district, rule: 'first Monday 09:00', participantIds: [people.member.user.id] },
          people.coordinator,
        ).then(remember('forumSeries')),
      ['forum_series.create'],
    ],
    ['GET /api/v1/forum-series', () => get('/api/v1/forum-series', people.coordinator), ['forum_series.read']],
    [
      'GET /api/v1/forum-series/:id',
      () => get(`/api/v1/forum-series/${ids.forumSeries}`, people.coordinator),
      ['forum_series.read'],
    ],
    [
      'PATCH /api/v1/forum-series/:id',
      () => patch(`/api/v1/forum-series/${ids.forumSeries}`, { location: 'Walk room' }, people.coordinator),
      ['forum_series.update'],
    ],
    [
      'POST /api/v1/meetings/:id/agenda',
      () => post(`/api/v1/meetings/${ids.meeting}/agenda`, {}, people.coordinator),
      ['agenda.generate', 'agenda.read'],
    ],
    [
      'GET /api/v1/meetings/:id/agenda',
      () => get(`/api/v1/meetings/${ids.meeting}/agenda`, people.member),
      ['agenda.read'],
    ],
    [
      'GET /api/v1/meetings/:id/agenda.pdf',
      () => app.http.bytes(`/api/v1/meetings/${ids.meeting}/agenda.pdf`, { token: people.member.token }),
      ['agenda.export'],
    ],
    [
      'GET /api/v1/meetings/:id/meeting.ics',
      () => app.http.bytes(`/api/v1/meetings/${ids.meeting}/meeting.ics`, { token: people.member.token }),
      ['meeting.export'],
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
      ['agenda.add_item'],
    ],
    [
      'PATCH /api/v1/meetings/:id/agenda/items/:itemId',
      () =>
        patch(`/api/v1/meetings/${ids.meeting}/agenda/items/${ids.agendaItem}`, { position: 1 }, people.coordinator),
      ['agenda.move_item'],
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
      ['agenda.freeze', 'minutes.record', 'follow_up.create'],
    ],
    [
      'GET /api/v1/meetings/:id/minutes',
      () => get(`/api/v1/meetings/${ids.meeting}/minutes`, people.member),
      ['minutes.read'],
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
            resourceType: 'concern',
            resourceId: restricted.body.id,
            reasonCode: 'imminent_risk',
            justification: 'The walk needs one grant to review',
          },
          people.coordinator,
        );
      },
      ['break_glass_grant.create'],
    ],
    [
      'GET /api/v1/audit/break-glass',
      () =>
        get('/api/v1/audit/break-glass', people.auditor).then((response) => {
          ids.grant = response.body.items[0].id;
          return response;
        }),
      ['break_glass_grant.list'],
    ],
    [
      'POST /api/v1/audit/break-glass/:id/review',
      () =>
        post(`/api/v1/audit/break-glass/${ids.grant}/review`, { outcome: 'justified', note: 'Walk' }, people.auditor),
      ['break_glass_grant.review'],
    ],
    ['GET /api/v1/audit/events', () => get('/api/v1/audit/events', people.auditor), ['audit_event.list']],
    [
      'GET /api/v1/audit/events.csv',
      () => app.http.bytes('/api/v1/audit/events.csv', { token: people.auditor.token }),
      ['audit_event.export'],
    ],
    ['GET /api/v1/audit/events/count', () => get('/api/v1/audit/events/count', people.auditor), ['audit_event.count']],
    [
      'POST /api/v1/audit/exports',
      () =>
        post('/api/v1/audit/exports', { filters: {}, purpose: 'Walk' }, people.auditor).then((response) => {
          ids.export = response.body.id;
          return response;
        }),
      ['audit_export.create'],
    ],
    ['GET /api/v1/audit/exports', () => get('/api/v1/audit/exports', people.auditor), ['audit_export.list']],
    [
      'GET /api/v1/audit/exports/:id',
      () => get(`/api/v1/audit/exports/${ids.export}`, people.auditor),
      ['audit_export.read'],
    ],
    [
      'GET /api/v1/audit/exports/:id/file',
      async () => {
        // No worker here: the export is made ready as the worker would leave it.
        await app.dataSource.query(`UPDATE audit_exports SET state = 'ready', row_count = 0, file = $2 WHERE id = $1`, [
          ids.export,
          gzipSync('occurredAt\n'),
        ]);
        return app.http.bytes(`/api/v1/audit/exports/${ids.export}/file`, { token: people.auditor.token });
      },
      ['audit_export.download'],
    ],
    [
      'GET /api/v1/audit/subjects/:id/accesses',
      () => get(`/api/v1/audit/subjects/${ids.subject}/accesses`, people.auditor),
      ['audit_event.list'],
    ],
    ['GET /api/v1/audit/flags', () => get('/api/v1/audit/flags', people.auditor), ['access_flag.list']],
    ['GET /api/v1/audit/verify', () => get('/api/v1/audit/verify', people.auditor), ['audit_event.verify']],
    [
      'POST /api/v1/audit/verifications',
      () =>
        post('/api/v1/audit/verifications', {}, people.auditor).then((response) => {
          ids.verification = response.body.id;
          return response;
        }),
      ['audit_verification.start'],
    ],
    [
      'GET /api/v1/audit/verifications',
      () => get('/api/v1/audit/verifications', people.auditor),
      ['audit_verification.read'],
    ],
    [
      'GET /api/v1/audit/verifications/:id',
      () => get(`/api/v1/audit/verifications/${ids.verification}`, people.auditor),
      ['audit_verification.read'],
    ],
    ['POST /api/v1/auth/logout', () => post('/api/v1/auth/logout', { refreshToken }, people.reporter), ['session.end']],
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
        if (denied.length !== 1 || denied[0].action !== route.audit) {
          unrecorded.push(
            `${who} ${route.method} ${route.path} (${response.status}): ${denied.map((e) => e.action).join(', ')}`,
          );
        }
      }
    }
    expect(unrecorded).toEqual([]);
  });

  /** Which record of the walk each route's `:id` names. */
  const ID_OF: [RegExp, string][] = [
    [/^\/api\/v1\/districts\//, 'district'],
    [/^\/api\/v1\/agencies\//, 'newAgency'],
    [/^\/api\/v1\/users\//, 'newUser'],
    [/^\/api\/v1\/subjects\//, 'subject'],
    [/^\/api\/v1\/concerns\//, 'concern'],
    [/^\/api\/v1\/consents\//, 'consent'],
    [/^\/api\/v1\/referrals\//, 'referral'],
    [/^\/api\/v1\/follow-ups\//, 'followUp'],
    [/^\/api\/v1\/notifications\//, 'notification'],
    [/^\/api\/v1\/meetings\//, 'meeting'],
    [/^\/api\/v1\/forum-series\//, 'forumSeries'],
    [/^\/api\/v1\/audit\/break-glass\//, 'grant'],
    [/^\/api\/v1\/legal-holds\//, 'legalHold'],
    [/^\/api\/v1\/saved-filters\//, 'savedFilter'],
    [/^\/api\/v1\/audit\/subjects\//, 'subject'],
    [/^\/api\/v1\/audit\/verifications\//, 'verification'],
    [/^\/api\/v1\/audit\/exports\//, 'export'],
  ];
  const pathOfRecord = (path: string) => {
    const [, key] = ID_OF.find(([prefix]) => prefix.test(path)) ?? [];
    if (!key) throw new Error(`No record of the walk for ${path}: add it to ID_OF`);
    return path.replace(':id', ids[key]).replace(':linkId', ids.link).replace(':itemId', ids.agendaItem);
  };
  /** A body its rightful caller could send: an outsider must be refused for the record, not for the body. */
  const bodyFor = (method: string, path: string): unknown => {
    if (method === 'GET' || method === 'DELETE') return undefined;
    const bodies: Record<string, unknown> = {
      'PATCH /api/v1/districts/:id': { name: 'Renamed by an outsider' },
      'PATCH /api/v1/agencies/:id': { name: 'Renamed by an outsider' },
      'PATCH /api/v1/users/:id': { name: 'Renamed by an outsider' },
      'POST /api/v1/users/:id/hand-over': { toUserId: people.caseWorker.user.id },
      'POST /api/v1/users/:id/second-factor/reset': { reason: 'An outsider’s reset' },
      'POST /api/v1/subjects/:id/links': { otherSubjectId: ids.subject, note: 'An outsider’s link' },
      'PATCH /api/v1/concerns/:id': { riskLevel: 'low', version: 1 },
      'POST /api/v1/concerns/:id/triage': { outcome: 'refer', note: 'An outsider’s triage' },
      'POST /api/v1/referrals/:id/notes': { text: 'An outsider’s note' },
      'POST /api/v1/referrals/:id/accept': { caseWorkerId: people.caseWorker.user.id, version: 1 },
      'POST /api/v1/referrals/:id/decline': { reason: 'An outsider’s refusal', version: 1 },
      'POST /api/v1/referrals/:id/start': { version: 1 },
      'POST /api/v1/referrals/:id/close': { outcome: 'completed', note: 'An outsider’s close', version: 1 },
      'PATCH /api/v1/meetings/:id': { location: 'Elsewhere', version: 1 },
      'PATCH /api/v1/forum-series/:id': { location: 'Elsewhere' },
      'PATCH /api/v1/follow-ups/:id': { dueAt: '2099-01-01T09:00:00Z', version: 1 },
      'POST /api/v1/meetings/:id/agenda/items': { title: 'An outsider’s item' },
      'PATCH /api/v1/meetings/:id/agenda/items/:itemId': { position: 1 },
      'POST /api/v1/meetings/:id/minutes': {
        items: [{ agendaItemId: ids.agendaItem, decision: 'An outsider’s decision', actions: [] }],
      },
      'POST /api/v1/audit/break-glass/:id/review': { outcome: 'justified', note: 'An outsider’s review' },
      'POST /api/v1/subjects/:id/legal-holds': { reason: 'An outsider’s hold', until: '2099-01-01T00:00:00Z' },
      'POST /api/v1/legal-holds/:id/lift': { reason: 'An outsider’s lift' },
      'POST /api/v1/subjects/:id/access-package': { purpose: 'An outsider’s request', language: 'en' },
      'POST /api/v1/subjects/:id/erasure': { ground: 'objection', reason: 'An outsider’s erasure' },
    };
    return bodies[`${method} ${path}`] ?? {};
  };

  it('records once every refusal of a record to a caller from another district or from another agency', async () => {
    const west = await createDistrict(app.dataSource);
    const westAgency = await createAgency(app.dataSource, { kind: 'social_services', districtId: west.id });
    const health = await createAgency(app.dataSource, { kind: 'health', districtId: east.id });
    const outsiders = {
      'another district': await signedIn(app.http, app.dataSource, {
        roles: ['coordinator', 'case_worker', 'reporter', 'forum_member'],
        agency: westAgency,
        districts: [west],
      }),
      'another agency': await signedIn(app.http, app.dataSource, {
        roles: ['case_worker', 'reporter', 'forum_member'],
        agency: health,
        districts: [east],
      }),
    };
    // The directory's agencies (names and kinds of organisations, no personal data) are read by every coordinator:
    // the referral form picks the receiving agency from them. Not a record of a district, so nobody's to refuse.
    const directory = ['GET /api/v1/agencies/:id'];
    const withId = registeredRoutes(app).filter(
      (route) => route.path.includes(':id') && !directory.includes(`${route.method} ${route.path}`),
    );
    expect(withId.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const route of withId) {
      for (const [who, caller] of Object.entries(outsiders)) {
        const before = await lastSeq();
        const response = await app.http.request(
          route.method,
          pathOfRecord(route.path),
          bodyFor(route.method, route.path),
          { token: caller.token },
        );
        const denied = (await eventsAfter(before)).filter((event) => event.outcome === 'denied');
        const call = `${who} ${route.method} ${route.path} (${response.status})`;
        if (response.status !== 403 && response.status !== 404) wrong.push(`${call}: not refused`);
        else if (denied.length !== 1 || denied[0].action !== route.audit) {
          wrong.push(`${call}: denied ${JSON.stringify(denied.map((event) => event.action))}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('flags a coordinator probing another district’s meetings, now that every refusal is recorded', async () => {
    const west = await createDistrict(app.dataSource);
    const prober = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [west] });
    for (const path of ['', '/agenda', '/minutes', '/meeting.ics', '/agenda.pdf']) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await app.http.request('GET', `/api/v1/meetings/${ids.meeting}${path}`, undefined, {
          token: prober.token,
        });
        expect(response.status).toBe(404);
      }
    }
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND outcome = 'denied' AND resource_id = $2`,
      [prober.user.id, ids.meeting],
    );
    expect(n).toBe(10);
    await app.app.get(AccessFlagsService).run(2);
    const flags = await app.http.get('/api/v1/audit/flags?kind=repeated_refusals&limit=200', {
      token: people.auditor.token,
    });
    expect(flags.status).toBe(200);
    const mine = flags.body.items.filter((flag: { userId: string }) => flag.userId === prober.user.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((flag: { kind: string }) => flag.kind === 'repeated_refusals')).toBe(true);
  });

  it('fails closed: a refusal whose denied event cannot be written answers the trail’s 503, as any unrecorded access', async () => {
    await app.dataSource.query(`
      CREATE FUNCTION refuse_denials() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.outcome = 'denied' THEN RAISE EXCEPTION 'no space left for the audit trail'; END IF;
        RETURN NEW;
      END $$`);
    await app.dataSource.query(
      'CREATE TRIGGER refuse_denials BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_denials()',
    );
    try {
      const west = await createDistrict(app.dataSource);
      const outsider = await signedIn(app.http, app.dataSource, { roles: ['coordinator'], districts: [west] });
      const refused = await get(`/api/v1/meetings/${ids.meeting}`, outsider);
      expect(refused.status).toBe(503);
      expect(refused.body.type).toMatch(/service-unavailable$/);
    } finally {
      await app.dataSource.query('DROP TRIGGER refuse_denials ON audit_events');
      await app.dataSource.query('DROP FUNCTION refuse_denials()');
    }
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
      const created = await postFollowUp(offline.http, token, {
        referralId: ids.referral,
        ownerId: people.caseWorker.user.id,
        text: 'Made without Redis',
      });
      expect(created.status).toBe(201);
      const written = (await eventsAfter(before)).map((event) => event.action);
      expect(written).toEqual(expect.arrayContaining(['session.create', 'concern.read', 'follow_up.create']));
    } finally {
      await offline.close();
    }
  });
});
