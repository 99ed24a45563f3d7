import { AgencyKind } from '../../src/agencies/agency-kind';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Concern } from '../../src/concerns/concern.entity';
import { Consent } from '../../src/consents/consent.entity';
import { District } from '../../src/districts/district.entity';
import { Referral } from '../../src/referrals/referral.entity';
import {
  createAgency,
  createConcernRecord,
  createConsentRecord,
  createDistrict,
  createReferralRecord,
  signedIn,
} from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
const DAY = 24 * 3_600_000;

/**
 * "Why can I see this" (GET /concerns/:id/access, /referrals/:id/access): the rule that matched for each
 * kind of reader, from the same rules the reads use; 404 exactly where the record's own read is 404.
 */
describe('why can I see this', () => {
  let app: TestApp;
  let east: District;
  let west: District;
  const agencies = {} as Record<'school' | 'social' | 'police' | 'health' | 'childWelfare', { id: string }>;
  const people = {} as Record<
    | 'coordinator'
    | 'glassCoordinator'
    | 'westCoordinator'
    | 'reporter'
    | 'schoolCaseWorker'
    | 'socialCaseWorker'
    | 'childWelfareCaseWorker'
    | 'policeReporter'
    | 'policeCaseWorker'
    | 'healthCaseWorker'
    | 'admin'
    | 'auditor',
    SignedIn
  >;
  let schoolConcern: Concern;
  let policeConcern: Concern;
  let vitalConcern: Concern;
  let endangered: string;
  let consent: Consent;
  let consentReferral: Referral;
  let statutoryReferral: Referral;
  let vitalReferral: Referral;
  let grant: { id: string; expiresAt: string };
  const consentEnds = new Date(Date.now() + 30 * DAY);

  const access = (who: SignedIn, kind: 'concerns' | 'referrals', id: string) =>
    app.http.get(`/api/v1/${kind}/${id}/access`, { token: who.token });
  const read = (who: SignedIn, kind: 'concerns' | 'referrals', id: string) =>
    app.http.get(`/api/v1/${kind}/${id}`, { token: who.token });

  beforeAll(async () => {
    app = await startTestApp();
    east = await createDistrict(app.dataSource);
    west = await createDistrict(app.dataSource);
    const agency = (kind: AgencyKind) => createAgency(app.dataSource, { kind, districtId: east.id });
    const school = await agency('school');
    const social = await agency('social_services');
    const police = await agency('police');
    const health = await agency('health');
    const childWelfare = await agency('child_welfare');
    Object.assign(agencies, { school, social, police, health, childWelfare });
    const person = (fields: Parameters<typeof signedIn>[2]) => signedIn(app.http, app.dataSource, fields);
    people.coordinator = await person({ roles: ['coordinator'], districts: [east] });
    people.glassCoordinator = await person({ roles: ['coordinator'], districts: [east] });
    people.westCoordinator = await person({ roles: ['coordinator'], districts: [west] });
    people.reporter = await person({ roles: ['reporter'], agency: school, districts: [east] });
    people.schoolCaseWorker = await person({ roles: ['case_worker'], agency: school, districts: [east] });
    people.socialCaseWorker = await person({ roles: ['case_worker'], agency: social, districts: [east] });
    people.childWelfareCaseWorker = await person({ roles: ['case_worker'], agency: childWelfare, districts: [east] });
    people.policeReporter = await person({ roles: ['reporter'], agency: police, districts: [east] });
    people.policeCaseWorker = await person({ roles: ['case_worker'], agency: police, districts: [east] });
    people.healthCaseWorker = await person({ roles: ['case_worker'], agency: health, districts: [east] });
    people.admin = await person({ roles: ['admin'] });
    people.auditor = await person({ roles: ['auditor'] });

    schoolConcern = await createConcernRecord(app.dataSource, {
      reporter: people.reporter.user,
      districtId: east.id,
      classification: 'coordination',
    });
    consent = await createConsentRecord(app.dataSource, {
      subjectId: schoolConcern.subjectId,
      agencyIds: [social.id],
      recordedBy: people.coordinator.user,
      validUntil: consentEnds,
    });
    consentReferral = await createReferralRecord(app.dataSource, {
      concernId: schoolConcern.id,
      toAgencyId: social.id,
      createdBy: people.coordinator.user,
      consentId: consent.id,
    });
    statutoryReferral = await createReferralRecord(app.dataSource, {
      concernId: schoolConcern.id,
      toAgencyId: childWelfare.id,
      createdBy: people.coordinator.user,
      legalBasis: 'statutory_duty',
    });
    policeConcern = await createConcernRecord(app.dataSource, {
      reporter: people.policeReporter.user,
      districtId: east.id,
      classification: 'agency_restricted',
    });
    vitalConcern = await createConcernRecord(app.dataSource, {
      reporter: people.policeReporter.user,
      districtId: east.id,
      classification: 'agency_restricted',
    });
    vitalReferral = await createReferralRecord(app.dataSource, {
      concernId: vitalConcern.id,
      toAgencyId: social.id,
      createdBy: people.coordinator.user,
      legalBasis: 'vital_interest',
    });
    const logged = await app.http.post(
      '/api/v1/concerns',
      {
        subject: { fullName: 'Ada Endangered', dateOfBirth: '2011-04-05', districtId: east.id },
        category: 'gang_crime',
        narrative: 'Threatened outside the school',
        source: 'professional',
        riskLevel: 'immediate_danger',
      },
      { token: people.reporter.token },
    );
    expect(logged.status).toBe(201);
    endangered = logged.body.id;
    const opened = await app.http.post(
      '/api/v1/break-glass',
      {
        resourceType: 'concern',
        resourceId: policeConcern.id,
        reasonCode: 'imminent_risk',
        justification: 'The police cannot be reached and the young person is at risk tonight',
      },
      { token: people.glassCoordinator.token },
    );
    expect(opened.status).toBe(201);
    grant = { id: opened.body.id, expiresAt: opened.body.expiresAt };
  });
  afterAll(() => app.close());

  const agencyRef = (id: string) => expect.objectContaining({ id });

  type Row = [string, () => SignedIn, () => string, 'full' | 'stub', () => object[]];
  const concernRows: Row[] = [
    [
      'the reporter who logged it',
      () => people.reporter,
      () => schoolConcern.id,
      'full',
      () => [{ rule: 'reporter', shows: 'full' }],
    ],
    [
      'a case worker of the owning agency',
      () => people.schoolCaseWorker,
      () => schoolConcern.id,
      'full',
      () => [{ rule: 'owning_agency', shows: 'full', agency: agencyRef(agencies.school.id) }],
    ],
    [
      'a coordinator of the district',
      () => people.coordinator,
      () => schoolConcern.id,
      'full',
      () => [{ rule: 'district_coordinator', shows: 'full', districtId: east.id }],
    ],
    [
      'the receiving case worker, on consent until its end',
      () => people.socialCaseWorker,
      () => schoolConcern.id,
      'full',
      () => [
        {
          rule: 'shared_with_agency',
          shows: 'full',
          share: 'referral',
          referralId: consentReferral.id,
          legalBasis: 'consent',
          consentId: consent.id,
          until: consentEnds.toISOString(),
        },
      ],
    ],
    [
      'a case worker of an agency referred by statutory duty',
      () => people.childWelfareCaseWorker,
      () => schoolConcern.id,
      'full',
      () => [
        {
          rule: 'shared_with_agency',
          shows: 'full',
          share: 'referral',
          referralId: statutoryReferral.id,
          legalBasis: 'statutory_duty',
        },
      ],
    ],
    [
      'a coordinator of the district, on a police concern',
      () => people.coordinator,
      () => policeConcern.id,
      'stub',
      () => [{ rule: 'district_coordinator_stub', shows: 'stub', districtId: east.id }],
    ],
    [
      'a coordinator with a break-glass grant',
      () => people.glassCoordinator,
      () => policeConcern.id,
      'full',
      () => [
        { rule: 'break_glass', shows: 'full', grantId: grant.id, until: grant.expiresAt },
        { rule: 'district_coordinator_stub', shows: 'stub', districtId: east.id },
      ],
    ],
    [
      'a coordinator, on a police concern referred on vital interest',
      () => people.coordinator,
      () => vitalConcern.id,
      'full',
      () => [
        { rule: 'vital_interest', shows: 'full', districtId: east.id, legalBasis: 'vital_interest' },
        { rule: 'district_coordinator_stub', shows: 'stub', districtId: east.id },
      ],
    ],
    [
      'the agency a vital-interest referral went to',
      () => people.socialCaseWorker,
      () => vitalConcern.id,
      'full',
      () => [
        {
          rule: 'shared_with_agency',
          shows: 'full',
          share: 'referral',
          referralId: vitalReferral.id,
          legalBasis: 'vital_interest',
        },
      ],
    ],
    [
      'the police the district names for emergencies',
      () => people.policeCaseWorker,
      () => endangered,
      'full',
      () => [{ rule: 'shared_with_agency', shows: 'full', share: 'emergency', legalBasis: 'vital_interest' }],
    ],
  ];

  it.each(concernRows)('names the rule for %s', async (_who, who, id, view, grounds) => {
    const answer = await access(who(), 'concerns', id());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      resourceType: 'concern',
      resourceId: id(),
      view,
      grounds: grounds(),
      withheld: view === 'stub' ? expect.any(Object) : null,
    });
  });

  it('says of a stub what is withheld and which agency to ask', async () => {
    const answer = await access(people.coordinator, 'concerns', policeConcern.id);
    expect(answer.body.withheld).toEqual({
      rule: 'agency_restricted',
      owningAgency: { id: agencies.police.id, name: expect.any(String), kind: 'police' },
      fields: expect.arrayContaining(['subject', 'narrative', 'source']),
    });
    expect(answer.body.withheld.fields).not.toContain('pseudonym');
  });

  const referralRows: Row[] = [
    [
      'the receiving case worker, on consent until its end',
      () => people.socialCaseWorker,
      () => consentReferral.id,
      'full',
      () => [
        {
          rule: 'receiving_agency',
          shows: 'full',
          agency: agencyRef(agencies.social.id),
          referralId: consentReferral.id,
          legalBasis: 'consent',
          consentId: consent.id,
          until: consentEnds.toISOString(),
        },
      ],
    ],
    [
      'a coordinator of the district',
      () => people.coordinator,
      () => consentReferral.id,
      'full',
      () => [{ rule: 'district_coordinator', shows: 'full', districtId: east.id }],
    ],
    [
      'the agency referred by statutory duty',
      () => people.childWelfareCaseWorker,
      () => statutoryReferral.id,
      'full',
      () => [
        {
          rule: 'receiving_agency',
          shows: 'full',
          agency: agencyRef(agencies.childWelfare.id),
          referralId: statutoryReferral.id,
          legalBasis: 'statutory_duty',
        },
      ],
    ],
  ];

  it.each(referralRows)('names the rule on a referral for %s', async (_who, who, id, view, grounds) => {
    const answer = await access(who(), 'referrals', id());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      resourceType: 'referral',
      resourceId: id(),
      view,
      grounds: grounds(),
      withheld: null,
    });
  });

  const hidden: [string, () => SignedIn, 'concerns' | 'referrals', () => string][] = [
    ['a coordinator of another district', () => people.westCoordinator, 'concerns', () => schoolConcern.id],
    ['an agency nothing shares it with', () => people.healthCaseWorker, 'concerns', () => schoolConcern.id],
    ['the police, of a school concern', () => people.policeCaseWorker, 'concerns', () => schoolConcern.id],
    ['another receiving agency', () => people.childWelfareCaseWorker, 'referrals', () => consentReferral.id],
    ['a coordinator of another district', () => people.westCoordinator, 'referrals', () => consentReferral.id],
    ['an admin', () => people.admin, 'concerns', () => schoolConcern.id],
    ['an auditor', () => people.auditor, 'referrals', () => consentReferral.id],
  ];

  it.each(hidden)('answers %s as the record’s own read does', async (_who, who, kind, id) => {
    const own = await read(who(), kind, id());
    expect([403, 404]).toContain(own.status);
    expect((await access(who(), kind, id())).status).toBe(own.status);
  });

  it('answers 404 for an unknown record and 400 for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    expect((await access(people.coordinator, 'concerns', unknown)).status).toBe(404);
    expect((await access(people.coordinator, 'referrals', unknown)).status).toBe(404);
    expect((await access(people.coordinator, 'concerns', 'not-a-uuid')).status).toBe(400);
  });

  it('audits the answer with the subject and the basis it rests on', async () => {
    await access(people.socialCaseWorker, 'concerns', schoolConcern.id);
    await access(people.socialCaseWorker, 'referrals', consentReferral.id);
    const events = app.dataSource.getRepository(AuditEvent);
    const byCaseWorker = (action: string, resourceId: string) =>
      events.findBy({ action, resourceId, actorId: people.socialCaseWorker.user.id });
    expect(await byCaseWorker('concern.explain_access', schoolConcern.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subjectId: schoolConcern.subjectId,
          outcome: 'allowed',
          purpose: `consent:${consent.id}`,
        }),
      ]),
    );
    expect(await byCaseWorker('referral.explain_access', consentReferral.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subjectId: schoolConcern.subjectId,
          outcome: 'allowed',
          purpose: `consent:${consent.id}`,
        }),
      ]),
    );
  });

  it('has no answer for the receiving case worker once the consent is withdrawn; the coordinator’s stays', async () => {
    const withdrawn = await app.http.post(
      `/api/v1/consents/${consent.id}/withdraw`,
      {},
      { token: people.coordinator.token },
    );
    expect(withdrawn.status).toBe(200);
    expect((await access(people.socialCaseWorker, 'concerns', schoolConcern.id)).status).toBe(404);
    expect((await access(people.socialCaseWorker, 'referrals', consentReferral.id)).status).toBe(404);
    expect((await read(people.socialCaseWorker, 'concerns', schoolConcern.id)).status).toBe(404);
    const coordinator = await access(people.coordinator, 'referrals', consentReferral.id);
    expect(coordinator.body.grounds).toEqual([{ rule: 'district_coordinator', shows: 'full', districtId: east.id }]);
  });
});
