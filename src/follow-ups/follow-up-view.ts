import { FollowUpDto } from './dto/follow-up.dto';
import { FollowUp } from './follow-up.entity';

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
    overdue: followUp.state === 'open' && followUp.dueAt.getTime() < now.getTime(),
    escalationLevel: followUp.escalationLevel,
    version: followUp.version,
  };
}
