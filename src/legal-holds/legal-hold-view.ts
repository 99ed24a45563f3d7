import { legalHoldIsActive } from './legal-hold-rules';
import { Page } from '../database/pagination';
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

/** A page of holds; a subject's holds come whole, as one page. */
export function legalHoldListView(page: Page<HoldWithNames> | HoldWithNames[], now: Date): LegalHoldListDto {
  const { items, nextCursor } = Array.isArray(page) ? { items: page, nextCursor: null } : page;
  return { items: items.map((hold) => legalHoldView(hold, now)), nextCursor };
}
