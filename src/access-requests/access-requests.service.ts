import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { SubjectsService } from '../subjects/subjects.service';
import { buildAccessPackage, recordCount } from './access-package';
import { AccessRequestsRepository } from './access-requests.repository';
import { AccessPackageDto, CompileAccessPackageDto } from './dto/access-package.dto';

@Injectable()
export class AccessRequestsService {
  constructor(
    private readonly repository: AccessRequestsRepository,
    private readonly subjects: SubjectsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * A coordinator of the subject's district compiles everything held about them, across agencies,
   * and who has seen it (Article 15). Read in one transaction with its one audit event, which
   * records the purpose and how many records of each kind; the package itself is not stored.
   */
  compile(
    actor: Actor,
    ability: AppAbility,
    subjectId: string,
    input: CompileAccessPackageDto,
  ): Promise<AccessPackageDto> {
    return this.repository.transaction(async (tx) => {
      const found = await this.subjects.findVisible(tx, ability, subjectId);
      if (!found) throw new NotFoundError('subject');
      if (!ability.can('compile', asSubject('AccessPackage', { districtId: found.subject.districtId }))) {
        throw new ForbiddenActionError(
          "Only a coordinator of the subject's district compiles their access package",
        ).refusing({ subjectId });
      }
      const subject = await this.repository.subject(tx, subjectId);
      if (!subject) throw new NotFoundError('subject');
      const concerns = await this.repository.concerns(tx, subjectId);
      const referrals = await this.repository.referrals(tx, subjectId);
      const referralIds = referrals.map((referral) => referral.id);
      const referralFollowUps = await this.repository.followUps(tx, referralIds, []);
      const agendaItems = await this.repository.agendaItems(
        tx,
        concerns.map((concern) => concern.id),
        referralIds,
        referralFollowUps.map((followUp) => followUp.id),
      );
      const decisions = await this.repository.decisions(
        tx,
        agendaItems.map((item) => item.id),
      );
      const pkg = buildAccessPackage({
        generatedAt: this.clock.now(),
        purpose: input.purpose,
        language: input.language,
        compiler: await this.repository.compiler(tx, actor.id),
        subject,
        concerns,
        referrals,
        emergencyShares: await this.repository.emergencyShares(
          tx,
          concerns.map((concern) => concern.id),
        ),
        notes: await this.repository.referralNotes(tx, referralIds),
        consents: await this.repository.consents(tx, subjectId),
        agendaItems,
        decisions,
        // The referrals' follow-ups, and the action items the meetings set on the subject's items.
        followUps: await this.repository.followUps(
          tx,
          referralIds,
          decisions.map((decision) => decision.id),
        ),
        legalHolds: await this.repository.legalHolds(tx, subjectId),
        links: await this.repository.links(tx, subjectId),
        accesses: await this.repository.accessLog(tx, subjectId),
      });
      await this.audit.record(tx, {
        action: 'subject.compile_access_package',
        resourceId: subjectId,
        subjectId,
        purpose: input.purpose,
        outcome: 'allowed',
        details: {
          format: input.format ?? 'json',
          language: input.language,
          counts: { ...pkg.counts },
          records: recordCount(pkg.counts),
        },
      });
      return pkg;
    });
  }
}
