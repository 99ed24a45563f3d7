import { AgencyKind } from '../agencies/agency-kind';
import { Classification, ConcernCategory, ConcernStatus, RiskLevel } from '../concerns/concern-vocabulary';
import { LegalBasis, ReferralStatus } from '../referrals/referral-vocabulary';

interface AgencyFacts {
  id: string;
  name: string;
  kind: AgencyKind;
}

/**
 * What an agenda item says about its case — never the subject's identity or a narrative. Read
 * live until the meeting starts (`AgendaRepository.facts`), then kept as the item's snapshot.
 * JSON-safe: times as text.
 */
export interface AgendaItemFacts {
  subjectId: string | null;
  pseudonym: string | null;
  concern: {
    id: string;
    category: ConcernCategory;
    riskLevel: RiskLevel;
    status: ConcernStatus;
    classification: Classification;
    createdAt: string;
    owningAgency: AgencyFacts;
  } | null;
  referral: {
    id: string;
    status: ReferralStatus;
    reviewDate: string;
    legalBasis: LegalBasis;
    toAgency: AgencyFacts;
  } | null;
  followUp: {
    id: string;
    dueAt: string;
    state: string;
    escalationLevel: number;
    owner: { id: string; name: string; agencyName: string };
  } | null;
}

/** A subject's identity, where a reader of an agenda may see it (`AgendaRepository.identities`). */
export interface Identity {
  fullName: string;
  dateOfBirth: string;
}
