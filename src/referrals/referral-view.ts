import { today } from '../clock/today';
import { Page } from '../database/pagination';
import { ReferralDto, ReferralNoteDto, ReferralPageDto } from './dto/referral.dto';
import { ReferralNote } from './referral-note.entity';
import { referralIsOverdue } from './referral-rules';
import { Referral } from './referral.entity';

/** Expects the receiving agency and the subject loaded. Overdue as of `now`. */
export function referralView(referral: Referral, now: Date, notes?: ReferralNote[], since?: Date): ReferralDto {
  const { toAgency, subject } = referral;
  if (!toAgency || !subject) throw new Error('referral loaded without its agency and subject');
  const view: ReferralDto = {
    id: referral.id,
    concernId: referral.concernId,
    pseudonym: subject.pseudonym,
    districtId: referral.districtId,
    toAgency: { id: toAgency.id, name: toAgency.name, kind: toAgency.kind },
    programme: referral.programme,
    legalBasis: referral.legalBasis,
    consentId: referral.consentId,
    reason: referral.reason,
    reviewDate: referral.reviewDate,
    overdue: referralIsOverdue.holds(referral, today(now)),
    status: referral.status,
    outcome: referral.outcome,
    outcomeNote: referral.outcomeNote,
    declineReason: referral.declineReason,
    caseWorkerId: referral.caseWorkerId,
    caseWorker: referral.caseWorker ? { id: referral.caseWorker.id, name: referral.caseWorker.name } : null,
    version: referral.version,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
    receipt: receiptView(referral),
    unseenFlaggedAt: referral.unseenFlaggedAt?.toISOString() ?? null,
  };
  if (since)
    view.newSinceLastSeen =
      referral.createdAt.getTime() > since.getTime() || referral.updatedAt.getTime() > since.getTime();
  if (notes) view.notes = notes.map(noteView);
  return view;
}

/** Who of the receiving agency first opened it, and when; expects `seenBy` and its agency loaded. */
function receiptView(referral: Referral): ReferralDto['receipt'] {
  if (!referral.seenAt) return null;
  return {
    seenAt: referral.seenAt.toISOString(),
    seenBy: { name: referral.seenBy?.name ?? '', agency: referral.seenBy?.agency?.name ?? '' },
  };
}

export function noteView(note: ReferralNote): ReferralNoteDto {
  return {
    id: note.id,
    authorId: note.authorId,
    authorAgencyId: note.authorAgencyId,
    text: note.text,
    createdAt: note.createdAt.toISOString(),
  };
}

/** A page of the board, overdue as of `now`. */
export function referralPageView(page: Page<Referral>, now: Date, since?: Date): ReferralPageDto {
  return {
    items: page.items.map((referral) => referralView(referral, now, undefined, since)),
    nextCursor: page.nextCursor,
  };
}
