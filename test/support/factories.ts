import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgencyKind } from '../../src/agencies/agency-kind';
import { Agency } from '../../src/agencies/agency.entity';
import { Classification } from '../../src/concerns/concern-vocabulary';
import { Concern } from '../../src/concerns/concern.entity';
import { Consent, ConsentGiver } from '../../src/consents/consent.entity';
import { District } from '../../src/districts/district.entity';
import { FollowUp, FollowUpState } from '../../src/follow-ups/follow-up.entity';
import { Meeting, MeetingParticipant } from '../../src/meetings/entities/meeting.entity';
import { DEFAULT_DURATION_MINUTES, MeetingKind } from '../../src/meetings/meeting-vocabulary';
import { concernStage } from '../../src/referrals/referral-lifecycle.service';
import { LegalBasis, OPEN_REFERRAL_STATUSES, ReferralStatus } from '../../src/referrals/referral-vocabulary';
import { Referral } from '../../src/referrals/referral.entity';
import { nameKey } from '../../src/subjects/name-key';
import { newPseudonym } from '../../src/subjects/pseudonym';
import { Subject } from '../../src/subjects/subject.entity';
import { PasswordHasher } from '../../src/users/password-hasher.service';
import { Role } from '../../src/users/role';
import { User } from '../../src/users/user.entity';
import { Http } from './http';

export const TEST_PASSWORD = 'correct horse battery staple';
const hasher = new PasswordHasher();
const unique = () => randomBytes(4).toString('hex');

export function createDistrict(dataSource: DataSource, name = `District ${unique()}`): Promise<District> {
  return dataSource.getRepository(District).save({ name });
}

/** An agency; a district's first police agency also becomes the one that receives its emergencies. */
export async function createAgency(
  dataSource: DataSource,
  fields: { kind?: AgencyKind; name?: string; districtId?: string | null } = {},
): Promise<Agency> {
  const agency = await dataSource.getRepository(Agency).save({
    name: fields.name ?? `Agency ${unique()}`,
    kind: fields.kind ?? 'social_services',
    districtId: fields.districtId ?? null,
  });
  if (agency.kind === 'police' && agency.districtId) {
    await dataSource.query(
      'UPDATE districts SET emergency_police_agency_id = $1 WHERE id = $2 AND emergency_police_agency_id IS NULL',
      [agency.id, agency.districtId],
    );
  }
  return agency;
}

export interface UserFields {
  roles?: Role[];
  agency?: Agency;
  districts?: District[];
  email?: string;
  name?: string;
  password?: string;
  active?: boolean;
}

