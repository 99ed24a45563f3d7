import { consentIsActive } from './consent-rules';
import { Consent } from './consent.entity';
import { ConsentDto, ConsentListDto } from './dto/consent.dto';

export function consentView(consent: Consent, now: Date): ConsentDto {
  return {
    id: consent.id,
    subjectId: consent.subjectId,
    givenBy: consent.givenBy,
    guardianName: consent.guardianName,
    agencyIds: consent.agencyIds,
    purpose: consent.purpose,
    givenAt: consent.givenAt.toISOString(),
    validUntil: consent.validUntil?.toISOString() ?? null,
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    active: consentIsActive(consent, now),
  };
}

/** A subject's consents, each as of `now`. */
export function consentListView(consents: Consent[], now: Date): ConsentListDto {
  return { items: consents.map((consent) => consentView(consent, now)) };
}
