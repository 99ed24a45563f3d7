import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { binder, referralShareFields, shareIsActive } from '../access/shares';
import { Agency } from '../agencies/agency.entity';
import { Clock } from '../clock/clock';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { isIsoDate, Page, paginate } from '../database/pagination';
import { Subject } from '../subjects/subject.entity';
import { User } from '../users/user.entity';
import { ReferralQuery } from './dto/referral.dto';
import { ReferralNote } from './referral-note.entity';
import { referralIsOverdue } from './referral-rules';
import { ReferralStatus } from './referral-vocabulary';
import { Referral } from './referral.entity';

export type NewReferral = Pick<
  Referral,
  | 'concernId'
  | 'concernCreatedAt'
  | 'subjectId'
  | 'districtId'
  | 'toAgencyId'
  | 'programme'
  | 'legalBasis'
  | 'consentId'
  | 'reason'
  | 'reviewDate'
  | 'createdById'
>;

export type ReferralChanges = Partial<
  Pick<Referral, 'status' | 'caseWorkerId' | 'declineReason' | 'outcome' | 'outcomeNote' | 'endedAt'>
>;

export type NewReferralNote = Pick<ReferralNote, 'referralId' | 'authorId' | 'authorAgencyId' | 'text'>;

/** A referral's state when it is made. */
const NEW_REFERRAL_STATUS: ReferralStatus = 'pending';

