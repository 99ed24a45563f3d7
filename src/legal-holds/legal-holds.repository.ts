import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { binder, positionalBinder } from '../access/shares';
import { entityColumns } from '../database/entity-columns';
import { isIsoTime, Page, PageQuery, paginate } from '../database/pagination';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { legalHoldIsActive, subjectIsHeld } from './legal-hold-rules';
import { LegalHold } from './legal-hold.entity';

/** Someone who placed or lifted a hold: name and agency, as the hold's answer shows them. */
export interface HoldPerson {
  id: string;
  name: string;
  agency: { id: string; name: string };
}

/** A hold with the subject's pseudonym (never their identity) and who placed and lifted it. */
export type HoldWithNames = LegalHold & { pseudonym: string; placedBy: HoldPerson; liftedBy: HoldPerson | null };

export type NewLegalHold = Pick<
  LegalHold,
  'subjectId' | 'districtId' | 'reason' | 'placedById' | 'placedByAgencyId' | 'placedAt' | 'until'
>;

export type HoldLift = Pick<LegalHold, 'liftedAt' | 'liftedById' | 'liftReason'>;

export interface LegalHoldFilter extends Partial<PageQuery> {
  active?: boolean;
  districtId?: string;
}

/** Every query about legal holds: who may see which, the writes, and which subjects are held now. */
@Injectable()
export class LegalHoldsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The holds the caller may act on this way: the CASL rules as SQL. */
  private visible(tx: EntityManager, ability: AppAbility, action: 'read' | 'lift' = 'read') {
    const access = accessSql(ability, action, 'LegalHold', {
      alias: 'hold',
      columns: entityColumns(this.dataSource, LegalHold),
    });
    return tx.getRepository(LegalHold).createQueryBuilder('hold').where(access.sql, access.params);
  }

  /** The holds the caller may see, newest first, filtered by whether they are active at `now` and by district. */
  @GenerateSql({
    name: 'as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, { limit: 50 }, DummyValue.DATE],
  })
  @GenerateSql({
    name: 'as an auditor, active ones of a district',
    params: [
      DummyValue.tx,
      DummyValue.caller.auditor,
      { active: true, districtId: DummyValue.UUID, limit: 50 },
      DummyValue.DATE,
    ],
  })
  @GenerateSql({
    name: 'as an admin, lifted or lapsed ones',
    params: [DummyValue.tx, DummyValue.caller.admin, { active: false, limit: 50 }, DummyValue.DATE],
  })
  async list(tx: EntityManager, ability: AppAbility, filter: LegalHoldFilter, now: Date): Promise<Page<HoldWithNames>> {
    const query = this.visible(tx, ability);
    if (filter.districtId) query.andWhere('hold.districtId = :districtId', { districtId: filter.districtId });
    if (filter.active !== undefined) {
      const { param, params } = binder('holdActive');
      const active = legalHoldIsActive.sql('hold', now, param);
      query.andWhere(filter.active ? active : `NOT ${active}`, params);
    }
    const page = await paginate(
      query,
      { limit: filter.limit ?? 50, cursor: filter.cursor },
      {
        column: 'placedAt',
        direction: 'DESC',
        keyOf: (hold) => hold.placedAt.toISOString(),
        keyIsValid: isIsoTime,
      },
    );
    return { items: await this.withNames(tx, page.items), nextCursor: page.nextCursor };
  }

  /** The holds of one subject the caller may see, newest first. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  async forSubject(tx: EntityManager, ability: AppAbility, subjectId: string): Promise<HoldWithNames[]> {
    const holds = await this.visible(tx, ability)
      .andWhere('hold.subjectId = :subjectId', { subjectId })
      .orderBy('hold.placedAt', 'DESC')
      .addOrderBy('hold.id', 'DESC')
      .getMany();
    return this.withNames(tx, holds);
  }

  /** One hold the caller may see (null when they may not). */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as an auditor', params: [DummyValue.tx, DummyValue.caller.auditor, DummyValue.UUID] })
  async findVisible(tx: EntityManager, ability: AppAbility, id: string): Promise<HoldWithNames | null> {
    const hold = await this.visible(tx, ability).andWhere('hold.id = :id', { id }).getOne();
    return hold ? (await this.withNames(tx, [hold]))[0] : null;
  }

  /** One hold the caller may see, its row locked for a lift until the transaction ends (null when they may not). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  findVisibleForUpdate(tx: EntityManager, ability: AppAbility, id: string): Promise<LegalHold | null> {
    return this.visible(tx, ability).andWhere('hold.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        subjectId: DummyValue.UUID,
        districtId: DummyValue.UUID,
        reason: DummyValue.STRING,
        placedById: DummyValue.UUID,
        placedByAgencyId: DummyValue.UUID,
        placedAt: DummyValue.DATE,
        until: DummyValue.DATE,
      },
    ],
  })
  async insert(tx: EntityManager, hold: NewLegalHold): Promise<HoldWithNames> {
    const saved = await tx.save(tx.create(LegalHold, { ...hold, liftedAt: null, liftedById: null, liftReason: null }));
    return (await this.withNames(tx, [saved]))[0];
  }

  /** Records the lift, and answers the hold as it is now. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      { liftedAt: DummyValue.DATE, liftedById: DummyValue.UUID, liftReason: DummyValue.STRING },
    ],
  })
  async lift(tx: EntityManager, id: string, lift: HoldLift): Promise<HoldWithNames> {
    await tx
      .createQueryBuilder()
      .update(LegalHold)
      .set({ ...lift, version: () => '"version" + 1' })
      .where('id = :id', { id })
      .execute();
    return (await this.withNames(tx, [await tx.findOneByOrFail(LegalHold, { id })]))[0];
  }

  /**
   * Which of `subjectIds` have an active hold at `now` (`subjectIsHeld`): the subjects retention and
   * erasure must pass by. A hold past its `until` no longer counts, whether or not anyone lifted it.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID_SET, DummyValue.DATE] })
  async heldSubjectIds(tx: EntityManager, subjectIds: string[], now: Date): Promise<string[]> {
    if (subjectIds.length === 0) return [];
    const { param, values } = positionalBinder();
    const ids = param(subjectIds);
    const rows: { id: string }[] = await tx.query(
      `SELECT "s"."id" FROM subjects "s" WHERE "s"."id" = ANY(${ids}) AND ${subjectIsHeld('s', now, param)}`,
      values,
    );
    return rows.map((row) => row.id);
  }

  /** The holds with the subject's pseudonym and the name and agency of who placed and lifted each. */
  private async withNames(tx: EntityManager, holds: LegalHold[]): Promise<HoldWithNames[]> {
    if (holds.length === 0) return [];
    const subjects: { id: string; pseudonym: string }[] = await tx.query(
      'SELECT id, pseudonym FROM subjects WHERE id = ANY($1)',
      [[...new Set(holds.map((hold) => hold.subjectId))]],
    );
    const userIds = [
      ...new Set(holds.flatMap((hold) => [hold.placedById, ...(hold.liftedById ? [hold.liftedById] : [])])),
    ];
    const users: { id: string; name: string; agency_id: string }[] = await tx.query(
      'SELECT id, name, agency_id FROM users WHERE id = ANY($1)',
      [userIds],
    );
    const agencyIds = [
      ...new Set([...holds.map((hold) => hold.placedByAgencyId), ...users.map((row) => row.agency_id)]),
    ];
    const agencies: { id: string; name: string }[] = await tx.query(
      'SELECT id, name FROM agencies WHERE id = ANY($1)',
      [agencyIds],
    );
    const pseudonyms = new Map(subjects.map((row) => [row.id, row.pseudonym]));
    const agencyNames = new Map(agencies.map((row) => [row.id, row.name]));
    const userRows = new Map(users.map((row) => [row.id, row]));
    // The placer's agency is the one they placed the hold for; the lifter's, their agency now.
    const person = (id: string, agencyId?: string): HoldPerson => {
      const user = userRows.get(id)!;
      const agency = agencyId ?? user.agency_id;
      return { id, name: user.name, agency: { id: agency, name: agencyNames.get(agency)! } };
    };
    return holds.map((hold) =>
      Object.assign(hold, {
        pseudonym: pseudonyms.get(hold.subjectId)!,
        placedBy: person(hold.placedById, hold.placedByAgencyId),
        liftedBy: hold.liftedById ? person(hold.liftedById) : null,
      }),
    );
  }
}
