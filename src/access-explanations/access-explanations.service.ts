import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AppAbility, CONCERN_FULL_FIELDS, READ_RULE, ReadRule } from '../access/ability';
import { Actor } from '../access/actor';
import { concernForChecks, readableFields } from '../access/concern-fields';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../clock/clock';
import { Concern } from '../concerns/concern.entity';
import { ConcernsService } from '../concerns/concerns.service';
import { readBasis } from '../concerns/read-basis';
import { NotFoundError } from '../http/domain-errors';
import { sharePurpose } from '../referrals/legal-basis';
import { ReferralsService } from '../referrals/referrals.service';
import { AccessExplanationsRepository } from './access-explanations.repository';
import { AccessExplanationDto, AccessGroundDto } from './dto/access-explanation.dto';

type RuleLike = { inverted: boolean; reason?: string; fields?: string | string[] };

/** What one rule shows: a rule whose fields leave out the narrative shows a stub. */
function shows(rule: RuleLike): 'full' | 'stub' {
  if (rule.fields === undefined) return 'full';
  return ([] as string[]).concat(rule.fields).includes('narrative') ? 'full' : 'stub';
}

/** The rule's name; an unnamed read rule is a programming error (the answer must name it, not guess). */
function ruleName(rule: RuleLike): ReadRule {
  const names: string[] = Object.values(READ_RULE);
  if (!rule.reason || !names.includes(rule.reason)) throw new Error('a read rule without a name from READ_RULE');
  return rule.reason as ReadRule;
}

const fullFirst = (grounds: AccessGroundDto[]) =>
  [...grounds].sort((a, b) => Number(a.shows === 'stub') - Number(b.shows === 'stub'));

/**
 * "Why can I see this": for a concern or a referral the caller may open, every read rule of theirs that
 * matches it — the same CASL rules and share conditions the reads use — with the facts it rests on, and
 * for a stub the rule that withholds the rest. 404 exactly where the record's own read is 404.
 */
@Injectable()
export class AccessExplanationsService {
  constructor(
    private readonly repository: AccessExplanationsRepository,
    private readonly concerns: ConcernsService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async concern(actor: Actor, ability: AppAbility, id: string): Promise<AccessExplanationDto> {
    return this.repository.transaction(async (tx) => {
      const concern = await this.concerns.findVisible(tx, ability, id);
      if (!concern) throw new NotFoundError('concern');
      const now = this.clock.now();
      const checked = concernForChecks(concern);
      const matched = ability
        .rulesFor('read', 'Concern')
        .filter((rule) => !rule.inverted && rule.matchesConditions(checked));
      const grounds: AccessGroundDto[] = [];
      for (const rule of matched) {
        const name = ruleName(rule);
        const base = { rule: name, shows: shows(rule) };
        switch (name) {
          case READ_RULE.owningAgency:
            grounds.push({ ...base, agency: agencyOf(concern) });
            break;
          case READ_RULE.districtCoordinator:
          case READ_RULE.districtCoordinatorStub:
            grounds.push({ ...base, districtId: concern.districtId });
            break;
          case READ_RULE.vitalInterest:
            grounds.push({ ...base, districtId: concern.districtId, legalBasis: 'vital_interest' });
            break;
          case READ_RULE.shared:
            for (const share of await this.repository.sharesTo(tx, concern.id, actor.agencyId, now)) {
              grounds.push({
                ...base,
                share: share.kind,
                ...(share.referralId ? { referralId: share.referralId } : {}),
                legalBasis: share.legalBasis,
                ...(share.consentId
                  ? { consentId: share.consentId, until: share.consentValidUntil?.toISOString() ?? null }
                  : {}),
              });
            }
            break;
          case READ_RULE.breakGlass: {
            const mine = actor.breakGlass.filter((grant) => grant.concernId === concern.id).map((g) => g.grantId);
            for (const grant of await this.repository.grantEnds(tx, mine)) {
              grounds.push({ ...base, grantId: grant.id, until: grant.expiresAt.toISOString() });
            }
            break;
          }
          default:
            grounds.push(base);
        }
      }
      const readable = readableFields(ability, concern);
      const view = readable.has('narrative') ? 'full' : 'stub';
      await this.audit.record(tx, {
        action: 'concern.explain_access',
        resourceId: concern.id,
        subjectId: concern.subjectId,
        outcome: 'allowed',
        purpose: readBasis(ability, concern, actor.agencyId),
      });
      return {
        resourceType: 'concern',
        resourceId: concern.id,
        view,
        grounds: fullFirst(grounds),
        withheld:
          view === 'stub'
            ? {
                fields: CONCERN_FULL_FIELDS.filter((field) => !readable.has(field)),
                rule: 'agency_restricted',
                owningAgency: agencyOf(concern),
              }
            : null,
      };
    });
  }

  async referral(ability: AppAbility, id: string): Promise<AccessExplanationDto> {
    return this.repository.transaction(async (tx) => {
      const referral = await this.referrals.findVisible(tx, ability, id);
      if (!referral) throw new NotFoundError('referral');
      const shareActive = await this.repository.referralShareActive(tx, referral.id, this.clock.now());
      const checked = asSubject('Referral', { ...referral, shareActive });
      const matched = ability
        .rulesFor('read', 'Referral')
        .filter((rule) => !rule.inverted && rule.matchesConditions(checked));
      const grounds: AccessGroundDto[] = [];
      for (const rule of matched) {
        const name = ruleName(rule);
        const base = { rule: name, shows: 'full' as const };
        if (name === READ_RULE.receivingAgency) {
          const until = referral.consentId ? await this.repository.consentEnd(tx, referral.consentId) : undefined;
          grounds.push({
            ...base,
            ...(referral.toAgency
              ? { agency: { id: referral.toAgency.id, name: referral.toAgency.name, kind: referral.toAgency.kind } }
              : {}),
            referralId: referral.id,
            legalBasis: referral.legalBasis,
            ...(referral.consentId ? { consentId: referral.consentId, until: until?.toISOString() ?? null } : {}),
          });
        } else if (name === READ_RULE.districtCoordinator) {
          grounds.push({ ...base, districtId: referral.districtId });
        } else {
          grounds.push(base);
        }
      }
      await this.audit.record(tx, {
        action: 'referral.explain_access',
        resourceId: referral.id,
        subjectId: referral.subjectId,
        outcome: 'allowed',
        purpose: sharePurpose(referral),
      });
      return { resourceType: 'referral', resourceId: referral.id, view: 'full', grounds, withheld: null };
    });
  }
}

function agencyOf(concern: Concern) {
  const agency = concern.owningAgency;
  if (!agency) throw new Error('concern loaded without its owning agency');
  return { id: agency.id, name: agency.name, kind: agency.kind };
}
