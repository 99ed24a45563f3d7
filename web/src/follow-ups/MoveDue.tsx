import type { FollowUp } from '../referrals/queries';

/** Moving a follow-up's due date: shown once the API offers it. */
export function MoveDue(_props: { followUp: FollowUp }) {
  return null;
}
