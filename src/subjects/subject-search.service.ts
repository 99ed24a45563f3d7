import { Injectable } from '@nestjs/common';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { InvalidInputError } from '../http/domain-errors';
import { SubjectSearchQuery } from './dto/subject-search.dto';
import { nameKey } from './name-key';
import { SubjectHit, SubjectSearchRepository } from './subject-search.repository';
import { SubjectsRepository } from './subjects.repository';

@Injectable()
export class SubjectSearchService {
  constructor(
    private readonly repository: SubjectSearchRepository,
    private readonly subjects: SubjectsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Finds subjects the caller may know exist, and audits it in the same transaction: one event for
   * the search (its purpose and hit count — never the words searched, which are a name), and one
   * per subject shown, saying whether its identity or only its pseudonym was shown.
   */
  async search(
    actor: Actor,
    ability: AppAbility,
    query: SubjectSearchQuery,
  ): Promise<{ hits: SubjectHit[]; nextCursor: string | null }> {
    const key = nameKey(query.query);
    if (key.length < 2) {
      throw new InvalidInputError('The search needs at least two letters or digits', [
        { field: 'query', message: 'at least two letters or digits' },
      ]);
    }
    return this.subjects.transaction(async (manager) => {
      const { hits, nextCursor } = await this.repository.search(
        manager,
        ability,
        actor.agencyId,
        { nameKey: key, dateOfBirth: query.dateOfBirth },
        { limit: query.limit, cursor: query.cursor },
      );
      await this.audit.recordMany(manager, [
        {
          action: 'subject.search' as const,
          outcome: 'allowed' as const,
          purpose: query.purpose ?? 'look_up',
          details: { hits: hits.length, dateOfBirthGiven: query.dateOfBirth !== undefined },
        },
        ...hits.map((hit) => ({
          action: 'subject.search' as const,
          outcome: 'allowed' as const,
          resourceId: hit.subject.id,
          subjectId: hit.subject.id,
          purpose: query.purpose ?? 'look_up',
          details: { view: hit.identityVisible ? 'identity' : 'pseudonym' },
        })),
      ]);
      return { hits, nextCursor };
    });
  }
}