/** Every query about referrals and their notes. Reads take the caller's ability. */
@Injectable()
export class ReferralsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The receiving agency and the subject (for its pseudonym), each many-to-one: one row per referral. */
  private withRelations(tx: EntityManager): SelectQueryBuilder<Referral> {
    return (
      tx
        .getRepository(Referral)
        .createQueryBuilder('referral')
        .innerJoinAndSelect('referral.toAgency', 'toAgency')
        .innerJoinAndMapOne('referral.subject', Subject, 'subject', 'subject.id = referral.subjectId')
        // The receipt: the reader's name and agency, nothing else of their account.
        .leftJoin('referral.seenBy', 'seenBy')
        .addSelect(['seenBy.id', 'seenBy.name'])
        .leftJoin('seenBy.agency', 'seenByAgency')
        .addSelect(['seenByAgency.id', 'seenByAgency.name'])
        // The assigned case worker's name, nothing else of their account.
        .leftJoin('referral.caseWorker', 'caseWorker')
        .addSelect(['caseWorker.id', 'caseWorker.name'])
    );
  }

  /** Referrals the caller may see: the CASL rules (with the legal basis still holding) as SQL. */
  private visible(tx: EntityManager, ability: AppAbility): SelectQueryBuilder<Referral> {
    const access = accessSql(ability, 'read', 'Referral', {
      alias: 'referral',
      columns: { ...entityColumns(this.dataSource, Referral), ...referralShareFields('referral', this.clock.now()) },
    });
    return this.withRelations(tx).where(access.sql, access.params);
  }

  /** The coordinator's board: filtered in SQL, ordered by review date; `today` (YYYY-MM-DD) decides what is overdue. */
  @GenerateSql({
    name: 'as a coordinator',
    params: [DummyValue.tx, DummyValue.caller.coordinator, { limit: 50 }, '2026-01-01'],
  })
  @GenerateSql({
    name: 'as a case worker',
    params: [DummyValue.tx, DummyValue.caller.caseWorker, { limit: 50 }, '2026-01-01'],
  })
  @GenerateSql({
    name: 'filtered, overdue',
    params: [
      DummyValue.tx,
      DummyValue.caller.coordinator,
      {
        limit: 50,
        status: 'pending',
        toAgencyId: DummyValue.UUID,
        districtId: DummyValue.UUID,
        programme: DummyValue.STRING,
        overdue: true,
        receipt: 'unseen',
      },
      '2026-01-01',
    ],
  })
  page(tx: EntityManager, ability: AppAbility, filter: ReferralQuery, today: string): Promise<Page<Referral>> {
    const query = this.visible(tx, ability);
    if (filter.status) query.andWhere('referral.status = :status', { status: filter.status });
    if (filter.toAgencyId) query.andWhere('referral.toAgencyId = :toAgencyId', { toAgencyId: filter.toAgencyId });
    if (filter.districtId) query.andWhere('referral.districtId = :districtId', { districtId: filter.districtId });
    if (filter.programme) query.andWhere('referral.programme = :programme', { programme: filter.programme });
    if (filter.receipt === 'unseen')
      query.andWhere('referral.status = :unseenStatus AND referral.seenAt IS NULL', {
        unseenStatus: NEW_REFERRAL_STATUS,
      });
    if (filter.receipt === 'seen') query.andWhere('referral.seenAt IS NOT NULL');
    if (filter.overdue !== undefined) {
      const { param, params } = binder('overdue');
      const overdue = referralIsOverdue.sql('referral', today, param);
      query.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, params);
    }
    return paginate(query, filter, {
      column: 'reviewDate',
      direction: 'ASC',
      keyOf: (referral) => referral.reviewDate,
      keyIsValid: isIsoDate,
    });
  }

  /** One referral the caller may see, or null. */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  findVisible(tx: EntityManager, ability: AppAbility, id: string): Promise<Referral | null> {
    return this.visible(tx, ability).andWhere('referral.id = :id', { id }).getOne();
  }

  /** One referral the caller may see, with `shareActive` (its virtual field, from the same SQL) for the in-memory check. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  async findVisibleWithShare(
    tx: EntityManager,
    ability: AppAbility,
    id: string,
  ): Promise<{ referral: Referral; shareActive: boolean } | null> {
    const { param, params } = binder('active');
    const { entities, raw } = await this.visible(tx, ability)
      .addSelect(shareIsActive('referral', this.clock.now(), param), 'share_active')
      .setParameters(params)
      .andWhere('referral.id = :id', { id })
      .getRawAndEntities<{ share_active: boolean }>();
    const referral = entities[0];
    return referral ? { referral, shareActive: raw[0].share_active } : null;
  }

  /**
   * The receipt: marks a pending referral seen by `userId` at `at`, unless it already is. Neither
   * the version nor the time of change moves (opening it is not changing it: a case worker's
   * accept at the version they read still applies). True when this call marked it.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID, DummyValue.DATE] })
  async markSeen(tx: EntityManager, id: string, userId: string, at: Date): Promise<boolean> {
    // An UPDATE answers [rows, count].
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE referrals SET seen_at = $3, seen_by_id = $2 WHERE id = $1 AND status = $4 AND seen_at IS NULL`,
      [id, userId, at, NEW_REFERRAL_STATUS],
    );
    return count === 1;
  }

  /** Who opened it first, with their agency: for the answer to the call that marked it. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  reader(tx: EntityManager, userId: string): Promise<User | null> {
    return tx
      .getRepository(User)
      .createQueryBuilder('reader')
      .select(['reader.id', 'reader.name'])
      .leftJoin('reader.agency', 'agency')
      .addSelect(['agency.id', 'agency.name'])
      .where('reader.id = :userId', { userId })
      .getOne();
  }

  /** Its status and version, to say why a conditional change did not apply. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  state(tx: EntityManager, id: string): Promise<Pick<Referral, 'status' | 'version'>> {
    return tx.findOneOrFail(Referral, { select: { status: true, version: true }, where: { id } });
  }

  /** The case notes of a referral the caller may see, oldest first (none of one they may not). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  notes(tx: EntityManager, ability: AppAbility, referralId: string): Promise<ReferralNote[]> {
    const visible = this.visible(tx, ability)
      .select('referral.id')
      .andWhere('referral.id = :notedReferral', { notedReferral: referralId });
    return tx
      .getRepository(ReferralNote)
      .createQueryBuilder('note')
      .where(`note.referralId IN (${visible.getQuery()})`)
      .setParameters(visible.getParameters())
      .orderBy('note.createdAt', 'ASC')
      .getMany();
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  findAgency(tx: EntityManager, id: string): Promise<Agency | null> {
    return tx.findOneBy(Agency, { id });
  }

  /** An active user of the agency, to be checked for the case worker role. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID] })
  findActiveStaff(tx: EntityManager, userId: string, agencyId: string): Promise<User | null> {
    return tx.findOneBy(User, { id: userId, agencyId, active: true });
  }

  /** A new, pending referral; a second open one to the same agency fails on `uq_referrals_open_per_agency`. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        concernId: DummyValue.UUID,
        concernCreatedAt: DummyValue.DATE,
        subjectId: DummyValue.UUID,
        districtId: DummyValue.UUID,
        toAgencyId: DummyValue.UUID,
        programme: null,
        legalBasis: 'statutory_duty',
        consentId: null,
        reason: DummyValue.STRING,
        reviewDate: '2026-02-01',
        createdById: DummyValue.UUID,
      },
    ],
  })
  insert(tx: EntityManager, referral: NewReferral): Promise<Referral> {
    return tx.save(
      tx.create(Referral, {
        ...referral,
        status: NEW_REFERRAL_STATUS,
        caseWorkerId: null,
        declineReason: null,
        outcome: null,
        outcomeNote: null,
      }),
    );
  }

  /**
   * Moves a referral on if it is still at `version` and in one of the states `from`: of two people
   * acting at once exactly one wins. Null when it did not apply; else the version and time the
   * change gave the row, which with `changes` is all that changed (no other column moves).
   */
  @GenerateSql({
    params: [DummyValue.tx, DummyValue.UUID, 1, ['pending'], { status: 'accepted', caseWorkerId: DummyValue.UUID }],
  })
  async transition(
    tx: EntityManager,
    id: string,
    version: number,
    from: readonly ReferralStatus[],
    changes: ReferralChanges,
  ): Promise<Pick<Referral, 'version' | 'updatedAt'> | null> {
    const result = await tx
      .createQueryBuilder()
      .update(Referral)
      .set(changes)
      .where('id = :id AND version = :version AND status IN (:...from)', { id, version, from })
      .returning(['version', 'updatedAt'])
      .execute();
    const [row] = result.raw as { version: number; updated_at: Date }[];
    return result.affected === 1 && row ? { version: row.version, updatedAt: row.updated_at } : null;
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        referralId: DummyValue.UUID,
        authorId: DummyValue.UUID,
        authorAgencyId: DummyValue.UUID,
        text: DummyValue.STRING,
      },
    ],
  })
  insertNote(tx: EntityManager, note: NewReferralNote): Promise<ReferralNote> {
    return tx.save(tx.create(ReferralNote, note));
  }
}
