import { CaseRecordRetentionVariable, Environment } from '../config/environment';
import { REFERRAL_OUTCOMES, ReferralOutcome } from '../referrals/referral-vocabulary';
import { RetentionRule } from './personal-data-registry';

/**
 * How long each kind of case record is kept, and from when: the one table the retention job reads, and the
 * records of processing state. A period counts from when that record's case ended; a record whose case is open
 * (a concern not yet triaged, a referral still pending, accepted or in progress, a consent still valid, a follow-up
 * still open, a meeting not yet held) has no clock running and is never touched.
 */

/** What ends a record's case, and so starts its clock. */
export const RETENTION_CLOCKS = {
  concern_triaged: {
    from: 'concerns.triaged_at',
    description: 'the triage to guidance only or no further action',
  },
  last_referral_ended: {
    from: "the concern's last referral ended",
    description: 'the decline or close of the last of its referrals',
  },
  referral_declined: {
    from: 'the referral declined',
    description: 'the decline',
  },
  referral_closed: {
    from: 'the referral closed',
    description: 'the close',
  },
  consent_ended: {
    from: 'consents.withdrawn_at, else consents.valid_until',
    description: 'the withdrawal, or the end of its validity, whichever comes first',
  },
  meeting_started: {
    from: 'meetings.starts_at',
    description: 'the start of the meeting',
  },
  notification_created: {
    from: 'notifications.created_at',
    description: 'when the notification was raised',
  },
  follow_up_closed: {
    from: 'follow_ups.closed_at',
    description: 'when the follow-up was done or cancelled',
  },
} as const;
export type RetentionClock = keyof typeof RETENTION_CLOCKS;

export const RECORD_KINDS = [
  'concern_closed_without_referral',
  'concern_closed_after_referral',
  'referral_declined',
  ...REFERRAL_OUTCOMES.map((outcome) => `referral_closed_${outcome}` as const),
  'consent_ended',
  'meeting_agenda_and_minutes',
  'notification',
  'follow_up',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RetentionPeriod {
  kind: RecordKind;
  /** What the kind covers, in words. */
  description: string;
  /** The tables whose rows of this kind the job treats. */
  tables: readonly string[];
  /** Whole months, counted from `clock`. */
  months: number;
  /** The variable that sets `months`. */
  variable: CaseRecordRetentionVariable;
  clock: RetentionClock;
  /** The registry's rules this period drives for the columns of those tables. */
  rules: readonly RetentionRule[];
}

/** Which variable sets the period of a referral closed with each outcome. */
export const REFERRAL_OUTCOME_RETENTION: Record<ReferralOutcome, CaseRecordRetentionVariable> = {
  completed: 'REFERRAL_CLOSED_RETENTION_MONTHS',
  no_engagement: 'REFERRAL_CLOSED_RETENTION_MONTHS',
  transferred: 'REFERRAL_CLOSED_RETENTION_MONTHS',
  consent_withdrawn: 'REFERRAL_CONSENT_WITHDRAWN_RETENTION_MONTHS',
  escalated_to_police: 'REFERRAL_ESCALATED_TO_POLICE_RETENTION_MONTHS',
};

const CASE_TEXT_AND_IDENTITY: readonly RetentionRule[] = ['concern_narrative_erasure', 'subject_anonymisation'];

type Periods = Pick<Environment, CaseRecordRetentionVariable>;

/** One entry per kind of record: a pure function of the configuration. */
export function retentionPeriods(config: Periods): RetentionPeriod[] {
  const entry = (
    kind: RecordKind,
    description: string,
    tables: readonly string[],
    variable: CaseRecordRetentionVariable,
    clock: RetentionClock,
    rules: readonly RetentionRule[],
  ): RetentionPeriod => ({ kind, description, tables, months: config[variable], variable, clock, rules });
  return [
    entry(
      'concern_closed_without_referral',
      'Concerns triaged to guidance only or no further action',
      ['concerns', 'emergency_shares'],
      'CONCERN_CLOSED_RETENTION_MONTHS',
      'concern_triaged',
      CASE_TEXT_AND_IDENTITY,
    ),
    entry(
      'concern_closed_after_referral',
      'Concerns that were referred, once none of their referrals is open',
      ['concerns', 'emergency_shares'],
      'CONCERN_REFERRED_RETENTION_MONTHS',
      'last_referral_ended',
      CASE_TEXT_AND_IDENTITY,
    ),
    entry(
      'referral_declined',
      'Referrals declined by the receiving agency',
      ['referrals', 'referral_notes'],
      'REFERRAL_CLOSED_RETENTION_MONTHS',
      'referral_declined',
      CASE_TEXT_AND_IDENTITY,
    ),
    ...REFERRAL_OUTCOMES.map((outcome) =>
      entry(
        `referral_closed_${outcome}`,
        `Referrals closed \`${outcome}\``,
        ['referrals', 'referral_notes'],
        REFERRAL_OUTCOME_RETENTION[outcome],
        'referral_closed',
        CASE_TEXT_AND_IDENTITY,
      ),
    ),
    entry(
      'consent_ended',
      'Consents withdrawn or expired',
      ['consents'],
      'CONSENT_ENDED_RETENTION_MONTHS',
      'consent_ended',
      CASE_TEXT_AND_IDENTITY,
    ),
    entry(
      'meeting_agenda_and_minutes',
      "Meetings' agendas and minutes",
      ['agenda_items', 'meeting_minutes'],
      'MEETING_RECORD_RETENTION_MONTHS',
      'meeting_started',
      ['concern_narrative_erasure'],
    ),
    entry(
      'notification',
      'Notifications, read or not',
      ['notifications'],
      'NOTIFICATION_RETENTION_MONTHS',
      'notification_created',
      ['account_lifecycle'],
    ),
    entry(
      'follow_up',
      'Follow-ups done or cancelled',
      ['follow_ups'],
      'FOLLOW_UP_RETENTION_MONTHS',
      'follow_up_closed',
      ['concern_narrative_erasure'],
    ),
  ];
}
