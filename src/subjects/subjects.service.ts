import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { isUniqueViolation } from '../database/postgres-errors';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { CreateSubjectDto, LinkSubjectDto } from './dto/subject.dto';
import { nameKey } from './name-key';
import { newPseudonym } from './pseudonym';
import { refuseIfAnonymised } from './subject-rules';
import { Subject } from './subject.entity';
import { SubjectsRepository, VisibleLink, VisibleSubject } from './subjects.repository';

/** Born between 1900 and today. */
function plausibleBirth(dateOfBirth: string, now: Date): boolean {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  return !(born > now || born.getUTCFullYear() < 1900);
}

/** How similar two folded names must be (pg_trgm similarity, 0–1) to be offered as a possible duplicate. */
const DUPLICATE_SIMILARITY = 0.4;

@Injectable()
export class SubjectsService {
  constructor(
    private readonly repository: SubjectsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Registers a subject, and finds who it might already be, in one transaction. */
  register(
    actor: Actor,
    ability: AppAbility,
    input: CreateSubjectDto,
  ): Promise<{ subject: Subject; possibleDuplicates: Subject[] }> {
    return this.repository.transaction(async (manager) => {
      const { auditEvent, ...registered } = await this.create(manager, actor, ability, input);
      await this.audit.record(manager, auditEvent);
      return registered;
    });
  }

  /**
   * Registers a subject in the caller's transaction, and finds who it might already be. The caller records
   * `auditEvent` in the same transaction (with its own events, in one insert: a concern about a new subject).
   */
  async create(
    manager: EntityManager,
    actor: Actor,
    ability: AppAbility,
    input: CreateSubjectDto,
  ): Promise<{ subject: Subject; possibleDuplicates: Subject[]; auditEvent: AuditRecord }> {
    // The insert checks the district itself; only a refusal asks for it on its own, to name every problem at once.
    if (!plausibleBirth(input.dateOfBirth, this.clock.now())) await this.refuseImplausible(manager, input);
    const subject = await this.insertWithFreshPseudonym(manager, actor, input);
    const possibleDuplicates = await this.repository.possibleDuplicates(
      manager,
      ability,
      subject,
      DUPLICATE_SIMILARITY,
    );
    const auditEvent: AuditRecord = {
      action: 'subject.create',
      resourceId: subject.id,
      subjectId: subject.id,
      outcome: 'allowed',
      details: { possibleDuplicates: possibleDuplicates.map((candidate) => candidate.id) },
    };
    return { subject, possibleDuplicates, auditEvent };
  }

  /** The subject if the caller may know of it, and whether they may see who it is. Null otherwise. */
  findVisible(manager: EntityManager, ability: AppAbility, id: string): Promise<VisibleSubject | null> {
    return this.repository.findVisible(manager, ability, id);
  }

  /** Reads one subject for the caller and audits the read in the same transaction (a refusal where it is answered). */
  async read(ability: AppAbility, id: string): Promise<VisibleSubject & { links: VisibleLink[] }> {
    return this.repository.transaction(async (manager) => {
      const found = await this.findVisible(manager, ability, id);
      if (!found) throw new NotFoundError('subject');
      await this.audit.record(manager, {
        action: 'subject.read',
        resourceId: id,
        subjectId: id,
        outcome: 'allowed',
        details: { view: found.identityVisible ? 'identity' : 'pseudonym' },
      });
      return { ...found, links: await this.repository.visibleLinks(manager, ability, id) };
    });
  }

  /** A coordinator's judgement that two subjects of their district are the same person: the link, seen from `id`. */
  async link(ability: AppAbility, actor: Actor, id: string, input: LinkSubjectDto): Promise<VisibleLink> {
    try {
      return await this.repository.transaction(async (manager) => {
        const one = await this.mayLink(manager, ability, id);
        const other = await this.mayLink(manager, ability, input.otherSubjectId, 'named in the body');
        if (one.id === other.id) {
          throw new BusinessRuleError('A subject cannot be linked to itself', 'self-link', [
            { field: 'otherSubjectId', message: 'must be another subject' },
          ]);
        }
        const link = await this.repository.insertLink(manager, {
          subjectId: one.id,
          otherSubjectId: other.id,
          note: input.note,
          createdById: actor.id,
        });
        await this.audit.record(manager, {
          action: 'subject.link',
          resourceId: one.id,
          subjectId: one.id,
          outcome: 'allowed',
          details: { linkId: link.id, otherSubjectId: other.id },
        });
        return { id: link.id, createdAt: link.createdAt, other };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_subject_links_pair')) {
        throw new ConflictError('These subjects are already linked', 'duplicate');
      }
      throw error;
    }
  }

  /** Undoes a link; the row stays, marked removed, for the audit trail. Both subjects must be the caller's to link. */
  async unlink(ability: AppAbility, actor: Actor, id: string, linkId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      await this.mayLink(manager, ability, id);
      const link = await this.repository.findActiveLinkForUpdate(manager, linkId, id);
      if (!link) throw new NotFoundError('link').refusing({ details: { linkId } });
      const otherId = link.subjectId === id ? link.otherSubjectId : link.subjectId;
      await this.mayLink(manager, ability, otherId);
      await this.repository.markLinkRemoved(manager, link.id, this.clock.now(), actor.id);
      await this.audit.record(manager, {
        action: 'subject.unlink',
        resourceId: id,
        subjectId: id,
        outcome: 'allowed',
        details: { linkId: link.id, otherSubjectId: otherId },
      });
    });
  }

  /** The subject, if the caller may link it; a refusal of the other subject named in a link's body names that one. */
  private async mayLink(
    manager: EntityManager,
    ability: AppAbility,
    id: string,
    named?: 'named in the body',
  ): Promise<Subject> {
    const record = named ? { resourceType: 'subject' as const, resourceId: id } : {};
    const found = await this.findVisible(manager, ability, id);
    if (!found) throw new NotFoundError('subject').refusing(record);
    if (!ability.can('link', asSubject('Subject', { ...found.subject }))) {
      throw new ForbiddenActionError("Only a coordinator of the subject's district may link or unlink it").refusing({
        ...record,
        subjectId: id,
      });
    }
    refuseIfAnonymised(found.subject, named ? 'otherSubjectId' : undefined);
    return found.subject;
  }

  /** Refuses the subject with every problem it has: its district unknown (`districtExists`, asked if not given), its birth implausible. */
  private async refuseImplausible(
    manager: EntityManager,
    input: CreateSubjectDto,
    districtExists?: boolean,
  ): Promise<never> {
    const problems = [];
    if (!(districtExists ?? (await this.repository.districtExists(manager, input.districtId)))) {
      problems.push({ field: 'districtId', message: 'no district with this id' });
    }
    if (!plausibleBirth(input.dateOfBirth, this.clock.now())) {
      problems.push({ field: 'dateOfBirth', message: 'must be a date between 1900 and today' });
    }
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
        birthYear: Number(input.dateOfBirth.slice(0, 4)),
        districtId: input.districtId,
        createdById: actor.id,
        createdByAgencyId: actor.agencyId,
      };
      const inserted = await this.repository.insertUnlessPseudonymTaken(manager, values);
      if (!inserted.districtExists) return this.refuseImplausible(manager, input, false);
      if (inserted.subject) return inserted.subject;
    }
    throw new Error('no free pseudonym after five draws');
  }
}
