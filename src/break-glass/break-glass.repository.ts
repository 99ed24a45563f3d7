import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { accessSql } from '../access/access-sql';
import { Concern } from '../concerns/concern.entity';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { BreakGlassGrant } from './break-glass-grant.entity';

/** How many grants awaiting review one answer lists at most. */
const AWAITING_LIMIT = 500;

/** A grant with the pseudonym of the subject it opened (never their identity). */
export type GrantWithPseudonym = BreakGlassGrant & { pseudonym: string };

/** The few facts of a concern that decide whether it may be opened: which district, whom it is about. */
export type ConcernToOpen = Pick<Concern, 'id' | 'subjectId' | 'districtId'>;

export type NewGrant = Pick<
  BreakGlassGrant,
  | 'userId'
  | 'agencyId'
  | 'resourceType'
  | 'resourceId'
  | 'subjectId'
  | 'reasonCode'
  | 'justification'
  | 'grantedAt'
  | 'expiresAt'
>;

export type GrantReview = Pick<BreakGlassGrant, 'reviewedAt' | 'reviewedById' | 'reviewOutcome' | 'reviewNote'>;

/** Break-glass grants: their opening, the auditor's queue of them and their review. */
@Injectable()
export class BreakGlassRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The grants the caller may act on this way (an auditor's; nobody else's). */
  private grants(tx: EntityManager, ability: AppAbility, action: 'read' | 'review') {
    const access = accessSql(ability, action, 'BreakGlass', {
      alias: 'grant',
      columns: entityColumns(this.dataSource, BreakGlassGrant),
    });
    return tx.getRepository(BreakGlassGrant).createQueryBuilder('grant').where(access.sql, access.params);
  }

  /** Which district a concern is of and whom it is about (no narrative, no identity): null if there is none. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  concernToOpen(tx: EntityManager, id: string): Promise<ConcernToOpen | null> {
    return tx.findOne(Concern, { select: { id: true, subjectId: true, districtId: true }, where: { id } });
  }

  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        userId: DummyValue.UUID,
        agencyId: DummyValue.UUID,
        resourceType: 'concern',
        resourceId: DummyValue.UUID,
        subjectId: DummyValue.UUID,
        reasonCode: 'imminent_risk',
        justification: DummyValue.STRING,
        grantedAt: DummyValue.DATE,
        expiresAt: DummyValue.DATE,
      },
    ],
  })
  async insert(tx: EntityManager, grant: NewGrant): Promise<GrantWithPseudonym> {
    const saved = await tx.save(
      tx.create(BreakGlassGrant, {
        ...grant,
        reviewedAt: null,
        reviewedById: null,
        reviewOutcome: null,
        reviewNote: null,
      }),
    );
    return (await this.withPseudonyms(tx, [saved]))[0];
  }

  /** Grants awaiting review, oldest first, with the subject's pseudonym: for an auditor. */
  @GenerateSql({ name: 'as an auditor', params: [DummyValue.tx, DummyValue.caller.auditor] })
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator] })
  async awaitingReview(tx: EntityManager, ability: AppAbility): Promise<GrantWithPseudonym[]> {
    const grants = await this.grants(tx, ability, 'read')
      .andWhere('grant.reviewedAt IS NULL')
      .orderBy('grant.grantedAt', 'ASC')
      .limit(AWAITING_LIMIT)
      .getMany();
    return this.withPseudonyms(tx, grants);
  }

  /** One grant the caller may review, its row locked until the transaction ends (null when none). */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.auditor, DummyValue.UUID] })
  lockForReview(tx: EntityManager, ability: AppAbility, id: string): Promise<BreakGlassGrant | null> {
    return this.grants(tx, ability, 'review').andWhere('grant.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Records the review, and returns the grant as it is now, with the subject's pseudonym. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      DummyValue.UUID,
      { reviewedAt: DummyValue.DATE, reviewedById: DummyValue.UUID, reviewOutcome: 'justified', reviewNote: 'abc' },
    ],
  })
  async review(tx: EntityManager, id: string, review: GrantReview): Promise<GrantWithPseudonym> {
    await tx.update(BreakGlassGrant, { id }, review);
    return (await this.withPseudonyms(tx, [await tx.findOneByOrFail(BreakGlassGrant, { id })]))[0];
  }

  /** The grants with the pseudonym of the subject each opened. */
  private async withPseudonyms(tx: EntityManager, grants: BreakGlassGrant[]): Promise<GrantWithPseudonym[]> {
    const rows: { id: string; pseudonym: string }[] = grants.length
      ? await tx.query('SELECT id, pseudonym FROM subjects WHERE id = ANY($1)', [
          grants.map((grant) => grant.subjectId),
        ])
      : [];
    const pseudonyms = new Map(rows.map((row) => [row.id, row.pseudonym]));
    return grants.map((grant) => Object.assign(grant, { pseudonym: pseudonyms.get(grant.subjectId)! }));
  }
}
