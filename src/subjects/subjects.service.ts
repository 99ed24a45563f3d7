import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { subjectAccessSql } from '../access/subject-access';
import { AuditService } from '../audit/audit.service';
import { Concern } from '../concerns/concern.entity';
import { entityColumns } from '../database/entity-columns';
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

@Injectable()
export class SubjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Registers a subject in the caller's transaction, and finds who it might already be. */
  async create(
    manager: EntityManager,
    actor: Actor,
    input: CreateSubjectDto,
  ): Promise<{ subject: Subject; possibleDuplicates: SubjectCandidateDto[] }> {
    await this.assertPlausible(manager, input);
    const subject = await this.insertWithFreshPseudonym(manager, actor, input);
    const possibleDuplicates = await this.possibleDuplicates(manager, subject);
    await this.audit.record(manager, {
      action: 'subject.created',
      resourceType: 'Subject',
      resourceId: subject.id,
      subjectId: subject.id,
      outcome: 'allowed',
      details: { possibleDuplicates: possibleDuplicates.length },
    });
    return { subject, possibleDuplicates };
  }

  /** The subject if the caller may know of it, and whether they may see who it is. Null otherwise. */
  async findVisible(manager: EntityManager, ability: AppAbility, id: string): Promise<VisibleSubject | null> {
    const access = subjectAccessSql(ability, 'subject', {
      subject: entityColumns(this.dataSource, Subject),
      concern: entityColumns(this.dataSource, Concern),
    });
    const { entities, raw } = await manager
      .getRepository(Subject)
      .createQueryBuilder('subject')
      .addSelect(access.identity.sql, 'identity_visible')
      .where('subject.id = :id', { id })
      .andWhere(access.visible.sql)
      .setParameters(access.visible.params)
      .getRawAndEntities<{ identity_visible: boolean }>();
    const [subject] = entities;
    return subject ? { subject, identityVisible: raw[0]!.identity_visible } : null;
  }

  /** Reads one subject for the caller and audits the read (or the refusal) in the same transaction. */
  async read(ability: AppAbility, id: string): Promise<VisibleSubject & { links: SubjectLink[] }> {
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
      return { ...found, links: await this.activeLinks(manager, id) };
    });
    if (!result) throw new NotFoundError('subject');
    return result;
  }

  /** A coordinator's judgement that two subjects of their district are the same person. */
  async link(ability: AppAbility, actor: Actor, id: string, input: LinkSubjectDto): Promise<SubjectLink> {
    if (id === input.otherSubjectId) {
      throw new BusinessRuleError('A subject cannot be linked to itself', 'self-link', [
        { field: 'otherSubjectId', message: 'must be another subject' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const [one, other] = await Promise.all([
        this.mayLink(manager, ability, id),
        this.mayLink(manager, ability, input.otherSubjectId),
      ]);
      const existing = await manager.findOne(SubjectLink, {
        where: [
          { subjectId: id, otherSubjectId: other.id, removedAt: IsNull() },
          { subjectId: other.id, otherSubjectId: id, removedAt: IsNull() },
        ],
      });
      if (existing) throw new ConflictError('These subjects are already linked', 'duplicate');
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
        subjectId: id,
        outcome: 'allowed',
        details: { otherSubjectId: other.id },
      });
      return link;
    });
  }

  /** Undoes a link; the row stays, marked removed, for the audit trail. */
  async unlink(ability: AppAbility, actor: Actor, id: string, linkId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.mayLink(manager, ability, id);
      const link = await manager.findOne(SubjectLink, {
        where: [
          { id: linkId, subjectId: id, removedAt: IsNull() },
          { id: linkId, otherSubjectId: id, removedAt: IsNull() },
        ],
        lock: { mode: 'pessimistic_write' },
      });
      if (!link) throw new NotFoundError('link');
      await manager.update(SubjectLink, { id: link.id }, { removedAt: new Date(), removedById: actor.id });
      await this.audit.record(manager, {
        action: 'subject.unlinked',
        resourceType: 'SubjectLink',
        resourceId: link.id,
        subjectId: id,
        outcome: 'allowed',
        details: { otherSubjectId: link.subjectId === id ? link.otherSubjectId : link.subjectId },
      });
    });
  }

  private async mayLink(manager: EntityManager, ability: AppAbility, id: string): Promise<Subject> {
    const found = await this.findVisible(manager, ability, id);
    if (!found) throw new NotFoundError('subject');
    if (!ability.can('link', asSubject('Subject', { ...found.subject }))) {
      throw new ForbiddenActionError("Only a coordinator of the subject's district may link or unlink it");
    }
    return found.subject;
  }

  private activeLinks(manager: EntityManager, id: string): Promise<SubjectLink[]> {
    return manager.find(SubjectLink, {
      where: [
        { subjectId: id, removedAt: IsNull() },
        { otherSubjectId: id, removedAt: IsNull() },
      ],
      relations: { subject: true, otherSubject: true },
      order: { createdAt: 'ASC' },
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
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Subject)
        .values({
          pseudonym: newPseudonym(),
          fullName: input.fullName,
          nameKey: nameKey(input.fullName),
          dateOfBirth: input.dateOfBirth,
          districtId: input.districtId,
          createdById: actor.id,
          createdByAgencyId: actor.agencyId,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (id) return manager.findOneByOrFail(Subject, { id });
    }
    throw new Error('no free pseudonym after five draws');
  }

  private async possibleDuplicates(manager: EntityManager, subject: Subject): Promise<SubjectCandidateDto[]> {
    const rows: { id: string; pseudonym: string; district_id: string }[] = await manager.query(
      `SELECT id, pseudonym, district_id FROM subjects
        WHERE date_of_birth = $1 AND id <> $2 AND similarity(name_key, $3) >= $4
        ORDER BY similarity(name_key, $3) DESC
        LIMIT 10`,
      [subject.dateOfBirth, subject.id, subject.nameKey, DUPLICATE_SIMILARITY],
    );
    return rows.map((row) => ({ id: row.id, pseudonym: row.pseudonym, districtId: row.district_id }));
  }
}
