import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessBranches, accessSql, AccessTarget } from '../access/access-sql';
import {
  concernShareBranches,
  concernShareFields,
  binder,
  concernSharesQuery,
  ShareRow,
  sharesMatterTo,
} from '../access/shares';
import { Agency } from '../agencies/agency.entity';
import { AgencyKind } from '../agencies/agency-kind';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { entityRows } from '../database/entity-rows';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoTime, Page, PageQuery, paginateBranches } from '../database/pagination';
import { InvalidInputError } from '../http/domain-errors';
import { District } from '../districts/district.entity';
import { sharePurpose } from '../referrals/legal-basis';
import { Concern } from './concern.entity';
import { ConcernFilter, concernFilterSql } from './concern-filter';
import { ConcernSort, ConcernStatus, RISK_LEVELS, RISK_LEVELS_HIGHEST_FIRST, RiskLevel } from './concern-vocabulary';
import { EmergencyShare } from './emergency-share.entity';
import { Subject } from '../subjects/subject.entity';
import { User } from '../users/user.entity';

export type NewConcern = Pick<
  Concern,
  | 'subjectId'
  | 'category'
  | 'narrative'
  | 'source'
  | 'riskLevel'
  | 'classification'
  | 'owningAgencyId'
  | 'reporterId'
  | 'districtId'
>;

/** A concern as logged, with what its reporter's answer names of its owning agency and its reporter. */
interface InsertedConcernRow {
  id: string;
  referred_on_vital_interest: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  owner_name: string;
  owner_kind: AgencyKind;
  owner_district_id: string | null;
  owner_created_at: Date;
  owner_updated_at: Date;
  reporter_name: string;
  reporter_email: string;
  reporter_agency_id: string;
  reporter_agency_name: string;
}

/** What may be changed of a concern by its reporter or owning agency. */
export type ConcernChanges = Partial<
  Pick<Concern, 'category' | 'narrative' | 'source' | 'riskLevel' | 'classification'>
>;

/** What the list reads: the filters (the caller's id for `reporter=me`), the order, and the page. */
export type ConcernListFilter = ConcernFilter & PageQuery & { sort?: ConcernSort };

const invalidCursor = () =>
  new InvalidInputError('cursor is not one this service issued', [{ field: 'cursor', message: 'invalid cursor' }]);

function encodeCursorAt(key: string, id: string): string {
  return Buffer.from(JSON.stringify({ key, id }), 'utf8').toString('base64url');
}

