import { Page } from '../database/pagination';
import { FollowUpDto, FollowUpPageDto } from './dto/follow-up.dto';
import { followUpIsOverdue } from './follow-up-rules';
import { FollowUp } from './follow-up.entity';

/** A follow-up as its owner and creator see it; `overdue` as of `now`. */
export function followUpView(followUp: FollowUp, now: Date): FollowUpDto {
  return {
    id: followUp.id,
    kind: followUp.kind,
    referralId: followUp.referralId,
    ownerId: followUp.ownerId,
    text: followUp.text,
    dueAt: followUp.dueAt.toISOString(),
    remindAt: followUp.remindAt.toISOString(),
    state: followUp.state,
    overdue: followUpIsOverdue.holds(followUp, now),
    escalationLevel: followUp.escalationLevel,
    version: followUp.version,
  };
}

/** A page of the caller's follow-ups. */
export function followUpPageView(page: Page<FollowUp>, now: Date): FollowUpPageDto {
  return { items: page.items.map((followUp) => followUpView(followUp, now)), nextCursor: page.nextCursor };
}
