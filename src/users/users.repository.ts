import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql, VirtualField } from '../access/access-sql';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { Page, paginate } from '../database/pagination';
import { District } from '../districts/district.entity';
import { PersonQuery } from './dto/person.dto';
import { UserQuery } from './dto/user.dto';
import { CASE_ROLES, DISTRICT_SCOPED_ROLES } from './role';
import { User } from './user.entity';

export type NewUser = Pick<User, 'email' | 'name' | 'passwordHash' | 'agencyId' | 'roles'> & {
  districts: District[];
  locale?: string;
};

export type SecondFactorFields = Partial<Pick<User, 'totpSecretEncrypted' | 'totpConfirmedAt' | 'totpLastStep'>>;

/** What the directory shows of an account: never its password hash or second-factor secret. */
const DIRECTORY_COLUMNS = [
  'account.id',
  'account.email',
  'account.name',
  'account.agencyId',
  'account.roles',
  'account.active',
  'account.totpConfirmedAt',
  'account.locale',
  'account.createdAt',
  'account.updatedAt',
];

/** A person scoped to the district (user_districts): where their district-scoped roles are held. */
const scopedTo = (district: string) =>
  `"person"."id" IN (SELECT "scope"."user_id" FROM user_districts "scope" WHERE "scope"."district_id" = ${district})`;

/** A person of the district: of an agency that serves it, or scoped to it. */
const inDistrict = (district: string) =>
  `("person"."agency_id" IN (SELECT "served"."id" FROM agencies "served" WHERE "served"."district_id" = ${district}) OR ${scopedTo(district)})`;

/** The people directory's rule fields (CASL conditions on `Person`) as SQL. */
const PERSON_FIELDS: Record<string, string | VirtualField> = {
  agencyId: 'agency_id',
  districtId: (value, param) => inDistrict(param(value)),
  role: (value, param) => `CAST(${param(value)} AS user_role) = ANY("person"."roles")`,
};

