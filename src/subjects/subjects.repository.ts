import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { subjectAccessSql } from '../access/subject-access';
import { Clock } from '../clock/clock';
import { Concern } from '../concerns/concern.entity';
import { entityColumns } from '../database/entity-columns';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { District } from '../districts/district.entity';
import { SubjectLink } from './subject-link.entity';
import { Subject } from './subject.entity';

export interface VisibleSubject {
  subject: Subject;
  identityVisible: boolean;
}

/** A link as seen from one of its subjects. */
export interface VisibleLink {
  id: string;
  createdAt: Date;
  other: Subject;
}

export type NewSubject = Pick<
  Subject,
  | 'pseudonym'
  | 'fullName'
  | 'nameKey'
  | 'dateOfBirth'
  | 'birthYear'
  | 'districtId'
  | 'createdById'
  | 'createdByAgencyId'
>;

export type NewSubjectLink = Pick<SubjectLink, 'subjectId' | 'otherSubjectId' | 'note' | 'createdById'>;

const NEW_SUBJECT: NewSubject = {
  pseudonym: 'P-ABC123',
  fullName: DummyValue.STRING,
  nameKey: DummyValue.STRING,
  dateOfBirth: '2010-01-01',
  birthYear: 2010,
  districtId: DummyValue.UUID,
  createdById: DummyValue.UUID,
  createdByAgencyId: DummyValue.UUID,
};

