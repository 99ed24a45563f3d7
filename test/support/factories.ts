import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgencyKind } from '../../src/agencies/agency-kind';
import { Agency } from '../../src/agencies/agency.entity';
import { Classification } from '../../src/concerns/concern-vocabulary';
import { Concern } from '../../src/concerns/concern.entity';
import { District } from '../../src/districts/district.entity';
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
  return dataSource.getRepository(Subject).save({
    pseudonym: newPseudonym(),
    fullName,
    nameKey: nameKey(fullName),
    dateOfBirth: fields.dateOfBirth ?? '2010-01-01',
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
