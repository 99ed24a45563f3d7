import type { Bind } from '../access/shares';
import { subjectIsHeld } from '../legal-holds/legal-hold-rules';
import type { TriageOutcome } from '../concerns/concern-vocabulary';
import { OPEN_FOLLOW_UP_STATE } from '../follow-ups/follow-up-rules';
import { REFERRAL_OUTCOMES, ReferralStatus } from '../referrals/referral-vocabulary';
import type { RecordKind, RetentionPeriod } from '../privacy/retention-periods';

/** The triage outcomes that end a concern without a referral; the one that refers it. */
export const CLOSING_TRIAGE_OUTCOMES: readonly TriageOutcome[] = ['guidance_only', 'no_further_action'];
const REFER: TriageOutcome = 'refer';
const DECLINED: ReferralStatus = 'declined';

/**
 * When a subject is due for anonymisation, written once as SQL over a row of `subjects` (alias `s`): it is not
 * anonymised yet and EVERY case record about it has ended and passed its period (`retentionPeriods`, the one
 * table). All-or-nothing per subject: one open or recent record keeps everything about the subject.
 *
 * - a concern: triaged to guidance only or no further action, `concern_closed_without_referral` months after
 *   `triaged_at`; or triaged to refer, with at least one referral and every referral ended
 *   `concern_closed_after_referral` months ago (a concern still `new`, or waiting for its first referral, is open);
 * - a referral: declined or closed, its own kind's months after `ended_at` (declined, or closed by outcome);
 * - a consent: withdrawn or past `valid_until` (the earlier), `consent_ended` months ago (one with no end and not
 *   withdrawn is in force, and so open);
 * - a follow-up of its referrals, or an action item minuted on an agenda item about its concerns or referrals:
 *   done or cancelled `follow_up` months after `closed_at`;
 * - a meeting with an agenda item about its concerns or referrals: started `meeting_agenda_and_minutes` months ago.
 *
 * A subject with no case record at all is due once it was registered longer ago than the shortest concern period.
 * A condition that is unknown (a NULL: an untriaged concern, an open referral's missing end) counts as not ended.
 * Every condition is a NOT EXISTS probing one index by subject (ix_concerns_subject, ix_referrals_subject,
 * ix_consents_subject, ix_follow_ups_referral, ix_agenda_items_concern/_referral, ix_follow_ups_minute).
 */
export function subjectIsDueSql(periods: readonly RetentionPeriod[], now: Date, param: Bind): string {
  const cutoff = (kind: RecordKind) =>
    `(${param(now)}::timestamptz - make_interval(months => ${param(monthsOf(periods, kind))}::int))`;
  const closes = CLOSING_TRIAGE_OUTCOMES.map((outcome) => param(outcome)).join(', ');
  const referralCutoff = `CASE WHEN "r"."status" = ${param(DECLINED)} THEN ${cutoff('referral_declined')} ${REFERRAL_OUTCOMES.map(
    (outcome) => `WHEN "r"."outcome" = ${param(outcome)} THEN ${cutoff(`referral_closed_${outcome}`)}`,
  ).join(' ')} END`;
  // The agenda items about the subject's concerns or referrals, each branch driven by the subject's own rows.
  const itemsOfSubject = `(SELECT "ai"."id", "ai"."meeting_id" FROM concerns "c2"
      JOIN agenda_items "ai" ON "ai"."concern_id" = "c2"."id" WHERE "c2"."subject_id" = "s"."id"
    UNION ALL SELECT "ai"."id", "ai"."meeting_id" FROM referrals "r2"
      JOIN agenda_items "ai" ON "ai"."referral_id" = "r2"."id" WHERE "r2"."subject_id" = "s"."id")`;
  const shortestConcern = `GREATEST(${cutoff('concern_closed_without_referral')}, ${cutoff('concern_closed_after_referral')})`;
  return `("s"."anonymised_at" IS NULL
    AND "s"."created_at" <= ${shortestConcern}
    AND NOT EXISTS (SELECT 1 FROM concerns "c" WHERE "c"."subject_id" = "s"."id" AND NOT COALESCE(
      ("c"."triage_outcome" IN (${closes}) AND "c"."triaged_at" <= ${cutoff('concern_closed_without_referral')})
      OR ("c"."triage_outcome" = ${param(REFER)}
        AND EXISTS (SELECT 1 FROM referrals "cr" WHERE "cr"."concern_id" = "c"."id")
        AND NOT EXISTS (SELECT 1 FROM referrals "cr" WHERE "cr"."concern_id" = "c"."id"
          AND ("cr"."ended_at" IS NULL OR "cr"."ended_at" > ${cutoff('concern_closed_after_referral')}))), FALSE))
    AND NOT EXISTS (SELECT 1 FROM referrals "r" WHERE "r"."subject_id" = "s"."id"
      AND NOT COALESCE("r"."ended_at" <= ${referralCutoff}, FALSE))
    AND NOT EXISTS (SELECT 1 FROM consents "k" WHERE "k"."subject_id" = "s"."id"
      AND NOT (COALESCE(LEAST("k"."withdrawn_at", "k"."valid_until"), 'infinity') <= ${cutoff('consent_ended')}))
    AND NOT EXISTS (SELECT 1 FROM referrals "r3" JOIN follow_ups "f" ON "f"."referral_id" = "r3"."id"
      WHERE "r3"."subject_id" = "s"."id"
        AND NOT COALESCE("f"."state" <> ${param(OPEN_FOLLOW_UP_STATE)} AND "f"."closed_at" <= ${cutoff('follow_up')}, FALSE))
    AND NOT EXISTS (SELECT 1 FROM ${itemsOfSubject} "item"
      JOIN meeting_minutes "mm" ON "mm"."agenda_item_id" = "item"."id"
      JOIN follow_ups "f" ON "f"."minute_id" = "mm"."id"
      WHERE NOT COALESCE("f"."state" <> ${param(OPEN_FOLLOW_UP_STATE)} AND "f"."closed_at" <= ${cutoff('follow_up')}, FALSE))
    AND NOT EXISTS (SELECT 1 FROM ${itemsOfSubject} "item" JOIN meetings "m" ON "m"."id" = "item"."meeting_id"
      WHERE "m"."starts_at" > ${cutoff('meeting_agenda_and_minutes')}))`;
}

/** The subject of `s` has a legal hold in force at `now` (the legal holds' own rule: it lapses at `until`). */
export function subjectIsHeldSql(now: Date, param: Bind): string {
  return subjectIsHeld('s', now, param);
}

export function monthsOf(periods: readonly RetentionPeriod[], kind: RecordKind): number {
  const period = periods.find((candidate) => candidate.kind === kind);
  if (!period) throw new Error(`no retention period for ${kind}`);
  return period.months;
}
