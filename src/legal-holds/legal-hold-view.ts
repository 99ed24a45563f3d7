import { legalHoldIsActive } from './legal-hold-rules';
import { HoldWithNames } from './legal-holds.repository';
import { LegalHoldDto, LegalHoldListDto } from './dto/legal-hold.dto';

/** The answer for a hold: whose (by pseudonym), why, by whom, until when, whether lifted, and whether active at `now`. */
export function legalHoldView(hold: HoldWithNames, now: Date): LegalHoldDto {
  return {
    id: hold.id,
    subjectId: hold.subjectId,
    pseudonym: hold.pseudonym,
    districtId: hold.districtId,
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt.toISOString(),
    until: hold.until.toISOString(),
    liftedAt: hold.liftedAt?.toISOString() ?? null,
    liftedBy: hold.liftedBy,
    liftReason: hold.liftReason,
    active: legalHoldIsActive.holds(hold, now),
    version: hold.version,
  };
}

export function legalHoldListView(holds: HoldWithNames[], now: Date): LegalHoldListDto {
  return { items: holds.map((hold) => legalHoldView(hold, now)) };
}