/** A user straight in the database (the directory API has its own tests). */
export async function createUser(dataSource: DataSource, fields: UserFields = {}): Promise<User> {
  const agency = fields.agency ?? (await createAgency(dataSource));
  const roles = fields.roles ?? ['reporter'];
  const needsDistrict = roles.includes('coordinator') || roles.includes('forum_member');
  const districts = fields.districts ?? (needsDistrict ? [await createDistrict(dataSource)] : []);
  return dataSource.getRepository(User).save({
    email: fields.email ?? `user.${unique()}@test.samvirke.example`,
    name: fields.name ?? `Test Person ${unique()}`,
    passwordHash: await hasher.hash(fields.password ?? TEST_PASSWORD),
    agencyId: agency.id,
    roles,
    districts,
    active: fields.active ?? true,
    totpSecretEncrypted: null,
    totpConfirmedAt: null,
    totpLastStep: null,
  });
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function login(http: Http, email: string, password = TEST_PASSWORD, totp?: string): Promise<Tokens> {
  const response = await http.post('/api/v1/auth/login', { email, password, ...(totp ? { totp } : {}) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Tokens;
}

/** A user of the given roles, logged in. */
export async function signedIn(http: Http, dataSource: DataSource, fields: UserFields = {}) {
  const user = await createUser(dataSource, fields);
  const tokens = await login(http, user.email, fields.password ?? TEST_PASSWORD);
  return { user, token: tokens.accessToken, tokens };
}

export async function createSubjectRecord(
  dataSource: DataSource,
  fields: { districtId: string; createdBy: User; fullName?: string; dateOfBirth?: string },
): Promise<Subject> {
  const fullName = fields.fullName ?? `Test Subject ${unique()}`;
  const dateOfBirth = fields.dateOfBirth ?? '2010-01-01';
  return dataSource.getRepository(Subject).save({
    pseudonym: newPseudonym(),
    fullName,
    nameKey: nameKey(fullName),
    dateOfBirth,
    birthYear: Number(dateOfBirth.slice(0, 4)),
    districtId: fields.districtId,
    createdById: fields.createdBy.id,
    createdByAgencyId: fields.createdBy.agencyId,
  });
}

/** A concern straight in the database, logged by `reporter` about a new subject of `districtId`. */
export async function createConcernRecord(
  dataSource: DataSource,
  fields: { reporter: User; districtId: string; classification: Classification; narrative?: string },
): Promise<Concern> {
  const subject = await createSubjectRecord(dataSource, { districtId: fields.districtId, createdBy: fields.reporter });
  return dataSource.getRepository(Concern).save({
    subjectId: subject.id,
    category: 'violent_extremism',
    narrative: fields.narrative ?? `Narrative ${unique()}`,
    source: 'professional',
    riskLevel: 'moderate',
    classification: fields.classification,
    owningAgencyId: fields.reporter.agencyId,
    reporterId: fields.reporter.id,
    districtId: fields.districtId,
    status: 'new',
    triageOutcome: null,
    triageNote: null,
    triagedById: null,
    triagedAt: null,
  });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A consent straight in the database, to `agencyIds`, about the subject (and kept by its district):
 * a named guardian's, given now, open-ended and not withdrawn unless told.
 */
export async function createConsentRecord(
  dataSource: DataSource,
  fields: {
    subjectId: string;
    agencyIds: string[];
    recordedBy: { id: string };
    givenBy?: ConsentGiver;
    guardianName?: string | null;
    purpose?: string;
    givenAt?: Date;
    validUntil?: Date | null;
    withdrawnAt?: Date | null;
  },
): Promise<Consent> {
  const subject = await dataSource.getRepository(Subject).findOneByOrFail({ id: fields.subjectId });
  const givenBy = fields.givenBy ?? 'guardian';
  return dataSource.getRepository(Consent).save({
    subjectId: subject.id,
    districtId: subject.districtId,
    givenBy,
    guardianName:
      fields.guardianName !== undefined ? fields.guardianName : givenBy === 'guardian' ? 'A Guardian' : null,
    agencyIds: fields.agencyIds,
    purpose: fields.purpose ?? 'Support',
    givenAt: fields.givenAt ?? new Date(),
    validUntil: fields.validUntil ?? null,
    withdrawnAt: fields.withdrawnAt ?? null,
    withdrawnById: fields.withdrawnAt ? fields.recordedBy.id : null,
    recordedById: fields.recordedBy.id,
  });
}

/**
 * A referral straight in the database, of the concern to `toAgencyId`: pending, on the named consent
 * or else by statutory duty, reviewed in a week unless told. The concern follows as the API would
 * leave it (triaged as `refer` if it was not, its stage and vital-interest share from its referrals);
 * unlike the API, no review follow-up is made and nothing is audited or queued.
 */
export async function createReferralRecord(
  dataSource: DataSource,
  fields: {
    concernId: string;
    toAgencyId: string;
    createdBy: { id: string };
    legalBasis?: LegalBasis;
    consentId?: string | null;
    programme?: string | null;
    reason?: string;
    reviewDate?: string;
    status?: ReferralStatus;
    caseWorkerId?: string | null;
  },
): Promise<Referral> {
  const concerns = dataSource.getRepository(Concern);
  const concern = await concerns.findOneByOrFail({ id: fields.concernId });
  const referral = await dataSource.getRepository(Referral).save({
    concernId: concern.id,
    concernCreatedAt: concern.createdAt,
    subjectId: concern.subjectId,
    districtId: concern.districtId,
    toAgencyId: fields.toAgencyId,
    programme: fields.programme ?? null,
    legalBasis: fields.legalBasis ?? (fields.consentId ? 'consent' : 'statutory_duty'),
    consentId: fields.consentId ?? null,
    reason: fields.reason ?? `Reason ${unique()}`,
    reviewDate: fields.reviewDate ?? new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
    status: fields.status ?? 'pending',
    caseWorkerId: fields.caseWorkerId ?? null,
    declineReason: null,
    outcome: null,
    outcomeNote: null,
    createdById: fields.createdBy.id,
  });
  const referrals = await dataSource.getRepository(Referral).findBy({ concernId: concern.id });
  await concerns.update(concern.id, {
    status: concernStage(referrals.map((each) => each.status)),
    referredOnVitalInterest: referrals.some(
      (each) => each.legalBasis === 'vital_interest' && OPEN_REFERRAL_STATUSES.includes(each.status),
    ),
    ...(concern.triageOutcome === null
      ? {
          triageOutcome: 'refer' as const,
          triageNote: 'Refer',
          triagedById: fields.createdBy.id,
          triagedAt: new Date(),
        }
      : {}),
  });
  return referral;
}

/**
 * A follow-up straight in the database, owned by `owner`: an open task due in a day and reminded an
 * hour before, on no referral and escalating to no district unless told. Nothing is queued: call the
 * scheduler when the test wants its jobs.
 */
export async function createFollowUpRecord(
  dataSource: DataSource,
  fields: {
    owner: { id: string };
    kind?: string;
    referralId?: string | null;
    createdBy?: { id: string } | null;
    districtId?: string | null;
    minuteId?: string | null;
    text?: string;
    dueAt?: Date;
    remindAt?: Date;
    state?: FollowUpState;
  },
): Promise<FollowUp> {
  const dueAt = fields.dueAt ?? new Date(Date.now() + DAY);
  return dataSource.getRepository(FollowUp).save({
    kind: fields.kind ?? 'task',
    referralId: fields.referralId ?? null,
    ownerId: fields.owner.id,
    createdById: fields.createdBy?.id ?? null,
    districtId: fields.districtId ?? null,
    minuteId: fields.minuteId ?? null,
    text: fields.text ?? `Follow-up ${unique()}`,
    dueAt,
    remindAt: fields.remindAt ?? new Date(dueAt.getTime() - HOUR),
    state: fields.state ?? 'open',
    escalationLevel: 0,
    closedAt: fields.state && fields.state !== 'open' ? new Date() : null,
  });
}

/**
 * A meeting straight in the database, of the district and in its time zone: a two-hour forum three
 * days from now with `participants` invited, unless told. No agenda is made and nothing is queued.
 */
export async function createMeetingRecord(
  dataSource: DataSource,
  fields: {
    districtId: string;
    participants?: { id: string }[];
    kind?: MeetingKind;
    startsAt?: Date;
    durationMinutes?: number;
    location?: string | null;
    createdBy?: { id: string } | null;
    timeZone?: string;
  },
): Promise<Meeting> {
  const district = await dataSource.getRepository(District).findOneByOrFail({ id: fields.districtId });
  const meeting = await dataSource.getRepository(Meeting).save({
    districtId: district.id,
    kind: fields.kind ?? 'forum',
    startsAt: fields.startsAt ?? new Date(Date.now() + 3 * DAY),
    timeZone: fields.timeZone ?? district.timeZone,
    durationMinutes: fields.durationMinutes ?? DEFAULT_DURATION_MINUTES,
    location: fields.location ?? null,
    seriesId: null,
    seriesDate: null,
    createdById: fields.createdBy?.id ?? null,
    agendaGeneratedAt: null,
    agendaFrozenAt: null,
  });
  const participants = fields.participants ?? [];
  if (participants.length > 0) {
    await dataSource
      .getRepository(MeetingParticipant)
      .insert(participants.map((user) => ({ meetingId: meeting.id, userId: user.id, attended: null })));
  }
  return meeting;
}