/** Where an intake page ends: the risk level and the position in it. */
function intakeCursor(concern: Concern): string {
  const position = { riskLevel: concern.riskLevel, key: concern.createdAt.toISOString(), id: concern.id };
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function intakePosition(cursor: string): { riskLevel: RiskLevel; key: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const position = parsed as { riskLevel?: unknown; key?: unknown; id?: unknown } | null;
  if (
    !position ||
    !RISK_LEVELS.includes(position.riskLevel as RiskLevel) ||
    typeof position.key !== 'string' ||
    !isIsoTime(position.key) ||
    typeof position.id !== 'string' ||
    !isUUID(position.id)
  ) {
    throw invalidCursor();
  }
  return position as { riskLevel: RiskLevel; key: string; id: string };
}

export type Triage = Pick<Concern, 'status' | 'triageOutcome' | 'triageNote' | 'triagedById' | 'triagedAt'>;

/** A concern's status until a coordinator triages it. */
const UNTRIAGED: ConcernStatus = 'new';

const NEW_CONCERN: NewConcern = {
  subjectId: DummyValue.UUID,
  category: 'other',
  narrative: DummyValue.STRING,
  source: 'professional',
  riskLevel: 'low',
  classification: 'coordination',
  owningAgencyId: DummyValue.UUID,
  reporterId: DummyValue.UUID,
  districtId: DummyValue.UUID,
};

/**
 * Every query about concerns and their emergency shares. Reads take the caller's ability and come
 * back with the shares in force attached (`sharedWith`, `shareBases`) where the caller's rules turn
 * on them, for the field checks and the basis of each read.
 */
@Injectable()
export class ConcernsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Made once, from the entities' metadata (see accessTarget and concernRead). */
  private concernColumns?: Record<string, string>;
  private concernReadRows?: { sql: string; from: (row: Record<string, unknown>) => Concern };

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private accessTarget(now: Date): AccessTarget {
    this.concernColumns ??= entityColumns(this.dataSource, Concern);
    return { alias: 'concern', columns: { ...this.concernColumns, ...concernShareFields('concern', now) } };
  }

  /**
   * Subject, owning agency and reporter, each many-to-one: one row per concern. Of the reporter,
   * only who to contact: never their password hash or second factor.
   */
  private withRelations(tx: EntityManager): SelectQueryBuilder<Concern> {
    return tx
      .getRepository(Concern)
      .createQueryBuilder('concern')
      .innerJoinAndSelect('concern.subject', 'subject')
      .innerJoinAndSelect('concern.owningAgency', 'owningAgency')
      .innerJoin('concern.reporter', 'reporter')
      .addSelect(['reporter.id', 'reporter.name', 'reporter.email'])
      .innerJoin('reporter.agency', 'reporterAgency')
      .addSelect(['reporterAgency.id', 'reporterAgency.name']);
  }

  /**
   * One concern read as `withRelations` reads it, written by hand: the detail read is the hottest path, and
   * TypeORM's query builder and hydration cost more CPU than the read itself. Made once, from the entities.
   */
  private get concernRead() {
    this.concernReadRows ??= (() => {
      const concern = entityRows(this.dataSource, Concern, 'concern');
      const subject = entityRows(this.dataSource, Subject, 'subject');
      const owningAgency = entityRows(this.dataSource, Agency, 'owningAgency');
      const reporter = entityRows(this.dataSource, User, 'reporter', ['id', 'email', 'name']);
      const reporterAgency = entityRows(this.dataSource, Agency, 'reporterAgency', ['id', 'name']);
      return {
        sql: `SELECT ${[concern, subject, owningAgency, reporter, reporterAgency].map((rows) => rows.select).join(', ')}
                FROM "concerns" "concern"
                JOIN "subjects" "subject" ON "subject"."id" = "concern"."subject_id"
                JOIN "agencies" "owningAgency" ON "owningAgency"."id" = "concern"."owning_agency_id"
                JOIN "users" "reporter" ON "reporter"."id" = "concern"."reporter_id"
                JOIN "agencies" "reporterAgency" ON "reporterAgency"."id" = "reporter"."agency_id"`,
        from: (row: Record<string, unknown>): Concern =>
          Object.assign(concern.from(row), {
            subject: subject.from(row),
            owningAgency: owningAgency.from(row),
            reporter: Object.assign(reporter.from(row), { agency: reporterAgency.from(row) }),
          }),
      };
    })();
    return this.concernReadRows;
  }

  /**
   * A page of the concerns the caller may see, filtered: newest first, or in the intake's order
   * (highest risk, then oldest first). Read rule by rule: each access rule's rows from its own
   * index, a page at most (CONVENTIONS 11). The caller's own concerns (`reporterId`) need no shares:
   * their reporter reads them in full whatever else shares them, so that list is one query.
   */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, { limit: 50 }] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, { limit: 50 }] })
  @GenerateSql({ name: 'as the police', params: [DummyValue.tx, DummyValue.caller.police, { limit: 50 }] })
  @GenerateSql({
    name: 'as a reporter, filtered, from a cursor',
    params: [
      DummyValue.tx,
      DummyValue.caller.reporter,
      {
        limit: 50,
        status: 'new',
        districtId: DummyValue.UUID,
        category: 'other',
        riskLevel: 'high',
        subjectId: DummyValue.UUID,
        cursor: Buffer.from(JSON.stringify({ key: DummyValue.DATE.toISOString(), id: DummyValue.UUID })).toString(
          'base64url',
        ),
      },
    ],
  })
  @GenerateSql({
    name: 'my concerns, as a reporter',
    params: [DummyValue.tx, DummyValue.caller.reporter, { limit: 50, reporterId: DummyValue.UUID }],
  })
  @GenerateSql({
    name: 'the intake, as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, { limit: 50, status: 'new', sort: 'intake' }],
  })
  @GenerateSql({ name: 'as an auditor', params: [DummyValue.tx, DummyValue.caller.auditor, { limit: 50 }] })
  async page(tx: EntityManager, ability: AppAbility, filter: ConcernListFilter): Promise<Page<Concern>> {
    const page =
      filter.sort === 'intake'
        ? await this.intakePage(tx, ability, filter)
        : await this.branchPage(tx, ability, filter, filter, 'DESC');
    if (filter.reporterId) {
      for (const concern of page.items) Object.assign(concern, { sharedWith: [], shareBases: {} });
    } else {
      await this.attachShares(tx, ability, page.items);
    }
    return page;
  }

  /** One order's page of the filtered concerns the caller may see, by creation time, read rule by rule. */
  private branchPage(
    tx: EntityManager,
    ability: AppAbility,
    filter: ConcernFilter,
    page: PageQuery,
    direction: 'ASC' | 'DESC',
  ): Promise<Page<Concern>> {
    const now = this.clock.now();
    const filtered = () => {
      const { param, params } = binder('filter');
      return tx
        .getRepository(Concern)
        .createQueryBuilder('concern')
        .where(concernFilterSql('concern', filter, param), params);
    };
    const access = accessBranches(ability, 'read', 'Concern', {
      ...this.accessTarget(now),
      branches: concernShareBranches('concern', now),
    });
    return paginateBranches(this.withRelations(tx), { branch: filtered, access }, page, {
      column: 'createdAt',
      direction,
      keyOf: (concern) => concern.createdAt.toISOString(),
      keyIsValid: isIsoTime,
    });
  }

  /**
   * The intake's order: highest risk first, then oldest first. One risk level at a time, each read
   * oldest first rule by rule as any page is, until the page is full: at most one query per level.
   * The cursor names the level and the position in it.
   */
  private async intakePage(tx: EntityManager, ability: AppAbility, filter: ConcernListFilter): Promise<Page<Concern>> {
    const position = filter.cursor ? intakePosition(filter.cursor) : undefined;
    const levels = RISK_LEVELS_HIGHEST_FIRST.filter((level) => !filter.riskLevel || level === filter.riskLevel);
    const start = position ? levels.indexOf(position.riskLevel) : 0;
    if (start < 0) throw invalidCursor();
    const items: Concern[] = [];
    let more = false;
    for (let at = start; at < levels.length; at += 1) {
      const wanted = filter.limit - items.length;
      const cursor = at === start && position ? encodeCursorAt(position.key, position.id) : undefined;
      // Once the page is full, one row of the next level says whether there is a next page.
      const part = await this.branchPage(
        tx,
        ability,
        { ...filter, riskLevel: levels[at] },
        { limit: Math.max(wanted, 1), cursor },
        'ASC',
      );
      if (wanted === 0) {
        more = part.items.length > 0;
        break;
      }
      items.push(...part.items);
      if (part.nextCursor) {
        more = true;
        break;
      }
    }
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? intakeCursor(last) : null };
  }

  /** One concern the caller may see, with its current shares attached for the field checks; else null. */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  @GenerateSql({ name: 'as a reporter', params: [DummyValue.tx, DummyValue.caller.reporter, DummyValue.UUID] })
  async findVisible(tx: EntityManager, ability: AppAbility, id: string): Promise<Concern | null> {
    // The CASL rules become the WHERE, so a row the caller may not see is never loaded.
    const access = accessSql(ability, 'read', 'Concern', this.accessTarget(this.clock.now()));
    const read = this.concernRead;
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `${read.sql} WHERE (${access.sql}) AND "concern"."id" = :id`,
      { ...access.params, id },
      {},
    );
    const [row] = await tx.query<Record<string, unknown>[]>(sql, parameters);
    if (!row) return null;
    const concern = read.from(row);
    await this.attachShares(tx, ability, [concern]);
    return concern;
  }

  /**
   * The shares in force of each concern: the agencies it is shared with, and the basis of the oldest
   * share to each, in one query for all — and only for a caller whose rules turn on them.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.caseWorker, [{ id: DummyValue.UUID }]] })
  async attachShares(tx: EntityManager, ability: AppAbility, concerns: Concern[]): Promise<void> {
    for (const concern of concerns) {
      concern.sharedWith = [];
      concern.shareBases = {};
    }
    if (concerns.length === 0 || !sharesMatterTo(ability)) return;
    const shares = concernSharesQuery(
      concerns.map((concern) => concern.id),
      this.clock.now(),
    );
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(shares.sql, shares.params, {});
    const rows: ShareRow[] = await tx.query(sql, parameters);
    const byId = new Map(concerns.map((concern) => [concern.id, concern]));
    // Oldest first: the first share to an agency is the basis its reads are recorded under.
    for (const row of rows) {
      const concern = byId.get(row.concern_id)!;
      if (!concern.sharedWith!.includes(row.agency_id)) concern.sharedWith!.push(row.agency_id);
      concern.shareBases![row.agency_id] ??= sharePurpose({ legalBasis: row.legal_basis, consentId: row.consent_id });
    }
  }

  /**
   * Logs a concern about `subject` and answers it as its reporter sees it, in one statement: the row as stored, with
   * its owning agency and its reporter (who to contact, and their agency). Nothing shares a concern just logged with
   * its reporter (an emergency share goes to the police, who see their own concerns in full anyway), so no shares.
   */
  @GenerateSql({ params: [DummyValue.tx, NEW_CONCERN, { id: DummyValue.UUID }] })
  async insert(tx: EntityManager, concern: NewConcern, subject: Subject): Promise<Concern> {
    const [row] = await tx.query<InsertedConcernRow[]>(
      `WITH inserted AS (
         INSERT INTO concerns (subject_id, category, narrative, source, risk_level, classification, owning_agency_id,
                               reporter_id, district_id, status, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)
         RETURNING id, referred_on_vital_interest, version, created_at, updated_at)
       SELECT inserted.*, owner.name AS owner_name, owner.kind AS owner_kind, owner.district_id AS owner_district_id,
              owner.created_at AS owner_created_at, owner.updated_at AS owner_updated_at,
              reporter.name AS reporter_name, reporter.email AS reporter_email, reporter.agency_id AS reporter_agency_id,
              reporter_agency.name AS reporter_agency_name
         FROM inserted
         JOIN agencies owner ON owner.id = $7
         JOIN users reporter ON reporter.id = $8
         JOIN agencies reporter_agency ON reporter_agency.id = reporter.agency_id`,
      [
        concern.subjectId,
        concern.category,
        concern.narrative,
        concern.source,
        concern.riskLevel,
        concern.classification,
        concern.owningAgencyId,
        concern.reporterId,
        concern.districtId,
        UNTRIAGED,
      ],
    );
    return tx.create(Concern, {
      ...concern,
      id: row.id,
      status: UNTRIAGED,
      triageOutcome: null,
      triageNote: null,
      triagedById: null,
      triagedAt: null,
      referredOnVitalInterest: row.referred_on_vital_interest,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      subject,
      owningAgency: tx.create(Agency, {
        id: concern.owningAgencyId,
        name: row.owner_name,
        kind: row.owner_kind,
        districtId: row.owner_district_id,
        createdAt: row.owner_created_at,
        updatedAt: row.owner_updated_at,
      }),
      reporter: tx.create(User, {
        id: concern.reporterId,
        name: row.reporter_name,
        email: row.reporter_email,
        agency: tx.create(Agency, { id: row.reporter_agency_id, name: row.reporter_agency_name }),
      }),
      sharedWith: [],
      shareBases: {},
    });
  }

  /** Changes the concern if it is still at `version`; false when someone changed it since. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, 1, { narrative: DummyValue.STRING, riskLevel: 'high' }] })
  async updateAtVersion(tx: EntityManager, id: string, version: number, changes: ConcernChanges): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(Concern)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }

  /** Records the triage if the concern is still untriaged; false when someone triaged it first. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      {
        status: 'referral_pending',
        triageOutcome: 'refer',
        triageNote: DummyValue.STRING,
        triagedById: DummyValue.UUID,
        triagedAt: DummyValue.DATE,
      },
    ],
  })
  async recordTriage(tx: EntityManager, id: string, triage: Triage): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(Concern)
      .set(triage)
      .where('id = :id AND status = :untriaged', { id, untriaged: UNTRIAGED })
      .execute();
    return result.affected === 1;
  }

  /** The police agency a district names for its emergencies, if any. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  namedEmergencyPolice(tx: EntityManager, districtId: string): Promise<Agency | null> {
    return tx
      .createQueryBuilder(Agency, 'police')
      .innerJoin(District, 'district', 'district.emergencyPoliceAgencyId = police.id')
      .where('district.id = :districtId', { districtId })
      .getOne();
  }

  /** The rule from before districts named their police: one serving the district, else a city-wide one. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  async fallbackPolice(tx: EntityManager, districtId: string): Promise<Agency | null> {
    return (
      (await tx.findOne(Agency, { where: { kind: 'police', districtId }, order: { name: 'ASC' } })) ??
      (await tx.findOne(Agency, { where: { kind: 'police', districtId: IsNull() }, order: { name: 'ASC' } }))
    );
  }

  /**
   * Opens the concern to a police agency on vital interest: once per concern and agency (raising it
   * again reopens the same share, since it holds while the danger does).
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID, DummyValue.UUID] })
  async openToPolice(tx: EntityManager, concernId: string, agencyId: string, raisedById: string): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(EmergencyShare)
      .values({ concernId, agencyId, legalBasis: 'vital_interest', raisedById })
      .orIgnore()
      .execute();
  }
}