/** `q` as a LIKE pattern matching it anywhere, its own wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * Every query about user accounts. The directory's reads take the caller's ability and add it as
 * SQL (admins read every user; a caller reads their own profile). The sign-in path's reads
 * (`forCredentials`, `forAccount`) come before there is a caller: they establish one.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A user with agency and districts, if the caller may read users (the directory). */
  @GenerateSql({ name: 'as an admin', params: [DummyValue.tx, DummyValue.caller.admin, DummyValue.UUID] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  findWithDirectory(tx: EntityManager, ability: AppAbility, id: string): Promise<User | null> {
    return this.directory(tx, ability, 'User').andWhere('account.id = :id', { id }).getOne();
  }

  /** The caller's own account with agency and districts (GET /me). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.reporter, DummyValue.UUID] })
  findProfile(tx: EntityManager, ability: AppAbility, id: string): Promise<User | null> {
    return this.directory(tx, ability, 'Profile').andWhere('account.id = :id', { id }).getOne();
  }

  /** The directory's list: by e-mail address, with agency and districts. */
  @GenerateSql({ name: 'as an admin', params: [DummyValue.tx, DummyValue.caller.admin, { limit: DummyValue.NUMBER }] })
  @GenerateSql({
    name: 'filtered',
    params: [
      DummyValue.tx,
      DummyValue.caller.admin,
      { limit: DummyValue.NUMBER, agencyId: DummyValue.UUID, role: 'coordinator', active: true },
    ],
  })
  page(tx: EntityManager, ability: AppAbility, filter: UserQuery): Promise<Page<User>> {
    const query = this.directory(tx, ability, 'User');
    if (filter.agencyId) query.andWhere('account.agencyId = :agencyId', { agencyId: filter.agencyId });
    if (filter.role) query.andWhere('CAST(:role AS user_role) = ANY(account.roles)', { role: filter.role });
    if (filter.active !== undefined) query.andWhere('account.active = :active', { active: filter.active });
    return paginate(query, filter, { column: 'email', direction: 'ASC', keyOf: (user) => user.email });
  }

  /**
   * The people directory: active people holding a case role whom the caller may see (`Person`), by name. Only what
   * the directory shows is selected: name, agency and roles.
   */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, { limit: 50 }] })
  @GenerateSql({
    name: 'case workers of a district',
    params: [
      DummyValue.tx,
      DummyValue.caller.coordinator,
      { limit: 50, districtId: DummyValue.UUID, role: 'case_worker', q: DummyValue.STRING },
    ],
  })
  @GenerateSql({
    name: 'coordinators of a district',
    params: [
      DummyValue.tx,
      DummyValue.caller.coordinator,
      { limit: 50, districtId: DummyValue.UUID, role: 'coordinator' },
    ],
  })
  @GenerateSql({
    name: 'as a case worker',
    params: [DummyValue.tx, DummyValue.caller.caseWorker, { limit: 50, agencyId: DummyValue.UUID }],
  })
  people(tx: EntityManager, ability: AppAbility, filter: PersonQuery): Promise<Page<User>> {
    const access = accessSql(ability, 'read', 'Person', { alias: 'person', columns: PERSON_FIELDS });
    const query = tx
      .getRepository(User)
      .createQueryBuilder('person')
      .select(['person.id', 'person.name', 'person.agencyId', 'person.roles'])
      .innerJoin('person.agency', 'agency')
      .addSelect(['agency.id', 'agency.name', 'agency.kind'])
      .where('person.active')
      .andWhere('person.roles && CAST(:caseRoles AS user_role[])', { caseRoles: CASE_ROLES })
      .andWhere(access.sql, access.params);
    if (filter.districtId) {
      // A coordinator or forum member works in the districts they are scoped to, whatever their agency serves.
      const scopedOnly = filter.role !== undefined && DISTRICT_SCOPED_ROLES.includes(filter.role);
      query.andWhere(scopedOnly ? scopedTo(':districtId') : inDistrict(':districtId'), {
        districtId: filter.districtId,
      });
    }
    if (filter.agencyId) query.andWhere('person.agencyId = :agencyId', { agencyId: filter.agencyId });
    if (filter.role) query.andWhere('CAST(:role AS user_role) = ANY(person.roles)', { role: filter.role });
    if (filter.q) query.andWhere(`person.name ILIKE :q ESCAPE '\\'`, { q: containing(filter.q) });
    return paginate(query, filter, { column: 'name', direction: 'ASC', keyOf: (person) => person.name });
  }

  /** Locks the user's row until the transaction ends, so two admins' changes apply one after the other. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async lock(tx: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]);
    return rows.length > 0;
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        email: 'someone@example.test',
        name: DummyValue.STRING,
        passwordHash: DummyValue.STRING,
        agencyId: DummyValue.UUID,
        roles: ['reporter'],
        districts: [],
      },
    ],
  })
  async insert(tx: EntityManager, fields: NewUser): Promise<string> {
    const user = await tx.save(
      tx.create(User, {
        ...fields,
        active: true,
        totpSecretEncrypted: null,
        totpConfirmedAt: null,
        totpLastStep: null,
      }),
    );
    return user.id;
  }

  /** Saves a changed user (read with `findWithDirectory`), districts included. */
  async save(tx: EntityManager, user: User): Promise<void> {
    await tx.save(User, user);
  }

  /** Which of these e-mail addresses have an account (the demo seed's check). */
  @GenerateSql({ params: [DummyValue.tx, ['someone@example.test']] })
  async existingEmails(tx: EntityManager, emails: string[]): Promise<string[]> {
    const rows: { email: string }[] = await tx.query('SELECT email FROM users WHERE email = ANY($1)', [emails]);
    return rows.map((row) => row.email);
  }

  /** Whether there is any account at all (a first start loads the demo city). */
  @GenerateSql({ params: [] })
  async anyUser(): Promise<boolean> {
    const [row]: { any: boolean }[] = await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM users) AS "any"');
    return row?.any ?? false;
  }

  /** The account an e-mail address names, for the credential check (no caller yet). */
  @GenerateSql({ params: [DummyValue.tx, 'someone@example.test'] })
  forCredentials(tx: EntityManager, email: string): Promise<User | null> {
    return tx.findOneBy(User, { email });
  }

  /** The account of a session or token being used (no caller yet, or the caller's own), locked on request. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  @GenerateSql({ name: 'locked', params: [DummyValue.tx, DummyValue.UUID, true] })
  forAccount(tx: EntityManager, id: string, lock = false): Promise<User | null> {
    return tx.findOne(User, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, { totpConfirmedAt: DummyValue.DATE }] })
  async updateSecondFactor(tx: EntityManager, id: string, fields: SecondFactorFields): Promise<void> {
    await tx.update(User, { id }, fields);
  }

  /** The caller's own preferences (only the language so far). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 'en'] })
  async updateLocale(tx: EntityManager, id: string, locale: string): Promise<void> {
    await tx.update(User, { id }, { locale });
  }

  /** Claims a TOTP time step in one conditional update, so of two requests racing with one code only one wins. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.NUMBER] })
  async claimTotpStep(tx: EntityManager, id: string, step: number): Promise<boolean> {
    const claimed = await tx
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: String(step) })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id, step })
      .execute();
    return claimed.affected === 1;
  }

  /** Users with agency and districts (their names; the directory's columns) that the caller may read as `subject`. */
  private directory(tx: EntityManager, ability: AppAbility, subject: 'User' | 'Profile'): SelectQueryBuilder<User> {
    const access = accessSql(ability, 'read', subject, { alias: 'account', columns: {} });
    return tx
      .getRepository(User)
      .createQueryBuilder('account')
      .select(DIRECTORY_COLUMNS)
      .leftJoin('account.agency', 'agency')
      .addSelect(['agency.id', 'agency.name', 'agency.kind'])
      .leftJoin('account.districts', 'district')
      .addSelect(['district.id', 'district.name', 'district.timeZone'])
      .where(access.sql, access.params);
  }
}