/** Every query about subjects and the links between them. */
@Injectable()
export class SubjectsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Subjects the caller may know of, each with whether its identity is visible to them (`identity_visible`). */
  private visible(tx: EntityManager, ability: AppAbility): SelectQueryBuilder<Subject> {
    const access = subjectAccessSql(
      ability,
      'subject',
      { subject: entityColumns(this.dataSource, Subject), concern: entityColumns(this.dataSource, Concern) },
      this.clock.now(),
    );
    return tx
      .getRepository(Subject)
      .createQueryBuilder('subject')
      .addSelect(access.identity.sql, 'identity_visible')
      .where(access.visible.sql)
      .setParameters(access.visible.params);
  }

  /** The subject if the caller may know of it, and whether they may see who it is. Null otherwise. */
  @GenerateSql({ name: 'as a coordinator', params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  @GenerateSql({ name: 'as a case worker', params: [DummyValue.tx, DummyValue.caller.caseWorker, DummyValue.UUID] })
  @GenerateSql({ name: 'as a reporter', params: [DummyValue.tx, DummyValue.caller.reporter, DummyValue.UUID] })
  async findVisible(tx: EntityManager, ability: AppAbility, id: string): Promise<VisibleSubject | null> {
    const { entities, raw } = await this.visible(tx, ability)
      .andWhere('subject.id = :id', { id })
      .getRawAndEntities<{ identity_visible: boolean }>();
    const [subject] = entities;
    return subject ? { subject, identityVisible: raw[0].identity_visible } : null;
  }

  /**
   * The active links of a subject whose other subject the caller may also know of, oldest first:
   * a link must not reveal a record elsewhere.
   */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.caller.coordinator, DummyValue.UUID] })
  async visibleLinks(tx: EntityManager, ability: AppAbility, id: string): Promise<VisibleLink[]> {
    const links = await tx.find(SubjectLink, {
      where: [
        { subjectId: id, removedAt: IsNull() },
        { otherSubjectId: id, removedAt: IsNull() },
      ],
      order: { createdAt: 'ASC' },
    });
    const otherIds = links.map((link) => (link.subjectId === id ? link.otherSubjectId : link.subjectId));
    if (otherIds.length === 0) return [];
    const visible = await this.visible(tx, ability).andWhere('subject.id IN (:...otherIds)', { otherIds }).getMany();
    const byId = new Map(visible.map((subject) => [subject.id, subject]));
    return links.flatMap((link, index) => {
      const other = byId.get(otherIds[index]);
      return other ? [{ id: link.id, createdAt: link.createdAt, other }] : [];
    });
  }

  /**
   * Subjects with the same date of birth and a name at least `similarity` alike (pg_trgm, 0–1), among
   * those the caller may know of, most alike first: a reporter's probe must not reveal who is
   * registered elsewhere.
   */
  @GenerateSql({
    params: [DummyValue.tx, DummyValue.caller.reporter, { ...NEW_SUBJECT, id: DummyValue.UUID }, 0.4],
  })
  possibleDuplicates(
    tx: EntityManager,
    ability: AppAbility,
    subject: Pick<Subject, 'id' | 'dateOfBirth' | 'nameKey'>,
    similarity: number,
  ): Promise<Subject[]> {
    return this.visible(tx, ability)
      .andWhere('subject.dateOfBirth = :dateOfBirth AND subject.id <> :newId', {
        dateOfBirth: subject.dateOfBirth,
        newId: subject.id,
      })
      .andWhere('similarity(subject.name_key, :nameKey) >= :similarity', { nameKey: subject.nameKey, similarity })
      .orderBy('similarity(subject.name_key, :nameKey)', 'DESC')
      .limit(10)
      .getMany();
  }

  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID] })
  districtExists(tx: EntityManager, districtId: string): Promise<boolean> {
    return tx.existsBy(District, { id: districtId });
  }

  /**
   * Inserts the subject in its district unless its pseudonym is taken (ON CONFLICT keeps the transaction usable), in
   * one statement that also tells whether the district exists: `districtExists` false (and nothing inserted) when it
   * does not; else the row as stored, from what was sent and what the database added, or null to draw another.
   */
  @GenerateSql({ params: [DummyValue.tx, NEW_SUBJECT] })
  async insertUnlessPseudonymTaken(
    tx: EntityManager,
    values: NewSubject,
  ): Promise<{ districtExists: boolean; subject: Subject | null }> {
    const [row] = await tx.query<{ district_exists: boolean; id: string | null; created_at: Date | null }[]>(
      `WITH district AS (SELECT id FROM districts WHERE id = $6),
       inserted AS (
         INSERT INTO subjects (pseudonym, full_name, name_key, date_of_birth, birth_year, district_id, created_by_id,
                               created_by_agency_id)
         SELECT $1, $2, $3, $4::date, $5::smallint, district.id, $7::uuid, $8::uuid FROM district
         ON CONFLICT DO NOTHING
         RETURNING id, created_at)
       SELECT EXISTS (SELECT 1 FROM district) AS district_exists, inserted.id, inserted.created_at
         FROM (SELECT 1) AS one LEFT JOIN inserted ON TRUE`,
      [
        values.pseudonym,
        values.fullName,
        values.nameKey,
        values.dateOfBirth,
        values.birthYear,
        values.districtId,
        values.createdById,
        values.createdByAgencyId,
      ],
    );
    return {
      districtExists: row.district_exists,
      subject: row.id
        ? tx.create(Subject, { ...values, id: row.id, createdAt: row.created_at!, anonymisedAt: null })
        : null,
    };
  }

  /** A new link; a second active link of the same pair fails on `uq_subject_links_pair`. */
  @GenerateSql({
    params: [
      DummyValue.tx,
      {
        subjectId: DummyValue.UUID,
        otherSubjectId: DummyValue.UUID,
        note: DummyValue.STRING,
        createdById: DummyValue.UUID,
      },
    ],
  })
  insertLink(tx: EntityManager, link: NewSubjectLink): Promise<SubjectLink> {
    return tx.save(tx.create(SubjectLink, { ...link, removedAt: null, removedById: null }));
  }

  /** An active link of the subject, locked for its removal; null when there is none. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.UUID] })
  findActiveLinkForUpdate(tx: EntityManager, linkId: string, subjectId: string): Promise<SubjectLink | null> {
    return tx.findOne(SubjectLink, {
      where: [
        { id: linkId, subjectId, removedAt: IsNull() },
        { id: linkId, otherSubjectId: subjectId, removedAt: IsNull() },
      ],
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Removes a link; the row stays, marked removed, for the audit trail. */
  @GenerateSql({ params: [DummyValue.tx, DummyValue.UUID, DummyValue.DATE, DummyValue.UUID] })
  async markLinkRemoved(tx: EntityManager, linkId: string, at: Date, byId: string): Promise<void> {
    await tx.update(SubjectLink, { id: linkId }, { removedAt: at, removedById: byId });
  }
}
