import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { subjectAccessSql } from '../access/subject-access';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Concern } from '../concerns/concern.entity';
import { entityColumns } from '../database/entity-columns';
import { isUniqueViolation } from '../database/postgres-errors';
import { District } from '../districts/district.entity';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { CreateSubjectDto, LinkSubjectDto, SubjectCandidateDto } from './dto/subject.dto';
import { nameKey } from './name-key';
import { newPseudonym } from './pseudonym';
import { SubjectLink } from './subject-link.entity';
import { Subject } from './subject.entity';

/** How similar two folded names must be (pg_trgm similarity, 0–1) to be offered as a possible duplicate. */
const DUPLICATE_SIMILARITY = 0.4;

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

@Injectable()
export class SubjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Registers a subject in the caller's transaction, and finds who it might already be. */
  async create(
    manager: EntityManager,
    actor: Actor,
    ability: AppAbility,
    input: CreateSubjectDto,
  ): Promise<{ subject: Subject; possibleDuplicates: SubjectCandidateDto[] }> {
    await this.assertPlausible(manager, input);
    const subject = await this.insertWithFreshPseudonym(manager, actor, input);
    const possibleDuplicates = await this.possibleDuplicates(manager, ability, subject);
    await this.audit.record(manager, {
      action: 'subject.created',
      resourceType: 'Subject',
      resourceId: subject.id,
      subjectId: subject.id,
      outcome: 'allowed',
      details: { possibleDuplicates: possibleDuplicates.map((candidate) => candidate.id) },
    });
    return { subject, possibleDuplicates };
  }

  /** The subject if the caller may know of it, and whether they may see who it is. Null otherwise. */
  async findVisible(manager: EntityManager, ability: AppAbility, id: string): Promise<VisibleSubject | null> {
    const { entities, raw } = await this.visibleQuery(manager, ability)
      .andWhere('subject.id = :id', { id })
      .getRawAndEntities<{ identity_visible: boolean }>();
    const [subject] = entities;
    return subject ? { subject, identityVisible: raw[0]!.identity_visible } : null;
  }

  /** Subjects the caller may know of, each with whether its identity is visible to them (`identity_visible`). */
  private visibleQuery(manager: EntityManager, ability: AppAbility): SelectQueryBuilder<Subject> {
    const access = subjectAccessSql(
      ability,
      'subject',
      { subject: entityColumns(this.dataSource, Subject), concern: entityColumns(this.dataSource, Concern) },
      this.clock.now(),
    );
    return manager
      .getRepository(Subject)
      .createQueryBuilder('subject')
      .addSelect(access.identity.sql, 'identity_visible')
      .where(access.visible.sql)
      .setParameters(access.visible.params);
  }

  /** Reads one subject for the caller and audits the read (or the refusal) in the same transaction. */
  async read(ability: AppAbility, id: string): Promise<VisibleSubject & { links: VisibleLink[] }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const found = await this.findVisible(manager, ability, id);
      await this.audit.record(manager, {
        action: 'subject.read',
        resourceType: 'Subject',
        resourceId: id,
        subjectId: found ? id : null,
        outcome: found ? 'allowed' : 'denied',
        details: found ? { view: found.identityVisible ? 'identity' : 'pseudonym' } : {},
      });
      if (!found) return null;
      return { ...found, links: await this.visibleLinks(manager, ability, id) };
    });
    if (!result) throw new NotFoundError('subject');
    return result;
  }

  /** A coordinator's judgement that two subjects of their district are the same person. */
  async link(ability: AppAbility, actor: Actor, id: string, input: LinkSubjectDto): Promise<SubjectLink> {
    return this.audit.refusalsRecorded('subject.link', 'Subject', id, async () => {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const one = await this.mayLink(manager, ability, id);
          const other = await this.mayLink(manager, ability, input.otherSubjectId);
          if (one.id === other.id) {
            throw new BusinessRuleError('A subject cannot be linked to itself', 'self-link', [
              { field: 'otherSubjectId', message: 'must be another subject' },
            ]);
          }
          const link = await manager.save(
            manager.create(SubjectLink, {
              subjectId: one.id,
              otherSubjectId: other.id,
              note: input.note,
              createdById: actor.id,
              removedAt: null,
              removedById: null,
            }),
          );
          await this.audit.record(manager, {
            action: 'subject.linked',
            resourceType: 'SubjectLink',
            resourceId: link.id,
            subjectId: one.id,
            outcome: 'allowed',
            details: { otherSubjectId: other.id },
          });
          return link;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'uq_subject_links_pair')) {
          throw new ConflictError('These subjects are already linked', 'duplicate');
        }
        throw error;
      }
    });
  }

  /** Undoes a link; the row stays, marked removed, for the audit trail. Both subjects must be the caller's to link. */
  async unlink(ability: AppAbility, actor: Actor, id: string, linkId: string): Promise<void> {
    await this.audit.refusalsRecorded('subject.unlink', 'Subject', id, () =>
      this.dataSource.transaction(async (manager) => {
        await this.mayLink(manager, ability, id);
        const link = await manager.findOne(SubjectLink, {
          where: [
            { id: linkId, subjectId: id, removedAt: IsNull() },
            { id: linkId, otherSubjectId: id, removedAt: IsNull() },
          ],
          lock: { mode: 'pessimistic_write' },
        });
        if (!link) throw new NotFoundError('link');
        const otherId = link.subjectId === id ? link.otherSubjectId : link.subjectId;
        await this.mayLink(manager, ability, otherId);
        await manager.update(SubjectLink, { id: link.id }, { removedAt: new Date(), removedById: actor.id });
        await this.audit.record(manager, {
          action: 'subject.unlinked',
          resourceType: 'SubjectLink',
          resourceId: link.id,
          subjectId: id,
          outcome: 'allowed',
          details: { otherSubjectId: otherId },
        });
      }),
    );
  }

  private async mayLink(manager: EntityManager, ability: AppAbility, id: string): Promise<Subject> {
    const found = await this.findVisible(manager, ability, id);
    if (!found) throw new NotFoundError('subject');
    if (!ability.can('link', asSubject('Subject', { ...found.subject }))) {
      throw new ForbiddenActionError("Only a coordinator of the subject's district may link or unlink it");
    }
    return found.subject;
  }

  /** Active links whose other subject the caller may also know of: a link must not reveal a record elsewhere. */
  private async visibleLinks(manager: EntityManager, ability: AppAbility, id: string): Promise<VisibleLink[]> {
    const links = await manager.find(SubjectLink, {
      where: [
        { subjectId: id, removedAt: IsNull() },
        { otherSubjectId: id, removedAt: IsNull() },
      ],
      order: { createdAt: 'ASC' },
    });
    const otherIds = links.map((link) => (link.subjectId === id ? link.otherSubjectId : link.subjectId));
    if (otherIds.length === 0) return [];
    const visible = await this.visibleQuery(manager, ability)
      .andWhere('subject.id IN (:...otherIds)', { otherIds })
      .getMany();
    const byId = new Map(visible.map((subject) => [subject.id, subject]));
    return links.flatMap((link, index) => {
      const other = byId.get(otherIds[index]!);
      return other ? [{ id: link.id, createdAt: link.createdAt, other }] : [];
    });
  }

  private async assertPlausible(manager: EntityManager, input: CreateSubjectDto): Promise<void> {
    const problems = [];
    if (!(await manager.existsBy(District, { id: input.districtId }))) {
      problems.push({ field: 'districtId', message: 'no district with this id' });
    }
    const born = new Date(`${input.dateOfBirth}T00:00:00Z`);
    if (born.getTime() > Date.now() || born.getUTCFullYear() < 1900) {
      problems.push({ field: 'dateOfBirth', message: 'must be a date between 1900 and today' });
    }
    if (problems.length > 0)
      throw new BusinessRuleError('The subject cannot be registered', 'invalid-subject', problems);
  }

  /** Pseudonyms are random; on the rare collision another is drawn (ON CONFLICT keeps the transaction usable). */
  private async insertWithFreshPseudonym(
    manager: EntityManager,
    actor: Actor,
    input: CreateSubjectDto,
  ): Promise<Subject> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const values = {
        pseudonym: newPseudonym(),
        fullName: input.fullName,
        nameKey: nameKey(input.fullName),
        dateOfBirth: input.dateOfBirth,
        districtId: input.districtId,
        createdById: actor.id,
        createdByAgencyId: actor.agencyId,
      };
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Subject)
        .values(values)
        .orIgnore()
        .returning(['id', 'createdAt'])
        .execute();
      const row = (inserted.raw as { id: string; created_at: Date }[])[0];
      // The row as stored, from what was sent and what the database added: no second read.
      if (row) return manager.create(Subject, { ...values, id: row.id, createdAt: row.created_at });
    }
    throw new Error('no free pseudonym after five draws');
  }

  /**
   * Subjects with the same date of birth and a similar name, among those the caller may
   * know of: a reporter's probe must not reveal who is registered elsewhere. Coordinators
   * see candidates across their districts, where linking is decided.
   */
  private async possibleDuplicates(
    manager: EntityManager,
    ability: AppAbility,
    subject: Subject,
  ): Promise<SubjectCandidateDto[]> {
    const candidates = await this.visibleQuery(manager, ability)
      .andWhere('subject.dateOfBirth = :dateOfBirth AND subject.id <> :newId', {
        dateOfBirth: subject.dateOfBirth,
        newId: subject.id,
      })
      .andWhere('similarity(subject.name_key, :nameKey) >= :similarity', {
        nameKey: subject.nameKey,
        similarity: DUPLICATE_SIMILARITY,
      })
      .orderBy('similarity(subject.name_key, :nameKey)', 'DESC')
      .limit(10)
      .getMany();
    return candidates.map((candidate) => ({
      id: candidate.id,
      pseudonym: candidate.pseudonym,
      districtId: candidate.districtId,
    }));
  }
}
